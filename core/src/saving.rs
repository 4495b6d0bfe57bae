//! How a tab keeps an article's stored form up to date in key–value storage (localStorage in the
//! app): the entry, holding the whole store; a journal beside it, holding the annotations changed
//! since the entry was last written whole, in the same layout; and a revision that changes with
//! every save.
//!
//! A save writes the journal alone while it is small next to the entry, so that its cost follows
//! what changed rather than the size of the store: with 1,000 annotations the entry is about
//! 400 KB, which takes localStorage several milliseconds to write. Annotations are never removed
//! from a store (a delete is a tombstone), so the entry with the journal taken in is the store.
//!
//! Another tab's save shows as a new revision: this tab then reads what is stored, takes it in and
//! writes the entry whole, so that no tab's journal replaces another's.

use crate::codec::{Json, JsonError};
use crate::storage::{DecodeError, Encoder, Save, backup_key, decode, revision_key};
use crate::store::Store;

/// Key–value storage whose every access may fail.
pub trait Entries {
    type Error: From<JsonError>;
    fn get(&self, key: &str) -> Result<Option<String>, Self::Error>;
    fn set(&self, key: &str, value: &str) -> Result<(), Self::Error>;
    fn remove(&self, key: &str) -> Result<(), Self::Error>;
}

/// The keys of one article's stored form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keys {
    pub entry: String,
    pub journal: String,
    pub revision: String,
}

impl Keys {
    /// The keys beside `entry`, the article's key (see [`crate::storage::storage_key`]).
    pub fn new(entry: String) -> Self {
        Keys {
            journal: journal_key(&entry),
            revision: revision_key(&entry),
            entry,
        }
    }
}

/// The journal kept beside the entry under `key`.
pub fn journal_key(key: &str) -> String {
    format!("{key}:journal")
}

/// An article's stored form as read: the entry and the journal, either of which may be missing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stored {
    pub entry: Option<String>,
    pub journal: Option<String>,
}

impl Stored {
    pub fn read<E: Entries>(entries: &E, keys: &Keys) -> Result<Self, E::Error> {
        Ok(Stored {
            entry: entries.get(&keys.entry)?,
            journal: entries.get(&keys.journal)?,
        })
    }

    pub fn is_empty(&self) -> bool {
        self.entry.is_none() && self.journal.is_none()
    }

    /// The store: the entry with the journal's newer versions and label names taken in. Unreadable
    /// if either part is; newer if either part is, with what could be read of both.
    pub fn decode<J: Json>(&self, json: &J) -> Result<Store, DecodeError> {
        let part = |value: &Option<String>| value.as_deref().map(|v| decode(json, v)).transpose();
        match (part(&self.entry), part(&self.journal)) {
            (Err(DecodeError::Unreadable(why)), _) | (_, Err(DecodeError::Unreadable(why))) => {
                Err(DecodeError::Unreadable(why))
            }
            (Ok(entry), Ok(journal)) => Ok(merged(entry, journal)),
            (entry, journal) => {
                let (version, entry) = readable(entry);
                let (journal_version, journal) = readable(journal);
                Err(DecodeError::Newer {
                    version: version.max(journal_version),
                    store: Some(Box::new(merged(entry, journal))),
                })
            }
        }
    }

    /// Copies each part present to a backup key of its own, never to be overwritten, and returns
    /// the entry's (or the journal's, if only it was there).
    pub fn move_aside<E: Entries>(
        &self,
        entries: &E,
        keys: &Keys,
        now: u64,
    ) -> Result<String, E::Error> {
        let mut moved = None;
        for (key, value) in [(&keys.journal, &self.journal), (&keys.entry, &self.entry)] {
            if let Some(value) = value {
                let backup = backup_key(key, now);
                entries.set(&backup, value)?;
                moved = Some(backup);
            }
        }
        Ok(moved.unwrap_or_else(|| backup_key(&keys.entry, now)))
    }
}

/// A part read as a newer layout: its version and what could be read of it.
fn readable(part: Result<Option<Store>, DecodeError>) -> (u64, Option<Store>) {
    match part {
        Ok(store) => (0, store),
        Err(DecodeError::Newer { version, store }) => (version, store.map(|s| *s)),
        Err(DecodeError::Unreadable(_)) => (0, None),
    }
}

fn merged(entry: Option<Store>, journal: Option<Store>) -> Store {
    let mut store = entry.unwrap_or_default();
    if let Some(journal) = journal {
        store.merge(&journal, true);
    }
    store
}

/// One tab's view of an article's stored form: the revision it last read or wrote, and what the
/// entry holds of its own writing.
#[derive(Debug)]
pub struct Saver {
    keys: Keys,
    /// While storage still holds this revision, no other tab has saved since this one last read
    /// or wrote, and a save need not read, decode and merge what is stored.
    last_revision: Option<String>,
    encoder: Encoder,
}

impl Saver {
    pub fn new(keys: Keys) -> Self {
        Saver {
            keys,
            last_revision: None,
            encoder: Encoder::default(),
        }
    }

    pub fn keys(&self) -> &Keys {
        &self.keys
    }

