//! What the reader sees of the store: annotations placed on sentences in document order, the
//! marks each sentence carries, the side panel's filter and the tag suggestions.

use core::ops::Range;
use std::sync::Arc;

use crate::anchor::{Anchorer, Anchoring};
use crate::annotation::{Annotation, Label, Labels};
use crate::article::Article;
use crate::sort::sort_by;
use crate::store::Store;

/// A live annotation and where it is in the article: on sentences (exactly, or approximately with
/// a confidence), or an orphan with its best candidate.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    pub annotation: Arc<Annotation>,
    pub anchoring: Anchoring,
}

impl Placed {
    /// The sentences it is attached to; `None` for an orphan.
    pub fn sentences(&self) -> Option<Range<usize>> {
        self.anchoring.sentences()
    }
}

/// Live annotations in document order (by first sentence, then by creation); the orphans come
/// last.
pub fn place(article: &Article, store: &Store) -> Vec<Placed> {
    let anchorer = Anchorer::new(article);
    let mut placed: Vec<Placed> = store
        .live_shared()
        .map(|annotation| Placed {
            anchoring: anchorer.anchor(&annotation.target),
            annotation: Arc::clone(annotation),
        })
        .collect();
    let order = |p: &Placed| {
        let start = p.sentences().map_or(usize::MAX, |s| s.start);
        (start, p.annotation.created)
    };
    sort_by(&mut placed, |a, b| {
        order(a)
            .cmp(&order(b))
            .then_with(|| a.annotation.id.cmp(&b.annotation.id))
    });
    placed
}

/// How a sentence is marked: the label of the newest annotation covering it, how many cover it,
/// whether any has a note, and their ids, space-separated (in document order).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SentenceMark {
    pub label: Option<Label>,
    pub count: u16,
    pub has_note: bool,
    pub ids: String,
}

/// One mark per sentence of the article.
pub fn marks(sentence_count: usize, placed: &[Placed]) -> Vec<SentenceMark> {
    let mut marks = vec![SentenceMark::default(); sentence_count];
    let mut newest = vec![0u64; sentence_count];
    for p in placed {
        let Some(range) = p.sentences() else { continue };
        let a = &p.annotation;
        for sid in range {
            let (Some(mark), Some(newest)) = (marks.get_mut(sid), newest.get_mut(sid)) else {
                continue;
            };
            if mark.label.is_none() || a.modified >= *newest {
                mark.label = Some(a.label);
                *newest = a.modified;
            }
            mark.count = mark.count.saturating_add(1);
            mark.has_note |= !a.note.is_empty();
            if !mark.ids.is_empty() {
                mark.ids.push(' ');
            }
            mark.ids.push_str(&a.id);
        }
    }
    marks
}

/// The side panel's filter; empty fields match everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub label: Option<Label>,
    pub tag: Option<String>,
    /// Matched, ignoring case, against the quote, the note, the tags and the label name.
    pub text: String,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        self.label.is_none() && self.tag.is_none() && self.text.trim().is_empty()
    }

    pub fn matches(&self, annotation: &Annotation, labels: &Labels) -> bool {
        if self.label.is_some_and(|l| l != annotation.label) {
            return false;
        }
        if let Some(tag) = &self.tag
            && !annotation.tags.iter().any(|t| t.eq_ignore_ascii_case(tag))
        {
            return false;
        }
        let needle = self.text.trim().to_lowercase();
        needle.is_empty()
            || [
                annotation.target.exact.as_str(),
                annotation.note.as_str(),
                labels.name(annotation.label),
            ]
            .into_iter()
            .chain(annotation.tags.iter().map(String::as_str))
            .any(|hay| hay.to_lowercase().contains(&needle))
    }
}

