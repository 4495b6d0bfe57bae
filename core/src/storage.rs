//! The stored form of an article's annotations: one localStorage entry per article, keyed by a
//! hash of the article's text, holding a schema version, the label names and the annotations.
//!
//! Older layouts are brought up to date by explicit, numbered migrations; a layout newer than
//! this build knows is reported, so the shell can open it read-only instead of overwriting it.

use std::collections::HashMap;
use std::sync::Arc;

use serde::Deserialize;

use crate::annotation::{Annotation, Label, Labels, Millis, Target};
use crate::codec::{Json, JsonError};
use crate::store::Store;

/// The layout this build writes.
pub const SCHEMA_VERSION: u64 = 2;

/// Prefix of every key Scholia writes.
pub const KEY_PREFIX: &str = "scholia:";

/// The storage key of an article's annotations: a 64-bit FNV-1a hash of its text, so that the
/// same article finds its annotations again whatever it was opened from.
pub fn storage_key(article_text: &str) -> String {
    annotations_key(&article_id(article_text))
}

/// An article's id: the fingerprint of its text, in 16 hex digits.
pub fn article_id(article_text: &str) -> String {
    format!("{:016x}", fingerprint(article_text))
}

/// The storage key of the annotations of the article with id `id` (see [`article_id`]).
pub fn annotations_key(id: &str) -> String {
    format!("{KEY_PREFIX}annotations:{id}")
}

/// A small entry beside the annotations that changes with every save, so that a tab can tell
/// whether anyone else saved since it last did without reading (and decoding) the whole value.
pub fn revision_key(key: &str) -> String {
    format!("{key}:revision")
}

/// Where an unreadable value is moved aside to, never to be overwritten: one key per attempt.
pub fn backup_key(key: &str, now: u64) -> String {
    format!("{key}:unreadable:{now}")
}

/// A 64-bit FNV-1a hash: a cheap fingerprint to tell texts apart, not a secure one.
pub fn fingerprint(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The stored form of a store, at [`SCHEMA_VERSION`]:
/// `{"v":2,"labels":[names…],"a":[annotations…]}`, each annotation in its serde form.
pub fn encode(json: &impl Json, store: &Store) -> Result<String, JsonError> {
    Encoder::default().encode(json, store)
}

/// A journal is written instead of the whole entry while it is at most this large, and at most
/// a quarter of the entry: beyond that, writing the entry whole costs little more.
pub const JOURNAL_LIMIT_BYTES: usize = 32 * 1024;

/// What a save writes (see [`crate::saving`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Save {
    /// The whole store, for the article's entry; the journal is then empty.
    Whole(String),
    /// The annotations changed since the entry was last written whole, in the same layout.
    Journal(String),
}

/// Encodes stores like [`encode`], remembering each annotation's JSON: annotations are immutable
/// and shared, so after an edit only the edited one is serialised again, whatever the store's size.
/// It also remembers which versions the entry holds since it was last written whole, so that a
/// save can write only the others.
#[derive(Debug, Default)]
pub struct Encoder {
    fragments: HashMap<String, Fragment>,
    /// The size of the entry as this encoder last wrote it whole; `None` before that, or once
    /// another writer may have replaced it.
    whole_bytes: Option<usize>,
    /// How many whole writes this encoder has made: fragments marked with it are in the entry.
    whole_writes: u64,
}

#[derive(Debug)]
struct Fragment {
    annotation: Arc<Annotation>,
    json: String,
    /// The whole write that last included this version (0: none yet).
    whole_write: u64,
}

impl Encoder {
    /// The whole store.
    pub fn encode(&mut self, json: &impl Json, store: &Store) -> Result<String, JsonError> {
        let mark = self.whole_writes + 1;
        self.write(json, store, |_| true, mark)
    }

