//! Annotations: what a reader attached to a run of sentences, and the labels they chose.
//!
//! A deleted annotation stays as a tombstone (`deleted: true`) so that a deletion made in one tab
//! wins over an older copy of the annotation from another tab when the two are merged.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Milliseconds since the Unix epoch.
pub type Millis = u64;

/// How many colour labels there are; the keys `1`–`5` pick them.
pub const LABEL_COUNT: usize = 5;

/// A highlight colour label, `0..LABEL_COUNT`. Its name lives in [`Labels`]. It is stored as its
/// number.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(try_from = "u8", into = "u8")]
pub struct Label(u8);

impl Label {
    pub fn new(index: usize) -> Option<Self> {
        u8::try_from(index)
            .ok()
            .filter(|&i| usize::from(i) < LABEL_COUNT)
            .map(Label)
    }

    pub fn index(self) -> usize {
        usize::from(self.0)
    }

    pub fn all() -> impl Iterator<Item = Label> {
        (0..LABEL_COUNT).filter_map(Label::new)
    }
}

impl From<Label> for u8 {
    fn from(label: Label) -> u8 {
        label.0
    }
}

/// A label number that no label has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoSuchLabel;

impl fmt::Display for NoSuchLabel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "a label number should be a whole number below {LABEL_COUNT}"
        )
    }
}

impl TryFrom<u8> for Label {
    type Error = NoSuchLabel;

    fn try_from(number: u8) -> Result<Self, Self::Error> {
        Label::new(usize::from(number)).ok_or(NoSuchLabel)
    }
}

/// The names of the colour labels, which the reader may change. They are stored as the list of
/// their names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Vec<String>")]
pub struct Labels([String; LABEL_COUNT]);

/// A label name is a short word or two; longer input is cut, not refused.
pub const LABEL_NAME_MAX_CHARS: usize = 32;

impl Default for Labels {
    fn default() -> Self {
        Labels(["Key point", "Evidence", "Question", "Disagree", "Follow up"].map(String::from))
    }
}

impl Labels {
    pub fn name(&self, label: Label) -> &str {
        self.0.get(label.index()).map_or("", String::as_str)
    }

    /// Renames a label. Returns false, changing nothing, when the cleaned name is empty.
    pub fn rename(&mut self, label: Label, name: &str) -> bool {
        let name = clean_label_name(name);
        match self.0.get_mut(label.index()) {
            Some(slot) if !name.is_empty() => {
                *slot = name;
                true
            }
            _ => false,
        }
    }
}

fn clean_label_name(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let cut: String = words
        .join(" ")
        .chars()
        .filter(|c| !c.is_control())
        .take(LABEL_NAME_MAX_CHARS)
        .collect();
    // The cut may end between two words: cleaning must give the same name when done again.
    cut.trim_end().to_owned()
}

impl TryFrom<Vec<String>> for Labels {
    type Error = String;

    fn try_from(names: Vec<String>) -> Result<Self, Self::Error> {
        let mut labels = Labels::default();
        if names.len() != LABEL_COUNT {
            return Err(format!("expected {LABEL_COUNT} label names"));
        }
        for (label, name) in Label::all().zip(&names) {
            labels.rename(label, name);
        }
        Ok(labels)
    }
}

// The serde forms of `Target` and `Annotation` are the stored form (`storage`). Keys are one
// letter on purpose: they are what localStorage holds, once per annotation. Empty text, no tags
// and `deleted: false` are left out, and read as absent.

/// Where an annotation sits, in the W3C Web Annotation model's terms: the quoted text with some
/// context either side (`TextQuoteSelector`) and its position in code points
/// (`TextPositionSelector`). Either can find the text again when the other cannot.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Target {
    #[serde(rename = "x")]
    pub exact: String,
    #[serde(rename = "p", default, skip_serializing_if = "String::is_empty")]
    pub prefix: String,
    #[serde(rename = "s", default, skip_serializing_if = "String::is_empty")]
    pub suffix: String,
    /// Code point offsets of `exact` in the article's text, end exclusive.
    #[serde(rename = "b")]
    pub start: usize,
    #[serde(rename = "e")]
    pub end: usize,
}

/// A reader's annotation of a run of sentences.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Annotation {
    pub id: String,
    #[serde(rename = "t")]
    pub target: Target,
    #[serde(rename = "l", default)]
    pub label: Label,
    #[serde(rename = "n", default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(rename = "g", default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(rename = "c")]
    pub created: Millis,
    #[serde(rename = "m")]
    pub modified: Millis,
    #[serde(rename = "d", default, skip_serializing_if = "is_false")]
    pub deleted: bool,
}

fn is_false(value: &bool) -> bool {
    !value
}

impl Annotation {
    /// Whether this version should win over `other`, a version of the same annotation: the newer
    /// modification wins, and ties are broken by a total order so that every tab agrees.
    pub fn supersedes(&self, other: &Annotation) -> bool {
        (self.modified, self.deleted, self) > (other.modified, other.deleted, other)
    }
}

/// A tag is one trimmed line of text without control characters; empty tags are dropped.
pub fn clean_tag(tag: &str) -> Option<String> {
    let tag: String = tag
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .filter(|c| !c.is_control())
        .collect();
    (!tag.is_empty()).then_some(tag)
}

/// Cleans a list of tags: each cleaned, duplicates (ignoring case) dropped, order kept.
pub fn clean_tags<'a>(tags: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for tag in tags.into_iter().filter_map(clean_tag) {
        if !out.iter().any(|t| t.to_lowercase() == tag.to_lowercase()) {
            out.push(tag);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec::{Json, SerdeJson};

    #[test]
    fn labels_have_defaults_and_can_be_renamed_but_not_emptied() {
        let mut labels = Labels::default();
        let question = Label::new(2).unwrap_or_default();
        assert_eq!(labels.name(question), "Question");
        assert!(labels.rename(question, "  Check\tthis \n"));
        assert_eq!(labels.name(question), "Check this");
        assert!(!labels.rename(question, " \n "));
        assert_eq!(labels.name(question), "Check this");
        assert!(labels.rename(question, &"x".repeat(100)));
        assert_eq!(labels.name(question).len(), LABEL_NAME_MAX_CHARS);
        let cut_at_a_space = format!("{} tail", "y".repeat(LABEL_NAME_MAX_CHARS - 1));
        assert!(labels.rename(question, &cut_at_a_space));
        assert_eq!(labels.name(question), "y".repeat(LABEL_NAME_MAX_CHARS - 1));
    }

    #[test]
    fn label_numbers_out_of_range_are_refused() {
        assert!(Label::new(LABEL_COUNT).is_none());
        let read = |text| SerdeJson.read_text::<Label>(text).ok();
        assert_eq!(read("9"), None);
        assert_eq!(read("4"), Label::new(4));
        assert_eq!(read("-1"), None);
        assert_eq!(read("4.0"), None);
        assert_eq!(read("\"4\""), None);
    }

    #[test]
    fn tags_are_cleaned_and_deduplicated() {
        assert_eq!(
            clean_tags([" Syria ", "syria", "", "war\u{7}  crimes", "Assad"]),
            ["Syria", "war crimes", "Assad"]
        );
    }
}
