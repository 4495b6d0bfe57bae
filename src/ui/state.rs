//! The reader's state for one article and every action on it. Data flows one way: an action
//! changes the annotator (or the selection), the views render from the signals, and persistence
//! saves what changed.

use std::ops::{Range, RangeInclusive};
use std::sync::Arc;

use leptos::prelude::*;
use scholia_core::anchor::{Anchorer, target_for};
use scholia_core::annotation::{Annotation, Label, Labels, clean_tags};
use scholia_core::article::Article;
use scholia_core::formats::{self, ImportPreview};
use scholia_core::history::{Annotator, Draft};
use scholia_core::placement::{Filter, Placed, SentenceMark, marks, place};
use scholia_core::store::Store;

use super::on_demand::{load, spawn_on_demand};
use super::persistence::Persistence;
use super::{import, share};
use crate::browser;

/// The sentences the reader has selected: from `anchor` (where a shift-extension started) to
/// `focus` (the current sentence, which has keyboard focus).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Selection {
    pub anchor: usize,
    pub focus: usize,
}

impl Selection {
    pub fn range(self) -> RangeInclusive<usize> {
        self.anchor.min(self.focus)..=self.anchor.max(self.focus)
    }
}

/// What one sentence element shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SentenceView {
    pub mark: SentenceMark,
    pub selected: bool,
    pub current: bool,
}

/// Which part of the editor has focus when it opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditorField {
    Note,
    Tags,
}

/// The note and tag editor, open on an annotation or on the selection (created on save).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditorState {
    pub id: Option<String>,
    pub sentences: RangeInclusive<usize>,
    pub quote: String,
    pub note: String,
    pub tags: Vec<String>,
    pub field: EditorField,
}

/// A problem the reader must know about, shown in a `role="alert"` region until dismissed or
/// resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AlertKind {
    StorageBlocked,
    QuotaExceeded,
    UnreadableMovedAside,
    UnreadableKept,
    NewerVersion,
    ImportRefused,
    ShareUnavailable,
    Unloaded,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alert {
    pub kind: AlertKind,
    pub message: String,
}

/// An import the reader is looking at before anything changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingImport {
    /// What was read: a file's name, "the share link", "the pasted text".
    pub source: String,
    pub preview: ImportPreview,
    /// Whether it came from the shared layer, which goes once its annotations are imported.
    pub from_shared: bool,
}

/// Annotations someone shared in the page's link, shown apart from the reader's own until the
/// reader imports or dismisses them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedLayer {
    /// The link's fragment, read again against the reader's store on import.
    pub link: String,
    /// The link read against an empty store: every shared annotation is new or unplaced.
    pub preview: ImportPreview,
}

impl SharedLayer {
    pub fn len(&self) -> usize {
        self.preview.new.len() + self.preview.unplaced.len()
    }
}

#[derive(Clone, Copy)]
pub struct Reader {
    pub article: StoredValue<Article>,
    pub annotator: RwSignal<Annotator>,
    pub placed: Memo<Vec<Placed>>,
    /// The label names, apart from the annotations so that their views update only on a rename.
    pub labels: Memo<Labels>,
    pub selection: RwSignal<Selection>,
    /// The label `h` highlights with and `1`–`5` pick.
    pub label: RwSignal<Label>,
    /// What each sentence element shows now. Kept here, not in a signal per sentence, so that a
    /// change touches only the elements whose view changed, on any article length.
    sentence_views: StoredValue<Vec<SentenceView>>,
    /// The article element, whose sentence elements the views are applied to.
    pub article_ref: NodeRef<leptos::html::Article>,
    /// Whether the whole of a long article is on the page (it arrives a slice per task),
    /// so that the sentences after its first slice get their marks.
    pub whole_on_page: RwSignal<bool>,
    sentence_elements: StoredValue<Vec<web_sys::HtmlElement>, LocalStorage>,
    pub filter: RwSignal<Filter>,
    pub editor: RwSignal<Option<EditorState>>,
    pub help_open: RwSignal<bool>,
    /// The last change, for the `aria-live` region.
    pub status: RwSignal<String>,
    pub alerts: RwSignal<Vec<Alert>>,
    pub read_only: RwSignal<bool>,
    pub pending_import: RwSignal<Option<PendingImport>>,
    pub shared: RwSignal<Option<SharedLayer>>,
    persistence: StoredValue<Persistence, LocalStorage>,
}