    /// The stored form was read at `revision`.
    pub fn read_at(&mut self, revision: Option<String>) {
        self.last_revision = revision;
    }

    /// What is stored, if another tab has saved since this one last read or wrote (`None` if
    /// nothing is stored). The next save then writes the entry whole.
    pub fn saved_elsewhere<E: Entries>(&mut self, entries: &E) -> Result<Option<Stored>, E::Error> {
        let revision = entries.get(&self.keys.revision)?;
        if revision.is_some() && revision == self.last_revision {
            return Ok(None);
        }
        self.encoder.forget_whole();
        let stored = Stored::read(entries, &self.keys)?;
        Ok((!stored.is_empty()).then_some(stored))
    }

    /// Writes `store`, as a journal or whole (see the module's documentation), then `revision`.
    /// Until every write has succeeded, the entry is taken to be as it was: a failed save loses
    /// nothing from the next one.
    pub fn write<E: Entries>(
        &mut self,
        entries: &E,
        json: &impl Json,
        store: &Store,
        revision: String,
    ) -> Result<(), E::Error> {
        let save = self.encoder.save(json, store)?;
        match &save {
            Save::Whole(value) => {
                entries.set(&self.keys.entry, value)?;
                entries.remove(&self.keys.journal)?;
            }
            Save::Journal(value) => entries.set(&self.keys.journal, value)?,
        }
        entries.set(&self.keys.revision, &revision)?;
        self.encoder.saved(&save);
        self.last_revision = Some(revision);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::cell::{Cell, RefCell};
    use std::collections::BTreeMap;

    use super::*;
    use crate::annotation::{Annotation, Label, Labels, Target};
    use crate::codec::SerdeJson;

    #[derive(Default)]
    struct Map {
        values: RefCell<BTreeMap<String, String>>,
        full: Cell<bool>,
    }

    #[derive(Debug, PartialEq)]
    enum Failure {
        Full,
        Json,
    }

    impl From<JsonError> for Failure {
        fn from(_: JsonError) -> Self {
            Failure::Json
        }
    }

    impl Map {
        fn value(&self, key: &str) -> Option<String> {
            self.values.borrow().get(key).cloned()
        }
    }

    impl Entries for Map {
        type Error = Failure;
        fn get(&self, key: &str) -> Result<Option<String>, Failure> {
            Ok(self.value(key))
        }
        fn set(&self, key: &str, value: &str) -> Result<(), Failure> {
            if self.full.get() {
                return Err(Failure::Full);
            }
            self.values.borrow_mut().insert(key.into(), value.into());
            Ok(())
        }
        fn remove(&self, key: &str) -> Result<(), Failure> {
            self.values.borrow_mut().remove(key);
            Ok(())
        }
    }

    fn annotation(n: usize, note: &str, modified: u64) -> Annotation {
        Annotation {
            id: format!("{n:016x}"),
            target: Target {
                exact: format!(
                    "The {n}th sentence of a long report, quoted in full for its anchor."
                ),
                prefix: "the end of the one before it".into(),
                suffix: "The start of the one after".into(),
                start: n * 100,
                end: n * 100 + 70,
            },
            label: Label::default(),
            note: note.into(),
            tags: Vec::new(),
            created: 1,
            modified,
            deleted: false,
        }
    }

    fn large_store() -> Store {
        Store::new(Labels::default(), (0..200).map(|n| annotation(n, "", 1)))
    }

    fn saver() -> Saver {
        Saver::new(Keys::new("scholia:annotations:0123456789abcdef".into()))
    }

    fn read(map: &Map, saver: &Saver) -> Store {
        let stored = Stored::read(map, saver.keys()).unwrap_or_default();
        stored.decode(&SerdeJson).unwrap_or_else(|e| panic!("{e}"))
    }

    fn write(saver: &mut Saver, map: &Map, store: &Store, revision: &str) {
        let written = saver.write(map, &SerdeJson, store, revision.into());
        assert_eq!(written, Ok(()));
    }

    #[test]
    fn after_the_first_save_a_small_change_writes_only_the_journal() {
        let map = Map::default();
        let mut saver = saver();
        let mut store = large_store();
        write(&mut saver, &map, &store, "r1");
        let entry = map.value(&saver.keys().entry);
        assert!(entry.is_some());
        assert_eq!(map.value(&saver.keys().journal), None);

        store.put(annotation(7, "Check this.", 2));
        store.put(annotation(500, "A new one.", 2));
        write(&mut saver, &map, &store, "r2");
        assert_eq!(map.value(&saver.keys().entry), entry);
        let journal = map.value(&saver.keys().journal).unwrap_or_default();
        let journal = decode(&SerdeJson, &journal).unwrap_or_else(|e| panic!("{e}"));
        let ids: Vec<&str> = journal.all().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, [format!("{:016x}", 7), format!("{:016x}", 500)]);
        assert_eq!(read(&map, &saver), store);
        assert_eq!(map.get(&saver.keys().revision), Ok(Some("r2".into())));
    }

