//! Which part of the page is the article: containers scored by the paragraphs they hold, in the
//! manner of Readability.js (text length and commas, class and id weights, link density, scores
//! passed up to ancestors), then the best one with its siblings that score well too.

use super::page::{Page, is_block, is_heading};
use crate::source::tree::{Element, Node, NodeId, Tree};

/// Class or id words of article containers.
const POSITIVE: &[&str] = &[
    "article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "post", "text",
    "blog", "story",
];

/// Class or id words of site chrome; the short ones must be whole words (`ad`, not `header`).
const NEGATIVE: &[&str] = &[
    "comment",
    "meta",
    "footer",
    "footnote",
    "sidebar",
    "share",
    "social",
    "related",
    "promo",
    "banner",
    "cookie",
    "newsletter",
    "menu",
    "widget",
    "subscribe",
    "masthead",
    "combx",
    "sponsor",
    "popup",
    "modal",
    "outbrain",
    "taboola",
    "shoutbox",
    "skyscraper",
    "hidden",
];
const NEGATIVE_WORDS: &[&str] = &[
    "ad",
    "ads",
    "advert",
    "advertisement",
    "nav",
    "navbar",
    "tags",
];

/// A paragraph needs this many characters to count.
const MIN_PARAGRAPH: u32 = 25;

/// How many ancestors a paragraph's score reaches.
const ANCESTOR_LEVELS: usize = 5;

/// The weight of an element's class and id: ±25 for each that reads like article or chrome.
pub(super) fn class_weight(element: &Element) -> f32 {
    let mut weight = 0.0;
    for value in [element.attribute("class"), element.attribute("id")]
        .into_iter()
        .flatten()
    {
        let value = value.to_lowercase();
        if value.trim().is_empty() {
            continue;
        }
        let words = || value.split(|c: char| !c.is_alphanumeric());
        if NEGATIVE.iter().any(|p| value.contains(p))
            || words().any(|w| NEGATIVE_WORDS.contains(&w))
        {
            weight -= 25.0;
        }
        if POSITIVE.iter().any(|p| value.contains(p)) {
            weight += 25.0;
        }
    }
    weight
}

/// Markup that says where the article is: a boost, not a rule, since listing pages have many
/// `article`s.
fn hint_weight(element: &Element) -> f32 {
    let itemprop = element.attribute("itemprop").unwrap_or("");
    if itemprop.contains("articleBody") {
        25.0
    } else if element.name == "article" {
        10.0
    } else if element.name == "main" {
        5.0
    } else {
        0.0
    }
}

fn tag_weight(name: &str) -> f32 {
    match name {
        "div" | "article" | "main" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "th" => -5.0,
        _ if is_heading(name) => -5.0,
        _ => 0.0,
    }
}

/// The scores of one page.
pub(super) struct Scores {
    score: Vec<f32>,
    candidate: Vec<bool>,
}

impl Scores {
    pub fn of(&self, id: NodeId) -> Option<f32> {
        self.candidate
            .get(id)
            .copied()
            .unwrap_or(false)
            .then(|| self.score.get(id).copied().unwrap_or(0.0))
    }
}

/// Scores every container of `page`; with `weigh_classes`, class and id names count.
pub(super) fn score(page: &Page, weigh_classes: bool) -> Scores {
    let len = page.tree.len();
    let mut scores = Scores {
        score: vec![0.0; len],
        candidate: vec![false; len],
    };
    for &id in &page.order {
        if page.is_removed(id) {
            continue;
        }
        let Some(element) = page.tree.element(id) else {
            continue;
        };
        let (text, commas, first) = match paragraph_unit(page, id, element) {
            Some(unit) => unit,
            None => continue,
        };
        if text < MIN_PARAGRAPH {
            continue;
        }
        let content = 1.0 + commas as f32 + (text / 100).min(3) as f32;
        let mut ancestor = first;
        for level in 0..ANCESTOR_LEVELS {
            let Some(at) = ancestor else { break };
            // The `html` element and the document are never candidates.
            let Some(parent) = page.parent_of(at) else {
                break;
            };
            if parent == Tree::ROOT {
                break;
            }
            let Some(ancestor_element) = page.tree.element(at) else {
                break;
            };
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                _ => level as f32 * 3.0,
            };
            if let (Some(s), Some(c)) = (scores.score.get_mut(at), scores.candidate.get_mut(at)) {
                if !*c {
                    *c = true;
                    *s = tag_weight(&ancestor_element.name) + hint_weight(ancestor_element);
                    if weigh_classes {
                        *s += class_weight(ancestor_element);
                    }
                }
                *s += content / divider;
            }
            ancestor = page.parent_of(at);
        }
    }
    for &id in &page.order {
        let density = page.stats(id).link_density();
        if let Some(s) = scores.score.get_mut(id) {
            *s *= 1.0 - density;
        }
    }
    scores
}