    /// What to write to save `store`: the journal while it is small next to the entry (see
    /// [`JOURNAL_LIMIT_BYTES`]), the whole store otherwise. Call [`Encoder::saved`] once it is
    /// written: until then, the entry is taken to be as it was.
    pub fn save(&mut self, json: &impl Json, store: &Store) -> Result<Save, JsonError> {
        if let Some(whole_bytes) = self.whole_bytes {
            let written = self.whole_writes;
            let journal = self.write(json, store, |f| f.whole_write != written, 0)?;
            if journal.len() <= JOURNAL_LIMIT_BYTES.min(whole_bytes / 4) {
                return Ok(Save::Journal(journal));
            }
        }
        self.encode(json, store).map(Save::Whole)
    }

    /// `save` was written: after a whole write, the entry holds what it encoded.
    pub fn saved(&mut self, save: &Save) {
        if let Save::Whole(value) = save {
            self.whole_writes += 1;
            self.whole_bytes = Some(value.len());
        }
    }

    /// Someone else may have written the entry: the next save writes it whole.
    pub fn forget_whole(&mut self) {
        self.whole_bytes = None;
    }

    /// The store's layout with the annotations whose cached fragment `include` accepts (and any
    /// not cached yet), marking the fragments written with `mark` unless it is 0.
    fn write(
        &mut self,
        json: &impl Json,
        store: &Store,
        include: impl Fn(&Fragment) -> bool,
        mark: u64,
    ) -> Result<String, JsonError> {
        let mut out = String::with_capacity(if mark == 0 {
            1024
        } else {
            self.fragments
                .values()
                .map(|f| f.json.len() + 1)
                .sum::<usize>()
                + 256
        });
        out.push_str(&format!("{{\"v\":{SCHEMA_VERSION},\"labels\":"));
        out.push_str(&json.write(store.labels())?);
        out.push_str(",\"a\":[");
        let mut first = true;
        for annotation in store.all_shared() {
            let fresh = match self.fragments.get(&annotation.id) {
                Some(cached) if Arc::ptr_eq(&cached.annotation, annotation) => {
                    if !include(cached) {
                        continue;
                    }
                    None
                }
                _ => Some(Fragment {
                    annotation: Arc::clone(annotation),
                    json: json.write(annotation.as_ref())?,
                    whole_write: 0,
                }),
            };
            let fragment = match fresh {
                Some(fresh) => self
                    .fragments
                    .entry(annotation.id.clone())
                    .insert_entry(fresh)
                    .into_mut(),
                None => match self.fragments.get_mut(&annotation.id) {
                    Some(cached) => cached,
                    None => continue,
                },
            };
            if mark != 0 {
                fragment.whole_write = mark;
            }
            if !first {
                out.push(',');
            }
            first = false;
            out.push_str(&fragment.json);
        }
        out.push_str("]}");
        Ok(out)
    }
}

/// Why a stored value could not be taken as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// Not a store of any version we know: corrupt, truncated, or not ours.
    Unreadable(String),
    /// Written by a newer Scholia. `store` holds what this build could still read of it, for a
    /// read-only view.
    Newer {
        version: u64,
        store: Option<Box<Store>>,
    },
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Unreadable(why) => {
                write!(f, "the saved annotations are unreadable ({why})")
            }
            DecodeError::Newer { version, .. } => {
                write!(
                    f,
                    "the saved annotations use a newer format (version {version})"
                )
            }
        }
    }
}

impl From<JsonError> for DecodeError {
    fn from(error: JsonError) -> Self {
        DecodeError::Unreadable(error.0)
    }
}

/// The schema version, under the key each layout gives it: `v` from version 2 on, `version` before.
#[derive(Deserialize)]
struct Version {
    v: Option<u64>,
    version: Option<u64>,
}

/// The layout this build writes. Other keys, which a newer layout may add, are ignored.
#[derive(Deserialize)]
struct Current {
    labels: Labels,
    a: Vec<Annotation>,
}