/// Tags already used, most used first, then alphabetically: the suggestions when tagging.
pub fn tag_suggestions(store: &Store) -> Vec<String> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for tag in store.live().flat_map(|a| &a.tags) {
        match counts.iter_mut().find(|(t, _)| t.eq_ignore_ascii_case(tag)) {
            Some((_, n)) => *n += 1,
            None => counts.push((tag.clone(), 1)),
        }
    }
    sort_by(&mut counts, |a, b| {
        b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0))
    });
    counts.into_iter().map(|(t, _)| t).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anchor::target_for;
    use crate::annotation::Target;

    fn annotation(article: &Article, id: &str, sids: (usize, usize), label: usize) -> Annotation {
        Annotation {
            id: id.into(),
            target: target_for(article, sids.0, sids.1).unwrap_or_else(|| panic!("no target")),
            label: Label::new(label).unwrap_or_default(),
            note: String::new(),
            tags: Vec::new(),
            created: 1,
            modified: 1,
            deleted: false,
        }
    }

    #[test]
    fn annotations_are_placed_in_document_order_with_unplaced_last() {
        let article = Article::parse("T\n\nOne. Two. Three.");
        let lost = Annotation {
            target: Target {
                exact: "Gone for good.".into(),
                ..annotation(&article, "x", (1, 1), 0).target
            },
            ..annotation(&article, "lost", (1, 1), 0)
        };
        let store = Store::new(
            Labels::default(),
            [
                annotation(&article, "b", (3, 3), 1),
                lost,
                annotation(&article, "a", (1, 2), 0),
            ],
        );
        let placed = place(&article, &store);
        let order: Vec<(&str, Option<Range<usize>>)> = placed
            .iter()
            .map(|p| (p.annotation.id.as_str(), p.sentences()))
            .collect();
        assert_eq!(
            order,
            [("a", Some(1..3)), ("b", Some(3..4)), ("lost", None)]
        );

        let marks = marks(article.sentences().len(), &placed);
        let labels: Vec<Option<usize>> = marks.iter().map(|m| m.label.map(Label::index)).collect();
        assert_eq!(labels, [None, Some(0), Some(0), Some(1)]);
    }

    #[test]
    fn the_newest_annotation_colours_a_shared_sentence() {
        let article = Article::parse("T\n\nOne. Two.");
        let old = annotation(&article, "old", (1, 2), 0);
        let new = Annotation {
            modified: 5,
            note: "n".into(),
            ..annotation(&article, "new", (2, 2), 3)
        };
        let store = Store::new(Labels::default(), [new, old]);
        let marks = marks(article.sentences().len(), &place(&article, &store));
        assert_eq!(
            marks[2],
            SentenceMark {
                label: Label::new(3),
                count: 2,
                has_note: true,
                ids: "old new".into(),
            }
        );
        assert_eq!(
            marks[1],
            SentenceMark {
                label: Label::new(0),
                count: 1,
                has_note: false,
                ids: "old".into(),
            }
        );
    }

    #[test]
    fn filter_by_label_tag_and_text() {
        let article = Article::parse("T\n\nThe budget passed.");
        let a = Annotation {
            note: "Check the vote count".into(),
            tags: vec!["Budget".into()],
            ..annotation(&article, "a", (1, 1), 2)
        };
        let labels = Labels::default();
        assert!(Filter::default().matches(&a, &labels));
        assert!(
            Filter {
                label: Label::new(2),
                ..Filter::default()
            }
            .matches(&a, &labels)
        );
        assert!(
            !Filter {
                label: Label::new(1),
                ..Filter::default()
            }
            .matches(&a, &labels)
        );
        assert!(
            Filter {
                tag: Some("budget".into()),
                ..Filter::default()
            }
            .matches(&a, &labels)
        );
        assert!(
            !Filter {
                tag: Some("vote".into()),
                ..Filter::default()
            }
            .matches(&a, &labels)
        );
        for text in ["VOTE", "passed", "question", "budg"] {
            assert!(
                Filter {
                    text: text.into(),
                    ..Filter::default()
                }
                .matches(&a, &labels),
                "{text}"
            );
        }
        assert!(
            !Filter {
                text: "nowhere".into(),
                ..Filter::default()
            }
            .matches(&a, &labels)
        );
    }

    #[test]
    fn tag_suggestions_are_by_use() {
        let article = Article::parse("T\n\nOne. Two.");
        let with = |id, tags: &[&str]| Annotation {
            tags: tags.iter().map(|t| t.to_string()).collect(),
            ..annotation(&article, id, (1, 1), 0)
        };
        let store = Store::new(
            Labels::default(),
            [
                with("a", &["war", "Syria"]),
                with("b", &["syria"]),
                with("c", &["aid"]),
            ],
        );
        assert_eq!(tag_suggestions(&store), ["Syria", "aid", "war"]);
    }
}