/// The text and commas of `id` when it is a paragraph to score, and the first ancestor its
/// score goes to.
fn paragraph_unit(
    page: &Page,
    id: NodeId,
    element: &Element,
) -> Option<(u32, u32, Option<NodeId>)> {
    let name = element.name.as_str();
    let stats = page.stats(id);
    let is_paragraph = matches!(name, "p" | "pre" | "td" | "section")
        || is_heading(name) && name != "h1"
        // Readability turns divs of inline content into paragraphs.
        || (matches!(name, "div" | "article" | "main") && !stats.has_block);
    if is_paragraph {
        return Some((stats.text, stats.commas, page.parent_of(id)));
    }
    if !matches!(name, "div" | "article" | "main" | "center" | "font") {
        return None;
    }
    // Inline text between the blocks of a div is a paragraph of that div.
    let (mut text, mut commas) = (0, 0);
    for &child in &element.children {
        if page.is_removed(child) {
            continue;
        }
        let inline = match page.tree.node(child) {
            Some(Node::Text(_)) => true,
            Some(Node::Element(e)) => !is_block(&e.name),
            None => false,
        };
        if inline {
            let s = page.stats(child);
            text += s.text;
            commas += s.commas;
        }
    }
    Some((text, commas, Some(id)))
}

/// The article's top-level nodes in document order: the best candidate and the siblings that
/// belong with it.
pub(super) fn article_roots(page: &Page, scores: &Scores) -> Vec<NodeId> {
    let mut best: Vec<(f32, NodeId)> = Vec::new();
    for &id in &page.order {
        if let Some(s) = scores.of(id) {
            best.push((s, id));
        }
    }
    best.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    best.truncate(5);
    let body = page.elements_named("body").next();
    let Some(&(top_score, mut top)) = best.first() else {
        return body.into_iter().collect();
    };

    // When several near-best candidates share an ancestor, the article is that ancestor.
    let alternatives: Vec<NodeId> = best
        .iter()
        .skip(1)
        .filter(|(s, _)| *s / top_score.max(f32::MIN_POSITIVE) >= 0.75)
        .map(|&(_, id)| id)
        .collect();
    if alternatives.len() >= 3 {
        let mut ancestor = page.parent_of(top);
        while let Some(at) = ancestor {
            if Some(at) == body || at == Tree::ROOT {
                break;
            }
            let shared = alternatives
                .iter()
                .filter(|&&a| page.contains(at, a))
                .count();
            if shared >= 3 {
                top = at;
                break;
            }
            ancestor = page.parent_of(at);
        }
    }

    // A parent that scores better than its child holds more of the article.
    let mut last = scores.of(top).unwrap_or(top_score);
    let threshold = last / 3.0;
    let mut ancestor = page.parent_of(top);
    while let Some(at) = ancestor {
        if Some(at) == body || at == Tree::ROOT {
            break;
        }
        if let Some(s) = scores.of(at) {
            if s < threshold {
                break;
            }
            if s > last {
                top = at;
                break;
            }
            last = s;
        }
        ancestor = page.parent_of(at);
    }

    // A lone child says nothing its parent does not.
    while let Some(parent) = page.parent_of(top) {
        if Some(parent) == body || parent == Tree::ROOT {
            break;
        }
        let elements = page
            .tree
            .children(parent)
            .iter()
            .filter(|&&c| page.tree.element(c).is_some() && !page.is_removed(c))
            .count();
        if elements != 1 {
            break;
        }
        top = parent;
    }

    with_siblings(page, scores, top)
}

fn with_siblings(page: &Page, scores: &Scores, top: NodeId) -> Vec<NodeId> {
    let Some(parent) = page.parent_of(top) else {
        return vec![top];
    };
    let top_score = scores.of(top).unwrap_or(0.0);
    let threshold = (top_score * 0.2).max(10.0);
    let top_class = page
        .tree
        .element(top)
        .and_then(|e| e.attribute("class"))
        .filter(|c| !c.trim().is_empty());
    let mut roots = Vec::new();
    for &sibling in page.tree.children(parent) {
        if sibling == top {
            roots.push(sibling);
            continue;
        }
        if page.is_removed(sibling) {
            continue;
        }
        let Some(element) = page.tree.element(sibling) else {
            continue;
        };
        let bonus = if top_class.is_some() && element.attribute("class") == top_class {
            top_score * 0.2
        } else {
            0.0
        };
        let scored = scores.of(sibling).is_some_and(|s| s + bonus >= threshold);
        if scored || reads_like_paragraph(page, sibling, element) {
            roots.push(sibling);
        }
    }
    roots
}

/// A paragraph (or a captioned figure) with enough text and few links.
fn reads_like_paragraph(page: &Page, id: NodeId, element: &Element) -> bool {
    if !matches!(
        element.name.as_str(),
        "p" | "figure" | "blockquote" | "ul" | "ol"
    ) {
        return false;
    }
    let stats = page.stats(id);
    let density = stats.link_density();
    if element.name == "figure" {
        return stats.text > 0 && density < 0.25;
    }
    if stats.text > 80 {
        density < 0.25
    } else {
        element.name == "p" && stats.text > 0 && density == 0.0 && {
            let text = page.text(id);
            text.ends_with('.') || text.ends_with(". ")
        }
    }
}