impl Reader {
    pub fn new(article: Article) -> Self {
        let sentence_count = article.sentences().len();
        let (persistence, loaded) = Persistence::open(article.text());
        let annotator = RwSignal::new(Annotator::new(loaded.store));
        let article = StoredValue::new(article);
        let placed = Memo::new(move |_| {
            article.with_value(|article| annotator.with(|a| place(article, a.store())))
        });
        let reader = Reader {
            article,
            annotator,
            placed,
            labels: Memo::new(move |_| annotator.with(|a| a.store().labels().clone())),
            selection: RwSignal::new(Selection::default()),
            label: RwSignal::new(Label::default()),
            sentence_views: StoredValue::new(vec![SentenceView::default(); sentence_count]),
            article_ref: NodeRef::new(),
            whole_on_page: RwSignal::new(false),
            sentence_elements: StoredValue::new_local(Vec::new()),
            filter: RwSignal::new(Filter::default()),
            editor: RwSignal::new(None),
            help_open: RwSignal::new(false),
            status: RwSignal::new(String::new()),
            alerts: RwSignal::new(loaded.alerts),
            read_only: RwSignal::new(loaded.read_only),
            pending_import: RwSignal::new(None),
            shared: RwSignal::new(None),
            persistence: StoredValue::new_local(persistence),
        };
        Effect::new(move |_| reader.sync_sentence_views());
        Effect::new(move |_| reader.sync_shared_marks());
        reader
    }

    pub fn sentence_count(&self) -> usize {
        self.sentence_views.with_value(Vec::len)
    }

    /// The sentence elements in sentence id order, those on the page so far.
    fn with_sentence_elements<T>(&self, f: impl FnOnce(&[web_sys::HtmlElement]) -> T) -> Option<T> {
        // Those of a long article are found again until all have arrived.
        let missing = self
            .sentence_elements
            .with_value(|e| e.len() != self.sentence_count());
        if missing {
            let found = self
                .article_ref
                .get_untracked()
                .map(|article| crate::browser::elements(&article, "[data-sid]"))?;
            self.sentence_elements.set_value(found);
        }
        self.sentence_elements
            .try_with_value(|elements| f(elements))
    }

    /// Brings the sentence elements in line with the placed annotations and the selection.
    fn sync_sentence_views(&self) {
        self.article_ref.track();
        self.whole_on_page.track();
        let selection = self.selection.get();
        let range = selection.range();
        let marks = self
            .placed
            .with(|placed| marks(self.sentence_count(), placed));
        self.with_sentence_elements(|elements| {
            self.sentence_views.update_value(|views| {
                for (sid, ((shown, mark), element)) in
                    views.iter_mut().zip(marks).zip(elements).enumerate()
                {
                    let view = SentenceView {
                        mark,
                        selected: range.contains(&sid),
                        current: sid == selection.focus,
                    };
                    if *shown != view {
                        super::article::show_sentence_view(element, &view);
                        *shown = view;
                    }
                }
            });
        });
    }