    #[test]
    fn a_journal_grown_large_is_folded_into_the_entry() {
        let map = Map::default();
        let mut saver = saver();
        let mut store = large_store();
        write(&mut saver, &map, &store, "r0");
        let mut folds = 0;
        for n in 0..200 {
            let entry_before = map.value(&saver.keys().entry);
            store.put(annotation(
                n,
                "A note long enough to make the journal grow quickly.",
                2,
            ));
            write(&mut saver, &map, &store, &format!("r{n}"));
            let journal = map.value(&saver.keys().journal);
            let entry = map.value(&saver.keys().entry).unwrap_or_default();
            assert!(
                journal.as_ref().is_none_or(|j| j.len() <= entry.len() / 4),
                "after {n}"
            );
            if entry_before.as_ref() != Some(&entry) {
                folds += 1;
                assert!(journal.is_none(), "a whole write leaves no journal");
            }
            assert_eq!(read(&map, &saver), store);
        }
        assert!(
            (2..40).contains(&folds),
            "{folds} whole writes in 200 saves"
        );
    }

    #[test]
    fn a_small_store_is_written_whole() {
        let map = Map::default();
        let mut saver = saver();
        let mut store = Store::new(Labels::default(), [annotation(1, "", 1)]);
        write(&mut saver, &map, &store, "r1");
        store.put(annotation(2, "", 1));
        write(&mut saver, &map, &store, "r2");
        assert_eq!(map.value(&saver.keys().journal), None);
        assert_eq!(read(&map, &saver), store);
    }

    #[test]
    fn a_failed_save_loses_nothing_from_the_next() {
        let map = Map::default();
        let mut saver = saver();
        let mut store = large_store();
        write(&mut saver, &map, &store, "r1");
        store.put(annotation(3, "Written when there is room.", 2));
        map.full.set(true);
        assert_eq!(
            saver.write(&map, &SerdeJson, &store, "r2".into()),
            Err(Failure::Full)
        );
        map.full.set(false);
        store.put(annotation(4, "And this one.", 2));
        write(&mut saver, &map, &store, "r3");
        assert_eq!(read(&map, &saver), store);
    }

    #[test]
    fn another_tabs_save_is_read_then_the_entry_written_whole() {
        let map = Map::default();
        let (mut left, mut right) = (saver(), saver());
        let mut left_store = large_store();
        assert_eq!(left.saved_elsewhere(&map), Ok(None), "nothing stored yet");
        write(&mut left, &map, &left_store, "left-1");
        assert_eq!(left.saved_elsewhere(&map), Ok(None));

        let mut right_store = match right.saved_elsewhere(&map) {
            Ok(Some(stored)) => stored.decode(&SerdeJson).unwrap_or_else(|e| panic!("{e}")),
            other => panic!("{other:?}"),
        };
        right_store.put(annotation(900, "From the right.", 3));
        write(&mut right, &map, &right_store, "right-1");
        right_store.put(annotation(901, "Journal of the right.", 4));
        write(&mut right, &map, &right_store, "right-2");
        assert!(map.value(&right.keys().journal).is_some());

        left_store.put(annotation(5, "From the left.", 5));
        if let Ok(Some(stored)) = left.saved_elsewhere(&map) {
            left_store.merge(&stored.decode(&SerdeJson).unwrap_or_default(), true);
        }
        write(&mut left, &map, &left_store, "left-2");
        assert_eq!(map.value(&left.keys().journal), None);
        let stored = read(&map, &left);
        for id in [5, 900, 901] {
            assert!(stored.get(&format!("{id:016x}")).is_some(), "{id}");
        }
    }

    #[test]
    fn an_unreadable_journal_makes_the_pair_unreadable_and_both_are_moved_aside() {
        let map = Map::default();
        let keys = saver().keys().clone();
        let stored = Stored {
            entry: Some(crate::storage::encode(&SerdeJson, &large_store()).unwrap_or_default()),
            journal: Some("{\"v\":2,\"a\":[{\"bro".into()),
        };
        assert!(matches!(
            stored.decode(&SerdeJson),
            Err(DecodeError::Unreadable(_))
        ));
        assert_eq!(
            stored.move_aside(&map, &keys, 7),
            Ok(backup_key(&keys.entry, 7))
        );
        assert_eq!(
            map.get(&backup_key(&keys.journal, 7)),
            Ok(stored.journal.clone())
        );
        assert_eq!(
            map.get(&backup_key(&keys.entry, 7)),
            Ok(stored.entry.clone())
        );
    }

    #[test]
    fn a_newer_journal_opens_the_pair_read_only_with_both_parts() {
        let entry = crate::storage::encode(&SerdeJson, &large_store()).unwrap_or_default();
        let journal = crate::storage::encode(
            &SerdeJson,
            &Store::new(Labels::default(), [annotation(999, "newer", 9)]),
        )
        .unwrap_or_default()
        .replacen("{\"v\":2,", "{\"v\":3,", 1);
        let stored = Stored {
            entry: Some(entry),
            journal: Some(journal),
        };
        match stored.decode(&SerdeJson) {
            Err(DecodeError::Newer {
                version: 3,
                store: Some(store),
            }) => assert_eq!(store.all().count(), 201),
            other => panic!("{other:?}"),
        }
    }
}