/// Reads a stored value of any known version.
pub fn decode<J: Json>(json: &J, value: &str) -> Result<Store, DecodeError> {
    let document = json.parse(value)?;
    let Version { v, version } = json.read(&document)?;
    // Version 1's key, `version`, is gone once migrated: version 2 on are marked by `v`.
    let current = |document| {
        json.read::<Current>(document)
            .map(|current| Store::new(current.labels, current.a))
    };
    match v.or(version) {
        Some(version) if version > SCHEMA_VERSION => Err(DecodeError::Newer {
            version,
            store: current(&document).ok().map(Box::new),
        }),
        Some(1) if v.is_none() => Ok(migrate_1_to_2(json.read(&document)?)),
        Some(SCHEMA_VERSION) if v.is_some() => Ok(current(&document)?),
        _ => Err(DecodeError::Unreadable("no schema version".into())),
    }
}

/// Version 1 spelled every field out and had no label names (the defaults applied):
/// `{"version":1,"annotations":[{"id","quote":{"exact","prefix","suffix"},
/// "position":{"start","end"},"label","note","tags","created","modified","deleted"}]}`.
#[derive(Deserialize)]
struct Version1 {
    annotations: Vec<Annotation1>,
}

#[derive(Deserialize)]
struct Annotation1 {
    id: String,
    quote: Quote1,
    position: Position1,
    #[serde(default)]
    label: Label,
    note: String,
    #[serde(default)]
    tags: Vec<String>,
    created: Millis,
    modified: Millis,
    #[serde(default)]
    deleted: bool,
}

#[derive(Deserialize)]
struct Quote1 {
    exact: String,
    prefix: String,
    suffix: String,
}

#[derive(Deserialize)]
struct Position1 {
    start: usize,
    end: usize,
}