    /// Marks the sentences that the shared layer covers with `data-shared`.
    fn sync_shared_marks(&self) {
        self.article_ref.track();
        self.whole_on_page.track();
        let mut covered = vec![false; self.sentence_count()];
        self.shared.with(|shared| {
            let annotations = shared.iter().flat_map(|s| &s.preview.new);
            self.article.with_value(|article| {
                let anchorer = Anchorer::new(article);
                for a in annotations {
                    for sid in anchorer.anchor(&a.target).sentences().into_iter().flatten() {
                        if let Some(c) = covered.get_mut(sid) {
                            *c = true;
                        }
                    }
                }
            });
        });
        self.with_sentence_elements(|elements| {
            for (element, covered) in elements.iter().zip(covered) {
                if element.has_attribute("data-shared") != covered {
                    let _ = if covered {
                        element.set_attribute("data-shared", "")
                    } else {
                        element.remove_attribute("data-shared")
                    };
                }
            }
        });
    }

    /// Moves keyboard focus to sentence `sid`.
    pub fn focus_sentence(&self, sid: usize) {
        self.with_sentence_elements(|elements| {
            if let Some(element) = elements.get(sid) {
                let _ = element.focus();
            }
        });
    }

    /// Announces a change to screen readers through the `aria-live` region.
    pub fn announce(&self, message: impl Into<String>) {
        self.status.set(message.into());
    }

    pub fn alert(&self, kind: AlertKind, message: impl Into<String>) {
        let message = message.into();
        self.alerts.update(|alerts| {
            alerts.retain(|a| a.kind != kind);
            alerts.push(Alert { kind, message });
        });
    }

    /// Takes the alert of `kind` down, if it is up (and leaves the alerts untouched if not).
    pub fn dismiss_alert(&self, kind: AlertKind) {
        let shown = self
            .alerts
            .try_with_untracked(|alerts| alerts.iter().any(|a| a.kind == kind));
        if shown == Some(true) {
            self.alerts
                .update(|alerts| alerts.retain(|a| a.kind != kind));
        }
    }

    // Selection ---------------------------------------------------------------------------

    /// Selects sentence `sid`, or extends the selection to it.
    pub fn select(&self, sid: usize, extend: bool) {
        if sid >= self.sentence_count() {
            return;
        }
        self.selection.update(|s| {
            s.focus = sid;
            if !extend {
                s.anchor = sid;
            }
        });
    }

    /// Moves the current sentence by `delta`, focusing it; with `extend`, grows the selection.
    pub fn step(&self, delta: isize, extend: bool) {
        let last = self.sentence_count().saturating_sub(1);
        let focus = self.selection.get_untracked().focus;
        let next = focus.saturating_add_signed(delta).min(last);
        self.select(next, extend);
        self.focus_sentence(next);
    }

    pub fn collapse_selection(&self) {
        self.selection.update(|s| s.anchor = s.focus);
    }

    /// The annotation the keys act on: the one covering exactly the selection, else the newest
    /// covering the current sentence.
    pub fn current_annotation(&self) -> Option<Arc<Annotation>> {
        let selection = self.selection.get_untracked();
        let range = selection.range();
        let exact = range.start()..&(range.end() + 1);
        self.placed.with_untracked(|placed| {
            placed
                .iter()
                .filter(|p| {
                    p.sentences()
                        .is_some_and(|s| s.start == *exact.start && s.end == *exact.end)
                })
                .max_by_key(|p| p.annotation.modified)
                .or_else(|| {
                    placed
                        .iter()
                        .filter(|p| p.sentences().is_some_and(|s| s.contains(&selection.focus)))
                        .max_by_key(|p| p.annotation.modified)
                })
                .map(|p| p.annotation.clone())
        })
    }

    // Edits -------------------------------------------------------------------------------

    /// Runs an edit unless the store is read-only, then saves and announces.
    fn edit(&self, edit: impl FnOnce(&mut Annotator) -> Option<String>) {
        if self.read_only.get_untracked() {
            self.announce("Read-only: these annotations were saved by a newer version of Scholia.");
            return;
        }
        let mut message = None;
        self.annotator.update(|a| message = edit(a));
        if let Some(message) = message {
            self.announce(message);
            self.persistence_changed();
        }
    }

    /// The name of `label`; tracked, so a view calling it follows renames.
    pub fn label_name(&self, label: Label) -> String {
        self.labels.with(|l| l.name(label).to_owned())
    }

