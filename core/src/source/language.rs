//! The article's language and writing direction: from what the source declares, else from the
//! script most of its letters are written in.

/// How the article's lines run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Direction {
    #[default]
    LeftToRight,
    RightToLeft,
}

impl Direction {
    /// The value of the HTML `dir` attribute.
    pub fn as_attribute(self) -> &'static str {
        match self {
            Direction::LeftToRight => "ltr",
            Direction::RightToLeft => "rtl",
        }
    }
}

/// Languages written right to left, by their primary subtag.
const RIGHT_TO_LEFT: &[&str] = &[
    "ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ku", "ps", "sd", "syr", "ug", "ur", "yi",
];

/// The direction of a language tag such as `he` or `ar-EG`; `Arab` and `Hebr` script subtags
/// count too (`ku-Arab`).
pub fn direction_of(lang: &str) -> Direction {
    let lower = lang.to_ascii_lowercase();
    let mut subtags = lower.split(['-', '_']);
    let primary = subtags.next().unwrap_or_default();
    let script_rtl = subtags.any(|s| matches!(s, "arab" | "hebr" | "syrc" | "thaa"));
    if script_rtl || RIGHT_TO_LEFT.contains(&primary) {
        Direction::RightToLeft
    } else {
        Direction::LeftToRight
    }
}

/// A declared tag, checked: letters, digits and hyphens, at most 35 characters (RFC 5646's
/// longest well-formed tags); anything else is not a language tag.
pub fn declared(lang: &str) -> Option<String> {
    let lang = lang.trim();
    let well_formed = !lang.is_empty()
        && lang.len() <= 35
        && lang.starts_with(|c: char| c.is_ascii_alphabetic())
        && lang.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    well_formed.then(|| lang.to_owned())
}

/// The language a script tells on its own, from up to the first 4,000 letters: Arabic script is
/// taken as `ar` and Hebrew as `he` (which decides the direction); Latin, Cyrillic and others
/// are shared by many languages, so they tell nothing.
pub fn detect(text: &str) -> Option<&'static str> {
    let (mut arabic, mut hebrew, mut letters) = (0usize, 0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()).take(4000) {
        letters += 1;
        match c {
            '\u{0600}'..='\u{06FF}'
            | '\u{0750}'..='\u{077F}'
            | '\u{08A0}'..='\u{08FF}'
            | '\u{FB50}'..='\u{FDFF}'
            | '\u{FE70}'..='\u{FEFF}' => arabic += 1,
            '\u{0590}'..='\u{05FF}' | '\u{FB1D}'..='\u{FB4F}' => hebrew += 1,
            _ => {}
        }
    }
    let half = letters / 2;
    if letters == 0 {
        None
    } else if arabic > half {
        Some("ar")
    } else if hebrew > half {
        Some("he")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_tags_give_the_direction() {
        assert_eq!(direction_of("ar-EG"), Direction::RightToLeft);
        assert_eq!(direction_of("HE"), Direction::RightToLeft);
        assert_eq!(direction_of("ku-Arab"), Direction::RightToLeft);
        assert_eq!(direction_of("en-GB"), Direction::LeftToRight);
        assert_eq!(direction_of("ku"), Direction::RightToLeft);
        assert_eq!(direction_of(""), Direction::LeftToRight);
    }

    #[test]
    fn only_well_formed_tags_are_taken() {
        assert_eq!(declared(" pt-BR "), Some("pt-BR".into()));
        assert_eq!(declared("en\" onload=\"x"), None);
        assert_eq!(declared("-en"), None);
        assert_eq!(declared(""), None);
    }

    #[test]
    fn scripts_that_tell_the_language() {
        assert_eq!(detect("مرحبا بالعالم، هذا مقال"), Some("ar"));
        assert_eq!(detect("שלום עולם, זה מאמר"), Some("he"));
        assert_eq!(detect("Hello world"), None);
        assert_eq!(detect("Привет, мир"), None);
        assert_eq!(detect("1234 !!"), None);
        // A Latin article quoting one Arabic word is still Latin.
        assert_eq!(detect("The word سلام means peace in many places"), None);
    }
}
