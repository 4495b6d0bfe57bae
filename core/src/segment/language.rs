//! The languages the page offers the reader when an article's language is told wrong. Their
//! sentence rules are all the default (English) ones for now.

/// A language with a name of its own in the picker.
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
    fn every_language_has_its_own_code_and_name() {
        for (i, a) in Language::ALL.iter().enumerate() {
            // A code the library would refuse could never be picked.
            assert_eq!(
                crate::source::language::declared(a.code()).as_deref(),
                Some(a.code())
            );
            for b in &Language::ALL[i + 1..] {
                assert_ne!(a.code(), b.code());
                assert_ne!(a.endonym(), b.endonym());
            }
        }
    }
}
