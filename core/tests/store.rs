//! Properties of the store's merge and of two tabs editing the same article.

use proptest::prelude::*;
use scholia_core::annotation::{Annotation, Label, Labels, Target};
use std::cell::RefCell;
use std::collections::BTreeMap;

use scholia_core::codec::{JsonError, SerdeJson};
use scholia_core::history::{Annotator, Draft};
use scholia_core::saving::{Entries, Keys, Saver};
use scholia_core::store::Store;

fn target(n: usize) -> Target {
    Target {
        exact: format!("Sentence {n}."),
        prefix: String::new(),
        suffix: String::new(),
        start: n * 20,
        end: n * 20 + 11,
    }
}

fn annotation() -> impl Strategy<Value = Annotation> {
    (0..6usize, 0..5usize, 0..4u64, any::<bool>(), "[a-z ]{0,6}").prop_map(
        |(id, label, modified, deleted, note)| Annotation {
            id: format!("id{id}"),
            target: target(id),
            label: Label::new(label).unwrap_or_default(),
            note,
            tags: Vec::new(),
            created: 0,
            modified,
            deleted,
        },
    )
}

fn store() -> impl Strategy<Value = Store> {
    prop::collection::vec(annotation(), 0..8).prop_map(|a| Store::new(Labels::default(), a))
}

fn merged(a: &Store, b: &Store) -> Store {
    let mut out = a.clone();
    out.merge(b, false);
    out
}

#[derive(Debug, Clone)]
enum Op {
    Create,
    Note(usize, String),
    Relabel(usize, usize),
    Delete(usize),
    Undo,
    Redo,
    /// The tab saves as the app does: it takes in what another tab stored since, then writes the
    /// journal of its changes or the whole entry.
    Save,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        2 => Just(Op::Create),
        2 => (0..8usize, "[a-z]{1,5}").prop_map(|(i, n)| Op::Note(i, n)),
        1 => (0..8usize, 0..5usize).prop_map(|(i, l)| Op::Relabel(i, l)),
        1 => (0..8usize).prop_map(Op::Delete),
        1 => Just(Op::Undo),
        1 => Just(Op::Redo),
        2 => Just(Op::Save),
    ]
}

struct Tab {
    annotator: Annotator,
    saver: Saver,
    name: &'static str,
    created: usize,
}

impl Tab {
    fn new(name: &'static str) -> Self {
        Tab {
            annotator: Annotator::default(),
            saver: Saver::new(Keys::new("scholia:annotations:0000000000000000".into())),
            name,
            created: 0,
        }
    }
}

/// localStorage, shared by the tabs.
#[derive(Default)]
struct Shared(RefCell<BTreeMap<String, String>>);

impl Entries for Shared {
    type Error = JsonError;
    fn get(&self, key: &str) -> Result<Option<String>, JsonError> {
        Ok(self.0.borrow().get(key).cloned())
    }
    fn set(&self, key: &str, value: &str) -> Result<(), JsonError> {
        self.0.borrow_mut().insert(key.into(), value.into());
        Ok(())
    }
    fn remove(&self, key: &str) -> Result<(), JsonError> {
        self.0.borrow_mut().remove(key);
        Ok(())
    }
}

impl Tab {
    fn pick(&self, i: usize) -> Option<String> {
        let live: Vec<String> = self
            .annotator
            .store()
            .live()
            .map(|a| a.id.clone())
            .collect();
        (!live.is_empty()).then(|| live[i % live.len()].clone())
    }

    fn apply(&mut self, op: &Op, now: u64, stored: &Shared, written: &mut Vec<Annotation>) {
        match op {
            Op::Create => {
                self.created += 1;
                let id = format!("{}-{}", self.name, self.created);
                let draft = Draft {
                    target: target(self.created),
                    label: Label::default(),
                    note: String::new(),
                    tags: Vec::new(),
                };
                self.annotator.create(id, draft, now);
            }
            Op::Note(i, note) => {
                if let Some(id) = self.pick(*i) {
                    self.annotator
                        .update(&id, "note", now, |a| a.note = note.clone());
                }
            }
            Op::Relabel(i, label) => {
                if let Some(id) = self.pick(*i) {
                    self.annotator.update(&id, "label", now, |a| {
                        a.label = Label::new(*label).unwrap_or_default()
                    });
                }
            }
            Op::Delete(i) => {
                if let Some(id) = self.pick(*i) {
                    self.annotator.delete(&[id.as_str()], now);
                }
            }
            Op::Undo => {
                self.annotator.undo(now);
            }
            Op::Redo => {
                self.annotator.redo(now);
            }
            Op::Save => {
                if let Ok(Some(elsewhere)) = self.saver.saved_elsewhere(stored)
                    && let Ok(on_disk) = elsewhere.decode(&SerdeJson)
                {
                    self.annotator.merge(&on_disk);
                }
                let revision = format!("{}-{now}", self.name);
                let saved = self
                    .saver
                    .write(stored, &SerdeJson, self.annotator.store(), revision);
                assert_eq!(saved, Ok(()));
            }
        }
        written.extend(self.annotator.store().all().cloned());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn merge_is_commutative(a in store(), b in store()) {
        prop_assert_eq!(merged(&a, &b), merged(&b, &a));
    }

    #[test]
    fn merge_is_idempotent_and_associative(a in store(), b in store(), c in store()) {
        prop_assert_eq!(merged(&a, &a), a.clone());
        let ab = merged(&a, &b);
        prop_assert_eq!(merged(&ab, &b), ab.clone());
        prop_assert_eq!(merged(&ab, &c), merged(&a, &merged(&b, &c)));
    }

    /// Two tabs edit at once, saving at arbitrary moments with skewed clocks. Once both have saved,
    /// both hold the same annotations, and every annotation either tab ever made is there in the
    /// newest version anyone wrote of it: nothing is lost.
    #[test]
    fn no_interleaving_of_two_tabs_loses_an_annotation(
        ops in prop::collection::vec((any::<bool>(), op()), 0..60),
        skew in 0..50u64,
    ) {
        let stored = Shared::default();
        let mut tabs = [Tab::new("left"), Tab::new("right")];
        let mut written = Vec::new();
        for (step, (right, op)) in ops.iter().enumerate() {
            let now = 1_000 + step as u64 * 10 + if *right { skew } else { 0 };
            tabs[usize::from(*right)].apply(op, now, &stored, &mut written);
        }
        for tab in &mut tabs {
            tab.apply(&Op::Save, u64::MAX, &stored, &mut written);
        }
        tabs[0].apply(&Op::Save, u64::MAX, &stored, &mut written);

        let left = tabs[0].annotator.store();
        let right = tabs[1].annotator.store();
        prop_assert_eq!(left.all().collect::<Vec<_>>(), right.all().collect::<Vec<_>>());
        for version in &written {
            let held = left.get(&version.id);
            prop_assert!(held.is_some(), "lost {}", version.id);
            prop_assert!(held.is_some_and(|h| h == version || h.supersedes(version)));
        }
    }
}