/// Version 2 uses one-letter keys (a note-sized annotation fits in well under 400 bytes) and
/// stores the label names with the annotations.
fn migrate_1_to_2(old: Version1) -> Store {
    let annotations = old.annotations.into_iter().map(|a| Annotation {
        id: a.id,
        target: Target {
            exact: a.quote.exact,
            prefix: a.quote.prefix,
            suffix: a.quote.suffix,
            start: a.position.start,
            end: a.position.end,
        },
        label: a.label,
        note: a.note,
        tags: a.tags,
        created: a.created,
        modified: a.modified,
        deleted: a.deleted,
    });
    Store::new(Labels::default(), annotations)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec::SerdeJson;

    fn encode(store: &Store) -> String {
        super::encode(&SerdeJson, store).unwrap_or_else(|e| panic!("{e}"))
    }

    fn decode(value: &str) -> Result<Store, DecodeError> {
        super::decode(&SerdeJson, value)
    }

    fn sample() -> Annotation {
        Annotation {
            id: "4f1c2a9be0d37a65".into(),
            target: Target {
                exact: "Syrian President Bashar al-Assad has left Damascus on a plane for an \
                        unknown destination, Reuters news agency reported, citing two senior \
                        Syrian officials."
                    .into(),
                prefix: "ters enter presidential palace\n\n".into(),
                suffix: " The opposition is announcing t".into(),
                start: 69,
                end: 223,
            },
            label: Label::new(1).unwrap_or_default(),
            note: "Check the second source.".into(),
            tags: vec!["sources".into()],
            created: 1_764_000_000_000,
            modified: 1_764_000_000_500,
            deleted: false,
        }
    }

    #[test]
    fn round_trip() {
        let mut labels = Labels::default();
        labels.rename(Label::default(), "Claim");
        let tombstone = Annotation {
            id: "gone".into(),
            deleted: true,
            ..sample()
        };
        let store = Store::new(labels, [sample(), tombstone]);
        assert_eq!(decode(&encode(&store)), Ok(store));
    }

    /// What readers' browsers hold: version 2 exactly as the app has written it since it shipped.
    /// A change to a key or to what is left out breaks this, not only a round trip.
    const STORED_V2: &str = include_str!("../tests/data/stored-v2.json").trim_ascii_end();

    #[test]
    fn what_readers_have_stored_reads_and_writes_back_unchanged() {
        let store = decode(STORED_V2).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(store.labels().name(Label::default()), "Claim");
        let kept = store.get("4f1c2a9be0d37a65").cloned();
        assert_eq!(kept, Some(sample()));
        let gone = store
            .get("gone")
            .map(|a| (a.deleted, a.note.is_empty(), a.tags.is_empty()));
        assert_eq!(gone, Some((true, true, true)));
        assert_eq!(encode(&store), STORED_V2);
    }

    #[test]
    fn the_caching_encoder_writes_what_a_fresh_one_does() {
        let mut encoder = Encoder::default();
        let mut store = Store::new(Labels::default(), [sample()]);
        assert_eq!(encoder.encode(&SerdeJson, &store), Ok(encode(&store)));
        store.put(Annotation {
            note: "edited".into(),
            modified: u64::MAX,
            ..sample()
        });
        store.put(Annotation {
            id: "another".into(),
            ..sample()
        });
        store.labels_mut().rename(Label::default(), "Claim");
        let cached = encoder.encode(&SerdeJson, &store).unwrap_or_default();
        assert_eq!(cached, encode(&store));
        assert_eq!(decode(&cached), Ok(store));
    }

    #[test]
    fn an_annotation_with_a_short_note_takes_under_400_bytes() {
        let one = encode(&Store::new(Labels::default(), [sample()]));
        let two = encode(&Store::new(
            Labels::default(),
            [
                sample(),
                Annotation {
                    id: "second0000000000".into(),
                    ..sample()
                },
            ],
        ));
        let per_annotation = two.len() - one.len();
        assert!(per_annotation < 400, "{per_annotation} bytes: {two}");
    }

    #[test]
    fn version_1_is_migrated() {
        let v1 = r#"{"version":1,"annotations":[{"id":"a1","quote":{"exact":"Hello.","prefix":"","suffix":" World."},"position":{"start":0,"end":6},"label":3,"note":"hi","tags":["x"],"created":5,"modified":6,"deleted":false}]}"#;
        let store = decode(v1).unwrap_or_else(|e| panic!("{e}"));
        let a = store
            .get("a1")
            .cloned()
            .unwrap_or_else(|| panic!("missing"));
        assert_eq!(a.target.exact, "Hello.");
        assert_eq!(a.target.suffix, " World.");
        assert_eq!((a.target.start, a.target.end), (0, 6));
        assert_eq!(a.label, Label::new(3).unwrap_or_default());
        assert_eq!(
            (a.note.as_str(), a.tags.as_slice()),
            ("hi", &["x".to_owned()][..])
        );
        assert_eq!(store.labels(), &Labels::default());
    }

    #[test]
    fn a_broken_version_1_is_unreadable_not_a_panic() {
        let v1 = r#"{"version":1,"annotations":[{"id":"a1"}]}"#;
        assert!(matches!(decode(v1), Err(DecodeError::Unreadable(_))));
    }

    #[test]
    fn newer_versions_are_reported_with_what_can_be_read() {
        let current = encode(&Store::new(Labels::default(), [sample()]));
        let newer = current.replacen(
            &format!("{{\"v\":{SCHEMA_VERSION},"),
            &format!("{{\"v\":{},\"future\":\"field\",", SCHEMA_VERSION + 1),
            1,
        );
        assert_ne!(newer, current);
        match decode(&newer) {
            Err(DecodeError::Newer {
                version,
                store: Some(store),
            }) => {
                assert_eq!(version, SCHEMA_VERSION + 1);
                assert_eq!(store.live().count(), 1);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn unreadable_values() {
        for value in [
            "",
            "not json",
            "{\"v\":2",
            "[]",
            "{}",
            "{\"v\":0}",
            "{\"v\":2,\"a\":7}",
            "null",
        ] {
            assert!(
                matches!(decode(value), Err(DecodeError::Unreadable(_))),
                "{value}"
            );
        }
        let deep = "[".repeat(100_000);
        assert!(matches!(decode(&deep), Err(DecodeError::Unreadable(_))));
    }

    #[test]
    fn keys_depend_on_the_text_only() {
        assert_eq!(storage_key("abc"), storage_key("abc"));
        assert_ne!(storage_key("abc"), storage_key("abd"));
        assert!(storage_key("").starts_with("scholia:annotations:"));
        assert_eq!(backup_key("k", 7), "k:unreadable:7");
    }
}
