//! A new version of an article (a story corrected by its outlet, a page saved again): the
//! annotations of the earlier version, carried over. Each is anchored in the new text, and one
//! found there, word for word or as edited, gets a target made from the sentences it now covers;
//! the rest are carried as orphans with the target they had, so that nothing is lost and nothing
//! is attached to the wrong sentence.

use crate::anchor::{Anchorer, Anchoring, target_for};
use crate::annotation::Annotation;
use crate::article::Article;
use crate::store::Store;

/// What carrying annotations over would do, before anything changes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CarryOver {
    /// Their quote is in the new text word for word (wherever edits around it moved it).
    pub kept: Vec<Annotation>,
    /// Their sentences were edited, and found with confidence: they move to the edited text.
    pub moved: Vec<Annotation>,
    /// Not found with enough confidence: kept as they were, listed as could not be placed.
    pub orphaned: Vec<Annotation>,
}

impl CarryOver {
    pub fn len(&self) -> usize {
        self.kept.len() + self.moved.len() + self.orphaned.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every annotation, to put into the new version's store.
    pub fn into_annotations(self) -> Vec<Annotation> {
        let mut all = self.kept;
        all.extend(self.moved);
        all.extend(self.orphaned);
        all
    }
}

/// Carries the live annotations of `earlier` over to `article`.
pub fn carry_over(article: &Article, earlier: &Store) -> CarryOver {
    let anchorer = Anchorer::new(article);
    let mut carried = CarryOver::default();
    for annotation in earlier.live() {
        let anchoring = anchorer.anchor(&annotation.target);
        let retargeted = anchoring.sentences().and_then(|sentences| {
            let last = sentences.end.checked_sub(1)?;
            target_for(article, sentences.start, last)
        });
        let carried_as = |target| Annotation {
            target,
            ..annotation.clone()
        };
        match (anchoring, retargeted) {
            (Anchoring::Exact(_), Some(target)) => carried.kept.push(carried_as(target)),
            (Anchoring::Fuzzy { .. }, Some(target)) => carried.moved.push(carried_as(target)),
            _ => carried.orphaned.push(annotation.clone()),
        }
    }
    carried
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::{Label, Labels, Target};

    const EARLIER: &str = "Rebels enter the capital\n\n\
        Rebel fighters entered Damascus early on Sunday. The president's whereabouts were \
        unknown. Crowds gathered in the main square to celebrate.\n\n\
        The army command told officers that the government had fallen. Prisoners were freed \
        from the Saydnaya jail north of the city.";

    fn annotation(article: &Article, id: &str, sentence: usize) -> Annotation {
        Annotation {
            id: id.into(),
            target: target_for(article, sentence, sentence)
                .unwrap_or_else(|| panic!("no sentence")),
            label: Label::default(),
            note: format!("note {id}"),
            tags: Vec::new(),
            created: 1,
            modified: 1,
            deleted: false,
        }
    }

    fn ids(annotations: &[Annotation]) -> Vec<&str> {
        let mut ids: Vec<&str> = annotations.iter().map(|a| a.id.as_str()).collect();
        ids.sort_unstable();
        ids
    }

    fn quote(article: &Article, target: &Target) -> String {
        article
            .text()
            .chars()
            .skip(target.start)
            .take(target.end - target.start)
            .collect()
    }

    #[test]
    fn kept_moved_and_orphaned_as_the_text_was_edited() {
        let earlier = Article::parse(EARLIER);
        let store = Store::new(
            Labels::default(),
            [
                annotation(&earlier, "headline", 0),
                annotation(&earlier, "crowds", 3),
                annotation(&earlier, "army", 4),
                annotation(&earlier, "prison", 5),
            ],
        );
        // A correction: the prisoners' sentence reworded beyond recognition, one word of the
        // army's sentence fixed, a new sentence before the crowds.
        let later_text = EARLIER
            .replace(
                "Prisoners were freed from the Saydnaya jail north of the city.",
                "Thousands of detainees walked out of a notorious prison.",
            )
            .replace("told officers", "informed officers")
            .replace("Crowds gathered", "Shops stayed closed. Crowds gathered");
        let later = Article::parse(&later_text);
        let carried = carry_over(&later, &store);

        assert_eq!(ids(&carried.kept), ["crowds", "headline"]);
        assert_eq!(ids(&carried.moved), ["army"]);
        assert_eq!(ids(&carried.orphaned), ["prison"]);
        for a in carried.kept.iter().chain(&carried.moved) {
            assert_eq!(
                quote(&later, &a.target),
                a.target.exact,
                "targets are the new text's"
            );
        }
        assert!(carried.moved[0].target.exact.contains("informed officers"));
        let crowds = carried.kept.iter().find(|a| a.id == "crowds");
        assert!(crowds.is_some_and(|a| a.target.prefix.ends_with("Shops stayed closed. ")));
        let orphan = &carried.orphaned[0];
        assert_eq!(
            orphan.target,
            store
                .get("prison")
                .map(|a| a.target.clone())
                .unwrap_or_else(|| panic!())
        );
        assert_eq!(carried.len(), 4);
        let all = carried.into_annotations();
        assert!(
            all.iter().all(|a| a.note == format!("note {}", a.id)),
            "notes come along"
        );
    }

    #[test]
    fn deleted_annotations_stay_behind() {
        let earlier = Article::parse(EARLIER);
        let mut gone = annotation(&earlier, "gone", 1);
        gone.deleted = true;
        let store = Store::new(Labels::default(), [gone]);
        assert!(carry_over(&earlier, &store).is_empty());
    }
}
