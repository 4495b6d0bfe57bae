//! The reader's library: every article they opened, with what the Articles dialog lists (title,
//! source file, sentences, when last opened) and the language the reader chose for it, and the
//! stored form of an article's content.
//!
//! The library's list is small and lives in localStorage; an article's content can be megabytes
//! and lives wherever the shell finds room (the Cache API in the app). An article's id is the
//! fingerprint of its text, the same that keys its annotations, so opening the same article again
//! finds both its entry and its annotations.

use serde::{Deserialize, Serialize};

use crate::annotation::Millis;
use crate::article::Article;
use crate::storage;

/// The id of an article in the library: its annotations' key, without the prefix.
pub fn article_id(article: &Article) -> String {
    storage::article_id(article.text())
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub id: String,
    /// The headline, unless the reader renamed it.
    pub title: String,
    /// The name of the file it came from, or how it arrived ("pasted text").
    #[serde(default)]
    pub source: String,
    pub sentences: usize,
    /// The size of its stored content, in bytes.
    #[serde(default)]
    pub bytes: usize,
    pub opened: Millis,
    /// The language the reader chose for it, when what it declares or its script tells is wrong.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
}

impl Entry {
    pub fn new(article: &Article, source: &str, bytes: usize, opened: Millis) -> Entry {
        let title = article
            .headline()
            .map(|h| article.slice(&h.span).to_owned())
            .unwrap_or_default();
        Entry {
            id: article_id(article),
            title,
            source: source.to_owned(),
            sentences: article.sentences().len(),
            bytes,
            opened,
            lang: None,
        }
    }
}

/// The source of an article that was pasted rather than opened from a file: not a name, so two
/// pasted articles are not taken for versions of each other.
pub const PASTED: &str = "The pasted text";

/// Longer titles are cut: a title is a name in a list, not a text.
pub const MAX_TITLE_CHARS: usize = 200;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Library {
    /// The article on screen, by id; `None` for the default article.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current: Option<String>,
    #[serde(default)]
    pub entries: Vec<Entry>,
    /// The language the reader chose for the default article, which has no entry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_lang: Option<String>,
}

impl Library {
    /// Records an opening: a new entry, or the known one opened again (keeping the reader's title
    /// for it), and makes it the current article.
    pub fn opened(&mut self, entry: Entry) {
        self.current = Some(entry.id.clone());
        match self.entries.iter_mut().find(|e| e.id == entry.id) {
            Some(known) => {
                known.opened = entry.opened;
                known.bytes = entry.bytes;
                known.sentences = entry.sentences;
            }
            None => self.entries.push(entry),
        }
    }

    /// The language the reader chose for article `id` (`None`: the default article), if any.
    pub fn language(&self, id: Option<&str>) -> Option<&str> {
        match id {
            None => self.default_lang.as_deref(),
            Some(id) => self.entry(id).and_then(|e| e.lang.as_deref()),
        }
    }

    /// Keeps the reader's choice of language for article `id`; `None` goes back to what the
    /// article declares or its script tells. A malformed tag is refused. Returns whether it
    /// changed.
    pub fn choose_language(&mut self, id: Option<&str>, lang: Option<&str>) -> bool {
        let lang = match lang {
            Some(tag) => match crate::source::language::declared(tag) {
                Some(tag) => Some(tag),
                None => return false,
            },
            None => None,
        };
        let slot = match id {
            None => &mut self.default_lang,
            Some(id) => match self.entries.iter_mut().find(|e| e.id == id) {
                Some(entry) => &mut entry.lang,
                None => return false,
            },
        };
        let changed = *slot != lang;
        *slot = lang;
        changed
    }

    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id)
    }

    /// Renames an entry; a blank title is refused. Returns whether it changed.
    pub fn rename(&mut self, id: &str, title: &str) -> bool {
        let title: String = crate::source::collapse_white_space(title)
            .chars()
            .take(MAX_TITLE_CHARS)
            .collect();
        match self.entries.iter_mut().find(|e| e.id == id) {
            Some(entry) if !title.is_empty() && entry.title != title => {
                entry.title = title;
                true
            }
            _ => false,
        }
    }

    /// Takes an entry out, with its place so that [`Library::restore`] puts it back. Deleting the
    /// current article makes the default one current.
    pub fn remove(&mut self, id: &str) -> Option<(usize, Entry)> {
        let at = self.entries.iter().position(|e| e.id == id)?;
        if self.current.as_deref() == Some(id) {
            self.current = None;
        }
        Some((at, self.entries.remove(at)))
    }

    /// Undoes [`Library::remove`].
    pub fn restore(&mut self, at: usize, entry: Entry) {
        if self.entry(&entry.id).is_none() {
            let at = at.min(self.entries.len());
            self.entries.insert(at, entry);
        }
    }

    /// The entries, last opened first.
    pub fn by_recency(&self) -> Vec<&Entry> {
        let mut entries: Vec<&Entry> = self.entries.iter().collect();
        entries.sort_by(|a, b| b.opened.cmp(&a.opened).then_with(|| a.id.cmp(&b.id)));
        entries
    }

    /// The article that `entry` is likely a new version of: another one with the same title or
    /// from a file of the same name, the last opened if there are several. Outlets correct their
    /// stories, and a saved page saved again keeps its name.
    pub fn earlier_version(&self, entry: &Entry) -> Option<&Entry> {
        let title = comparable(&entry.title);
        let same_title = |e: &Entry| !title.is_empty() && comparable(&e.title) == title;
        let same_file = |e: &Entry| {
            !entry.source.is_empty() && entry.source != PASTED && e.source == entry.source
        };
        self.by_recency()
            .into_iter()
            .find(|e| e.id != entry.id && (same_title(e) || same_file(e)))
    }

    /// The bytes of content the library holds.
    pub fn bytes(&self) -> usize {
        self.entries.iter().map(|e| e.bytes).sum()
    }
}