    fn selection_target(
        &self,
    ) -> Option<(RangeInclusive<usize>, scholia_core::annotation::Target)> {
        let range = self.selection.get_untracked().range();
        let target = self
            .article
            .with_value(|article| target_for(article, *range.start(), *range.end()))?;
        Some((range, target))
    }

    /// `h`: highlights the selection with the current label, or removes a highlight that covers
    /// exactly the selection. A highlight with a note or tags is kept: `x` deletes those.
    pub fn toggle_highlight(&self) {
        let label = self.label.get_untracked();
        let existing = self.current_annotation().filter(|a| {
            let range = self.selection.get_untracked().range();
            self.placed.with_untracked(|placed| {
                placed.iter().any(|p| {
                    p.annotation.id == a.id
                        && p.sentences() == Some(*range.start()..range.end() + 1)
                })
            })
        });
        match existing {
            Some(a) if a.note.is_empty() && a.tags.is_empty() => {
                self.edit(|annotator| {
                    (annotator.delete(&[a.id.as_str()], browser::now_ms()) > 0)
                        .then(|| "Highlight removed.".to_owned())
                });
            }
            Some(_) => self.announce("This highlight has a note or tags; press x to delete it."),
            None => {
                let Some((range, target)) = self.selection_target() else {
                    return;
                };
                let name = self.label_name(label);
                let count = range.end() - range.start() + 1;
                self.edit(|annotator| {
                    let draft = Draft {
                        target,
                        label,
                        note: String::new(),
                        tags: Vec::new(),
                    };
                    annotator.create(browser::random_id(), draft, browser::now_ms());
                    Some(match count {
                        1 => format!("Highlighted as {name}."),
                        n => format!("Highlighted {n} sentences as {name}."),
                    })
                });
            }
        }
    }

    /// `1`–`5`: picks the label, and re-labels the current annotation.
    pub fn choose_label(&self, label: Label) {
        self.label.set(label);
        let name = self.label_name(label);
        match self.current_annotation().filter(|a| a.label != label) {
            Some(a) => self.edit(|annotator| {
                annotator
                    .update(&a.id, "label", browser::now_ms(), |a| a.label = label)
                    .then(|| format!("Labelled {name}."))
            }),
            None => self.announce(format!("Label: {name}.")),
        }
    }

    pub fn rename_label(&self, label: Label, name: &str) {
        self.edit(|annotator| {
            annotator.rename_label(label, name).then(|| {
                format!(
                    "Label {} renamed to {}.",
                    label.index() + 1,
                    annotator.store().labels().name(label)
                )
            })
        });
    }

    /// `x`/`Delete`: deletes the current annotation.
    pub fn delete_current(&self) {
        match self.current_annotation() {
            Some(a) => self.delete(&a.id),
            None => self.announce("Nothing to delete here."),
        }
    }

    pub fn delete(&self, id: &str) {
        self.edit(|annotator| {
            (annotator.delete(&[id], browser::now_ms()) > 0)
                .then(|| "Annotation deleted. Press u to undo.".to_owned())
        });
    }

    /// Places an annotation that could not be placed on `sentences` (ids, end exclusive): its
    /// target becomes theirs, as one step that undo takes back.
    pub fn place_on(&self, id: &str, sentences: &Range<usize>) {
        let Some(last) = sentences.end.checked_sub(1) else {
            return;
        };
        let Some(target) = self
            .article
            .with_value(|article| target_for(article, sentences.start, last))
        else {
            return;
        };
        self.edit(|annotator| {
            annotator
                .update(id, "placing", browser::now_ms(), |a| a.target = target)
                .then(|| "Annotation placed. Press u to undo.".to_owned())
        });
        self.go_to(sentences);
    }

