//! Changes to the store, and undo/redo of them.
//!
//! Every change goes through [`Annotator`], which records what each annotation was before and
//! after. Undo and redo write those versions back as *new* modifications (with a later time), so
//! that an undo reaches other tabs by the same merge as any other edit.

use crate::annotation::{Annotation, Label, Labels, Millis, Target};
use crate::store::Store;

/// One undoable step: versions of annotations before and after it, and label names if renamed.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Step {
    what: String,
    puts: Vec<(Option<Annotation>, Annotation)>,
    labels: Option<(Labels, Labels)>,
}

/// The store with its history. All edits take the time `now` from the caller (the shell's clock).
#[derive(Debug, Clone, Default)]
pub struct Annotator {
    store: Store,
    undo: Vec<Step>,
    redo: Vec<Step>,
}

/// How many steps undo can go back.
const HISTORY_LIMIT: usize = 500;

/// A new annotation's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub target: Target,
    pub label: Label,
    pub note: String,
    pub tags: Vec<String>,
}

impl Annotator {
    pub fn new(store: Store) -> Self {
        Annotator {
            store,
            undo: Vec::new(),
            redo: Vec::new(),
        }
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Takes in a copy of the store from elsewhere (another tab, storage). Not undoable: it is
    /// not the reader's action here.
    pub fn merge(&mut self, other: &Store) -> bool {
        self.store.merge(other, true)
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn create(&mut self, id: String, draft: Draft, now: Millis) {
        let annotation = Annotation {
            id,
            target: draft.target,
            label: draft.label,
            note: draft.note,
            tags: draft.tags,
            created: now,
            modified: now,
            deleted: false,
        };
        self.record("highlight", vec![(None, annotation)], None);
    }

    /// Edits a live annotation; `what` names the change for undo ("note", "tags", ...). Returns
    /// false if there is no such annotation or the edit changed nothing.
    pub fn update(
        &mut self,
        id: &str,
        what: &str,
        now: Millis,
        edit: impl FnOnce(&mut Annotation),
    ) -> bool {
        let Some(before) = self.store.get(id).filter(|a| !a.deleted).cloned() else {
            return false;
        };
        let mut after = before.clone();
        edit(&mut after);
        after.id = before.id.clone();
        after.created = before.created;
        if after == before {
            return false;
        }
        after.modified = next_time(&before, now);
        self.record(what, vec![(Some(before), after)], None);
        true
    }

    /// Deletes annotations, leaving tombstones. Returns how many were deleted.
    pub fn delete(&mut self, ids: &[&str], now: Millis) -> usize {
        let puts: Vec<_> = ids
            .iter()
            .filter_map(|id| self.store.get(id).filter(|a| !a.deleted))
            .map(|before| {
                let after = Annotation {
                    deleted: true,
                    modified: next_time(before, now),
                    ..before.clone()
                };
                (Some(before.clone()), after)
            })
            .collect();
        let count = puts.len();
        if count > 0 {
            self.record("delete", puts, None);
        }
        count
    }

    /// Adds or updates many annotations at once (an import), as one undoable step. Returns how
    /// many of them changed the store.
    pub fn put_many(&mut self, what: &str, annotations: Vec<Annotation>) -> usize {
        let puts: Vec<_> = annotations
            .into_iter()
            .filter(|a| self.store.get(&a.id).is_none_or(|held| a.supersedes(held)))
            .map(|a| (self.store.get(&a.id).cloned(), a))
            .collect();
        let count = puts.len();
        if count > 0 {
            self.record(what, puts, None);
        }
        count
    }

    pub fn rename_label(&mut self, label: Label, name: &str) -> bool {
        let before = self.store.labels().clone();
        let mut after = before.clone();
        if !after.rename(label, name) || after == before {
            return false;
        }
        self.record("label name", Vec::new(), Some((before, after)));
        true
    }

    /// Undoes the last step; returns what it was ("highlight", "note", ...).
    pub fn undo(&mut self, now: Millis) -> Option<String> {
        let step = self.undo.pop()?;
        for (before, after) in &step.puts {
            let current = self.store.get(&after.id).unwrap_or(after);
            let restored = match before {
                Some(before) => before.clone(),
                None => Annotation {
                    deleted: true,
                    ..after.clone()
                },
            };
            let modified = next_time(current, now);
            self.store.put(Annotation {
                modified,
                ..restored
            });
        }
        if let Some((before, _)) = &step.labels {
            *self.store.labels_mut() = before.clone();
        }
        let what = step.what.clone();
        self.redo.push(step);
        Some(what)
    }

    /// Redoes the last undone step; returns what it was.
    pub fn redo(&mut self, now: Millis) -> Option<String> {
        let step = self.redo.pop()?;
        for (_, after) in &step.puts {
            let current = self.store.get(&after.id).unwrap_or(after);
            let modified = next_time(current, now);
            self.store.put(Annotation {
                modified,
                ..after.clone()
            });
        }
        if let Some((_, after)) = &step.labels {
            *self.store.labels_mut() = after.clone();
        }
        let what = step.what.clone();
        self.undo.push(step);
        Some(what)
    }

    fn record(
        &mut self,
        what: &str,
        puts: Vec<(Option<Annotation>, Annotation)>,
        labels: Option<(Labels, Labels)>,
    ) {
        for (_, after) in &puts {
            self.store.put(after.clone());
        }
        if let Some((_, after)) = &labels {
            *self.store.labels_mut() = after.clone();
        }
        self.undo.push(Step {
            what: what.to_owned(),
            puts,
            labels,
        });
        if self.undo.len() > HISTORY_LIMIT {
            self.undo.remove(0);
        }
        self.redo.clear();
    }
}

/// A modification time later than `current`'s, so the new version wins every merge even when
/// the clock stepped back.
fn next_time(current: &Annotation, now: Millis) -> Millis {
    now.max(current.modified.saturating_add(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(note: &str) -> Draft {
        Draft {
            target: Target {
                exact: "A sentence.".into(),
                prefix: String::new(),
                suffix: String::new(),
                start: 0,
                end: 11,
            },
            label: Label::default(),
            note: note.into(),
            tags: Vec::new(),
        }
    }

    #[test]
    fn every_change_can_be_undone_and_redone() {
        let mut a = Annotator::default();
        a.create("x".into(), draft(""), 100);
        assert!(a.update("x", "note", 101, |n| n.note = "why".into()));
        assert_eq!(a.delete(&["x"], 102), 1);
        assert_eq!(a.store().live().count(), 0);

        assert_eq!(a.undo(103).as_deref(), Some("delete"));
        assert_eq!(a.store().get("x").map(|n| n.note.as_str()), Some("why"));
        assert_eq!(a.undo(104).as_deref(), Some("note"));
        assert_eq!(a.store().get("x").map(|n| n.note.as_str()), Some(""));
        assert_eq!(a.undo(105).as_deref(), Some("highlight"));
        assert_eq!(a.store().live().count(), 0);
        assert_eq!(a.undo(106), None);

        assert_eq!(a.redo(107).as_deref(), Some("highlight"));
        assert_eq!(a.redo(108).as_deref(), Some("note"));
        assert_eq!(
            a.store().get("x").map(|n| (n.note.as_str(), n.deleted)),
            Some(("why", false))
        );
        assert_eq!(a.redo(109).as_deref(), Some("delete"));
        assert_eq!(a.store().live().count(), 0);
        assert_eq!(a.redo(110), None);
    }

    #[test]
    fn a_new_change_clears_redo() {
        let mut a = Annotator::default();
        a.create("x".into(), draft(""), 1);
        a.undo(2);
        assert!(a.can_redo());
        a.create("y".into(), draft(""), 3);
        assert!(!a.can_redo());
    }

    #[test]
    fn undone_versions_are_newer_so_they_win_merges_even_if_the_clock_went_back() {
        let mut a = Annotator::default();
        a.create("x".into(), draft(""), 1000);
        a.update("x", "note", 2000, |n| n.note = "later".into());
        let before_undo = a.store().clone();
        a.undo(5); // the clock stepped back
        let undone = a.store().get("x").cloned();
        assert!(
            undone
                .as_ref()
                .is_some_and(|u| u.modified > 2000 && u.note.is_empty())
        );
        let mut other = before_undo;
        other.merge(a.store(), false);
        assert_eq!(other.get("x").cloned(), undone);
    }

    #[test]
    fn label_renames_are_undoable() {
        let mut a = Annotator::default();
        let first = Label::default();
        assert!(a.rename_label(first, "Claim"));
        assert_eq!(a.store().labels().name(first), "Claim");
        a.undo(1);
        assert_eq!(a.store().labels().name(first), "Key point");
        a.redo(2);
        assert_eq!(a.store().labels().name(first), "Claim");
    }

    #[test]
    fn edits_that_change_nothing_are_not_recorded() {
        let mut a = Annotator::default();
        a.create("x".into(), draft("same"), 1);
        assert!(!a.update("x", "note", 2, |n| n.note = "same".into()));
        assert!(!a.update("missing", "note", 2, |n| n.note = "x".into()));
        assert_eq!(a.delete(&["missing"], 3), 0);
        assert_eq!(a.undo(4).as_deref(), Some("highlight"));
        assert!(!a.can_undo());
    }
}