/// A title as compared for versions: case and runs of white space do not count.
fn comparable(title: &str) -> String {
    crate::source::collapse_white_space(title).to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{Content, Draft};

    fn entry(id: &str, opened: Millis) -> Entry {
        Entry {
            id: id.into(),
            title: format!("Title {id}"),
            source: "a.html".into(),
            sentences: 3,
            bytes: 10,
            opened,
            lang: None,
        }
    }

    #[test]
    fn opening_again_keeps_the_readers_title() {
        let mut library = Library::default();
        library.opened(entry("a", 1));
        assert!(library.rename("a", "  My   name "));
        library.opened(entry("a", 5));
        assert_eq!(library.entries.len(), 1);
        assert_eq!(library.entries[0].title, "My name");
        assert_eq!(library.entries[0].opened, 5);
        assert_eq!(library.current.as_deref(), Some("a"));
    }

    #[test]
    fn the_chosen_language_is_kept_with_the_article() {
        let mut library = Library::default();
        library.opened(entry("a", 1));
        assert!(library.choose_language(Some("a"), Some("ar")));
        assert!(!library.choose_language(Some("a"), Some("ar")));
        assert!(library.choose_language(None, Some("de")));
        // Opening it again keeps the choice; a tag that is not one is refused.
        library.opened(entry("a", 5));
        assert!(!library.choose_language(Some("a"), Some("ar\" onload=\"x")));
        assert!(!library.choose_language(Some("missing"), Some("fr")));
        assert_eq!(library.language(Some("a")), Some("ar"));
        assert_eq!(library.language(None), Some("de"));
        let json = serde_json::to_string(&library).unwrap();
        let read: Library = serde_json::from_str(&json).unwrap();
        assert_eq!(read, library);
        assert!(library.choose_language(Some("a"), None));
        assert_eq!(library.language(Some("a")), None);
        // Libraries written before there was a choice read as having none.
        let old: Library = serde_json::from_str(
            r#"{"entries":[{"id":"a","title":"T","sentences":1,"opened":1}]}"#,
        )
        .unwrap();
        assert_eq!(old.language(Some("a")), None);
    }

    #[test]
    fn blank_titles_are_refused() {
        let mut library = Library::default();
        library.opened(entry("a", 1));
        assert!(!library.rename("a", " \n "));
        assert!(!library.rename("missing", "x"));
        assert_eq!(library.entries[0].title, "Title a");
    }

    #[test]
    fn removing_and_restoring_keeps_the_order() {
        let mut library = Library::default();
        for (id, at) in [("a", 1), ("b", 2), ("c", 3)] {
            library.opened(entry(id, at));
        }
        let (at, removed) = library.remove("b").unwrap();
        assert_eq!(library.current.as_deref(), Some("c"));
        let (at_c, removed_c) = library.remove("c").unwrap();
        assert_eq!(library.current, None);
        library.restore(at_c, removed_c);
        library.restore(at, removed);
        let ids: Vec<_> = library.entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c"]);
        let recent: Vec<_> = library.by_recency().iter().map(|e| e.id.as_str()).collect();
        assert_eq!(recent, ["c", "b", "a"]);
        assert_eq!(library.bytes(), 30);
    }

    #[test]
    fn an_earlier_version_has_the_same_title_or_file_name() {
        let mut library = Library::default();
        let mut old = entry("old", 1);
        old.title = "Rebels  take Damascus".into();
        old.source = "story.html".into();
        library.opened(old);
        let mut older = entry("older", 0);
        older.title = "Rebels take Damascus".into();
        library.opened(older);
        library.opened(entry("other", 2));

        let mut new = entry("new", 3);
        new.title = "rebels take damascus".into();
        new.source = "new.html".into();
        assert_eq!(
            library.earlier_version(&new).map(|e| e.id.as_str()),
            Some("old")
        );
        new.title = "Rebels take Damascus, Assad flees".into();
        new.source = "story.html".into();
        assert_eq!(
            library.earlier_version(&new).map(|e| e.id.as_str()),
            Some("old")
        );
        new.source = "another.html".into();
        assert_eq!(
            library.earlier_version(&new),
            None,
            "neither title nor file"
        );

        let mut pasted = entry("pasted-2", 4);
        pasted.title = "Something else".into();
        pasted.source = PASTED.into();
        let mut first_paste = entry("pasted-1", 2);
        first_paste.source = PASTED.into();
        library.opened(first_paste);
        assert_eq!(
            library.earlier_version(&pasted),
            None,
            "pasting is not a file name"
        );
        let alone = Library {
            entries: vec![entry("a", 1)],
            ..Library::default()
        };
        assert_eq!(
            alone.earlier_version(&entry("a", 2)),
            None,
            "not a version of itself"
        );
    }

    #[test]
    fn content_round_trips_and_rebuilds_the_same_article() {
        let mut draft = Draft::default();
        draft.push(crate::article::BlockKind::Headline, "A headline");
        draft.push(crate::article::BlockKind::Paragraph, "One. Two.");
        let content = Content::Draft(draft);
        let json = serde_json::to_string(&content).unwrap();
        let back: Content = serde_json::from_str(&json).unwrap();
        assert_eq!(back, content);
        let article = back.article();
        assert_eq!(article.sentences().len(), 3);
        assert_eq!(article_id(&article), article_id(&content.article()));
        let text = Content::Text("Headline\n\nBody.".into());
        assert_eq!(text.article().sentences().len(), 2);
    }
}