    /// Adds the annotations carried over from an earlier version of the article, as one step.
    pub fn carry_over(&self, annotations: Vec<Annotation>) {
        self.edit(|annotator| {
            let count = annotator.put_many("carrying over", annotations);
            (count > 0).then(|| match count {
                1 => "1 annotation carried over. Press u to undo.".to_owned(),
                n => format!("{n} annotations carried over. Press u to undo."),
            })
        });
    }

    pub fn undo(&self) {
        self.edit(|annotator| {
            Some(match annotator.undo(browser::now_ms()) {
                Some(what) => format!("Undid {what}."),
                None => "Nothing to undo.".to_owned(),
            })
        });
    }

    pub fn redo(&self) {
        self.edit(|annotator| {
            Some(match annotator.redo(browser::now_ms()) {
                Some(what) => format!("Redid {what}."),
                None => "Nothing to redo.".to_owned(),
            })
        });
    }

    /// `n`/`t`: opens the editor on the current annotation, or on the selection.
    pub fn open_editor(&self, field: EditorField) {
        if self.read_only.get_untracked() {
            self.announce("Read-only: these annotations were saved by a newer version of Scholia.");
            return;
        }
        let state = match self.current_annotation() {
            Some(a) => self.editor_for(&a, field),
            None => {
                let Some((sentences, target)) = self.selection_target() else {
                    return;
                };
                EditorState {
                    id: None,
                    sentences,
                    quote: target.exact,
                    note: String::new(),
                    tags: Vec::new(),
                    field,
                }
            }
        };
        self.editor.set(Some(state));
    }

    /// Opens the editor on annotation `id`.
    pub fn open_editor_on(&self, id: &str, field: EditorField) {
        if self.read_only.get_untracked() {
            self.announce("Read-only: these annotations were saved by a newer version of Scholia.");
            return;
        }
        let state = self.annotator.with_untracked(|a| {
            a.store()
                .get(id)
                .filter(|a| !a.deleted)
                .map(|a| self.editor_for(a, field))
        });
        if state.is_some() {
            self.editor.set(state);
        }
    }

    fn editor_for(&self, a: &Annotation, field: EditorField) -> EditorState {
        let sentences = self.placed.with_untracked(|placed| {
            placed
                .iter()
                .find(|p| p.annotation.id == a.id)
                .and_then(Placed::sentences)
                .map(|s| s.start..=s.end.saturating_sub(1))
        });
        EditorState {
            sentences: sentences.unwrap_or(0..=0),
            quote: a.target.exact.clone(),
            note: a.note.clone(),
            tags: a.tags.clone(),
            id: Some(a.id.clone()),
            field,
        }
    }

    /// Saves the editor: updates its annotation, or creates one on its sentences with the
    /// current label.
    pub fn save_editor(&self, note: String, tags: Vec<String>) {
        let Some(state) = self.editor.get_untracked() else {
            return;
        };
        let tags = clean_tags(tags.iter().map(String::as_str));
        // Cleaned as imports clean notes, so that every note survives every export format.
        let note = formats::clean_note(note.trim_end());
        match state.id {
            Some(id) => self.edit(|annotator| {
                Some(
                    if annotator.update(&id, "note", browser::now_ms(), |a| {
                        a.note = note;
                        a.tags = tags;
                    }) {
                        "Note saved.".to_owned()
                    } else {
                        "No changes.".to_owned()
                    },
                )
            }),
            None => {
                let target = self.article.with_value(|article| {
                    target_for(article, *state.sentences.start(), *state.sentences.end())
                });
                let label = self.label.get_untracked();
                if let Some(target) = target {
                    self.edit(|annotator| {
                        let draft = Draft {
                            target,
                            label,
                            note,
                            tags,
                        };
                        annotator.create(browser::random_id(), draft, browser::now_ms());
                        Some("Annotation saved.".to_owned())
                    });
                }
            }
        }
        self.close_editor();
    }

    pub fn close_editor(&self) {
        self.editor.set(None);
        self.focus_sentence(self.selection.get_untracked().focus);
    }

