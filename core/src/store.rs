//! The annotation store of one article: every annotation by id (tombstones included), the label
//! names, and the merge that reconciles two copies of it, e.g. from two tabs.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::annotation::{Annotation, Labels};

/// Annotations are shared (`Arc`), so that views and copies of the store cost a pointer each
/// rather than a copy of every note.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Store {
    annotations: BTreeMap<String, Arc<Annotation>>,
    labels: Labels,
}

impl Store {
    pub fn new(labels: Labels, annotations: impl IntoIterator<Item = Annotation>) -> Self {
        let mut store = Store {
            annotations: BTreeMap::new(),
            labels,
        };
        for annotation in annotations {
            store.put(annotation);
        }
        store
    }

    pub fn labels(&self) -> &Labels {
        &self.labels
    }

    pub fn labels_mut(&mut self) -> &mut Labels {
        &mut self.labels
    }

    pub fn get(&self, id: &str) -> Option<&Annotation> {
        self.annotations.get(id).map(Arc::as_ref)
    }

    /// Live annotations and tombstones, by id.
    pub fn all(&self) -> impl Iterator<Item = &Annotation> {
        self.annotations.values().map(Arc::as_ref)
    }

    /// Annotations that have not been deleted, by id.
    pub fn live(&self) -> impl Iterator<Item = &Annotation> {
        self.all().filter(|a| !a.deleted)
    }

    /// Live annotations and tombstones as shared handles, by id.
    pub fn all_shared(&self) -> impl Iterator<Item = &Arc<Annotation>> {
        self.annotations.values()
    }

    /// Live annotations as shared handles, by id.
    pub fn live_shared(&self) -> impl Iterator<Item = &Arc<Annotation>> {
        self.all_shared().filter(|a| !a.deleted)
    }

    /// Stores a version of an annotation if it supersedes the one held. Returns whether it did.
    pub fn put(&mut self, annotation: Annotation) -> bool {
        self.put_shared(Arc::new(annotation))
    }

    fn put_shared(&mut self, annotation: Arc<Annotation>) -> bool {
        match self.annotations.get(&annotation.id) {
            Some(held) if !annotation.supersedes(held) => false,
            _ => {
                self.annotations.insert(annotation.id.clone(), annotation);
                true
            }
        }
    }

    /// Takes in every annotation of `other` that is newer than ours. Label names are the
    /// reader's settings and follow `other` when `prefer_other_labels` (the copy just read from
    /// storage is the latest word on them). Returns whether anything changed.
    pub fn merge(&mut self, other: &Store, prefer_other_labels: bool) -> bool {
        let mut changed = false;
        for annotation in other.annotations.values() {
            changed |= self.put_shared(Arc::clone(annotation));
        }
        if prefer_other_labels && self.labels != other.labels {
            self.labels = other.labels.clone();
            changed = true;
        }
        changed
    }

    /// The newest modification time in the store, 0 when empty.
    pub fn last_modified(&self) -> u64 {
        self.all().map(|a| a.modified).max().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::{Label, Target};

    pub(crate) fn annotation(id: &str, modified: u64, note: &str) -> Annotation {
        Annotation {
            id: id.into(),
            target: Target {
                exact: "Quote.".into(),
                prefix: String::new(),
                suffix: String::new(),
                start: 0,
                end: 6,
            },
            label: Label::default(),
            note: note.into(),
            tags: Vec::new(),
            created: 1,
            modified,
            deleted: false,
        }
    }

    #[test]
    fn the_newest_version_wins_in_either_order() {
        let old = annotation("a", 10, "old");
        let new = annotation("a", 20, "new");
        let mut one = Store::new(Labels::default(), [old.clone()]);
        let two = Store::new(Labels::default(), [new.clone()]);
        assert!(one.merge(&two, false));
        assert_eq!(one.get("a"), Some(&new));
        let mut three = Store::new(Labels::default(), [new.clone()]);
        assert!(!three.merge(&Store::new(Labels::default(), [old]), false));
        assert_eq!(three.get("a"), Some(&new));
    }

    #[test]
    fn a_newer_deletion_wins_and_stays_as_a_tombstone() {
        let live = annotation("a", 10, "note");
        let deleted = Annotation {
            deleted: true,
            modified: 11,
            ..live.clone()
        };
        let mut store = Store::new(Labels::default(), [live]);
        store.merge(&Store::new(Labels::default(), [deleted]), false);
        assert_eq!(store.live().count(), 0);
        assert_eq!(store.all().count(), 1);
    }
}
