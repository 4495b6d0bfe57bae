//! The languages the segmenter knows by name: the one an article is read in decides which
//! sentence rules apply, and the page offers them to the reader when detection is wrong.

/// A language with a name of its own in the picker. Any other tag reads with the default rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Language {
    #[default]
    English,
    Arabic,
    Persian,
    Urdu,
    German,
    French,
    Spanish,
    Italian,
    Russian,
    Greek,
    Chinese,
    Japanese,
    Hindi,
    Armenian,
}

impl Language {
    /// Every language, in the order the picker lists them.
    pub const ALL: &'static [Language] = &[
        Language::English,
        Language::Arabic,
        Language::Persian,
        Language::Urdu,
        Language::German,
        Language::French,
        Language::Spanish,
        Language::Italian,
        Language::Russian,
        Language::Greek,
        Language::Chinese,
        Language::Japanese,
        Language::Hindi,
        Language::Armenian,
    ];

    /// The language of a BCP 47 tag such as `de-AT`, by its primary subtag; unknown ones read
    /// with the default rules.
    pub fn from_tag(tag: &str) -> Language {
        let primary = tag.split(['-', '_']).next().unwrap_or_default();
        Language::ALL
            .iter()
            .copied()
            .find(|language| language.code().eq_ignore_ascii_case(primary))
            .unwrap_or_default()
    }

    /// Its ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::Arabic => "ar",
            Language::Persian => "fa",
            Language::Urdu => "ur",
            Language::German => "de",
            Language::French => "fr",
            Language::Spanish => "es",
            Language::Italian => "it",
            Language::Russian => "ru",
            Language::Greek => "el",
            Language::Chinese => "zh",
            Language::Japanese => "ja",
            Language::Hindi => "hi",
            Language::Armenian => "hy",
        }
    }

    /// Its name in itself, as its readers know it.
    pub fn endonym(self) -> &'static str {
        match self {
            Language::English => "English",
            Language::Arabic => "العربية",
            Language::Persian => "فارسی",
            Language::Urdu => "اردو",
            Language::German => "Deutsch",
            Language::French => "Français",
            Language::Spanish => "Español",
            Language::Italian => "Italiano",
            Language::Russian => "Русский",
            Language::Greek => "Ελληνικά",
            Language::Chinese => "中文",
            Language::Japanese => "日本語",
            Language::Hindi => "हिन्दी",
            Language::Armenian => "Հայերեն",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_name_their_language() {
        assert_eq!(Language::from_tag("de-AT"), Language::German);
        assert_eq!(Language::from_tag("AR"), Language::Arabic);
        assert_eq!(Language::from_tag("hy_AM"), Language::Armenian);
        assert_eq!(Language::from_tag("pt-BR"), Language::English);
        assert_eq!(Language::from_tag(""), Language::English);
    }

    #[test]
    fn every_language_has_its_own_code() {
        for language in Language::ALL {
            assert_eq!(Language::from_tag(language.code()), *language);
            assert!(!language.endonym().is_empty());
        }
    }
}