    /// Focuses an annotation's first sentence, selecting its sentences.
    pub fn go_to(&self, sentences: &Range<usize>) {
        if sentences.is_empty() {
            return;
        }
        self.selection.set(Selection {
            anchor: sentences.end - 1,
            focus: sentences.start,
        });
        self.focus_sentence(sentences.start);
    }

    // Import and sharing ------------------------------------------------------------------

    /// Reads `bytes` (a file, pasted text or a share link) from `source` and shows what importing
    /// them would do; nothing changes until [`Reader::apply_import`]. A refusal is an alert.
    pub fn preview_import(&self, source: &str, bytes: Vec<u8>, from_shared: bool) {
        let source = source.to_owned();
        let reader = *self;
        spawn_on_demand(reader, async move {
            load!(import::read_import(reader, source, Ok(bytes), from_shared))
        });
    }

    /// Shows what importing `preview` from `source` would do.
    pub fn show_import_preview(&self, source: String, preview: ImportPreview, from_shared: bool) {
        self.dismiss_alert(AlertKind::ImportRefused);
        self.pending_import.set(Some(PendingImport {
            source,
            preview,
            from_shared,
        }));
    }

    /// Says why `source` was not imported; the reader's annotations are untouched.
    pub fn refuse_import(&self, source: &str, why: &dyn std::fmt::Display) {
        self.alert(
            AlertKind::ImportRefused,
            format!("Nothing was imported from {source}: {why}."),
        );
    }

    /// Applies the import being previewed as one undoable step. Annotations that could not be
    /// placed are kept too, so that they are listed rather than lost.
    pub fn apply_import(&self) {
        let Some(pending) = self.pending_import.get_untracked() else {
            return;
        };
        let preview = pending.preview;
        let annotations: Vec<Annotation> = preview
            .to_apply()
            .into_iter()
            .chain(preview.unplaced)
            .collect();
        self.edit(|annotator| {
            Some(match annotator.put_many("import", annotations) {
                0 => "Nothing imported: you have all of these already.".to_owned(),
                1 => "Imported 1 annotation. Press u to undo.".to_owned(),
                n => format!("Imported {n} annotations. Press u to undo."),
            })
        });
        if pending.from_shared && !self.read_only.get_untracked() {
            self.dismiss_shared();
        }
        self.pending_import.set(None);
    }

    pub fn cancel_import(&self) {
        self.pending_import.set(None);
        self.announce("Import cancelled.");
    }

    /// Shows the annotations shared in the page's link, if it holds any, apart from the reader's.
    pub fn show_shared_link(&self) {
        let link = browser::address::fragment();
        if !link.contains(formats::share::LINK_PREFIX) {
            return;
        }
        let reader = *self;
        spawn_on_demand(reader, async move {
            load!(share::read_shared_link(reader, link))
        });
    }

    /// Previews importing the shared layer into the reader's own annotations.
    pub fn import_shared(&self) {
        let Some(link) = self
            .shared
            .with_untracked(|s| s.as_ref().map(|s| s.link.clone()))
        else {
            return;
        };
        self.preview_import("the share link", link.into_bytes(), true);
    }

    /// Hides the shared layer and takes the link out of the address, so a reload does not bring
    /// it back.
    pub fn dismiss_shared(&self) {
        self.shared.set(None);
        browser::address::clear_fragment();
    }

    // Persistence ------------------------------------------------------------------------

    fn persistence_changed(&self) {
        Persistence::schedule_save(*self);
    }

    pub(super) fn with_persistence<T>(&self, f: impl FnOnce(&mut Persistence) -> T) -> Option<T> {
        self.persistence.try_update_value(f)
    }

    /// Takes in annotations saved by another tab.
    pub fn merge_from_elsewhere(&self, store: &Store) {
        let mut changed = false;
        self.annotator.update(|a| changed = a.merge(store));
        if changed {
            self.announce("Updated with changes from another tab.");
        }
    }
}
