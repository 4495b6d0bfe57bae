//! The article of a web page, without the site around it.
//!
//! The page is analysed once per attempt ([`page`]), its containers scored by the paragraphs
//! they hold ([`score`]), the best one taken with the siblings that belong to it, and its blocks
//! read with the chrome inside it left out ([`blocks`]); the headline and byline come from the
//! whole page ([`headline`]). Like Readability.js, a first attempt that finds too little text is
//! repeated with fewer rules: class names lie on some sites.

mod blocks;
mod headline;
mod page;
mod score;

use super::Draft;
use super::language;
use super::tree::Tree;
use crate::article::BlockKind;
use page::Page;

/// A body shorter than this (characters) makes the extractor try again with fewer rules.
const ENOUGH_TEXT: usize = 500;

/// How much each attempt trusts class names and cleans up.
#[derive(Clone, Copy)]
struct Attempt {
    drop_unlikely: bool,
    weigh_classes: bool,
    clean: bool,
}

const ATTEMPTS: [Attempt; 4] = [
    Attempt {
        drop_unlikely: true,
        weigh_classes: true,
        clean: true,
    },
    Attempt {
        drop_unlikely: false,
        weigh_classes: true,
        clean: true,
    },
    Attempt {
        drop_unlikely: false,
        weigh_classes: false,
        clean: true,
    },
    Attempt {
        drop_unlikely: false,
        weigh_classes: false,
        clean: false,
    },
];

/// The article in `page`: headline, byline, subheadings, paragraphs, lists, quotes, captions.
pub fn extract(page: &Tree) -> Draft {
    let lang = declared_language(page);
    let mut best: Option<(usize, Draft)> = None;
    for attempt in ATTEMPTS {
        let draft = extract_with(page, attempt);
        let length = body_length(&draft);
        if length >= ENOUGH_TEXT {
            best = Some((length, draft));
            break;
        }
        if best.as_ref().is_none_or(|(l, _)| length > *l) {
            best = Some((length, draft));
        }
    }
    let mut draft = best.map(|(_, d)| d).unwrap_or_default();
    draft.lang = lang;
    draft
}

fn extract_with(tree: &Tree, attempt: Attempt) -> Draft {
    let page = Page::new(tree, attempt.drop_unlikely);
    let scores = score::score(&page, attempt.weigh_classes);
    let roots = score::article_roots(&page, &scores);
    let headline = headline::headline(&page, &roots);
    let byline = headline::byline(&page, headline.as_ref(), &roots);

    let mut draft = Draft::default();
    let mut skipped = Vec::new();
    if let Some(headline) = &headline {
        draft.push(BlockKind::Headline, &headline.text);
        skipped.extend(headline.node);
    }
    if let Some(byline) = &byline {
        draft.push(BlockKind::Byline, &byline.text);
        skipped.extend(&byline.nodes);
    }
    let skip = blocks::Skip {
        headline: headline.as_ref().map(|h| h.text.as_str()),
        nodes: &skipped,
        top: roots.first().copied(),
        weigh_classes: attempt.weigh_classes,
        clean: attempt.clean,
    };
    blocks::read(&page, &roots, &skip, &mut draft);
    draft
}

fn body_length(draft: &Draft) -> usize {
    draft
        .blocks
        .iter()
        .filter(|b| !matches!(b.kind, BlockKind::Headline | BlockKind::Byline))
        .map(|b| b.text.chars().count())
        .sum()
}

/// `<html lang>`, when it is a well-formed tag.
fn declared_language(tree: &Tree) -> Option<String> {
    let html = tree
        .children(Tree::ROOT)
        .iter()
        .copied()
        .find(|&id| tree.element(id).is_some_and(|e| e.name == "html"))?;
    let element = tree.element(html)?;
    element
        .attribute("lang")
        .or_else(|| element.attribute("xml:lang"))
        .and_then(language::declared)
}
