//! The article's blocks, read from the chosen part of the page: headings, paragraphs, list items,
//! quotes and captions, with the containers inside it that still look like chrome left out
//! (Readability's "clean conditionally").

use super::page::{Page, class_and_id, is_block, is_heading};
use super::score::class_weight;
use crate::article::BlockKind;
use crate::source::Draft;
use crate::source::tree::{Element, Node, NodeId};

/// What the walk over the article leaves out besides chrome.
pub(super) struct Skip<'a> {
    /// The headline's text, so that a heading repeating it is not read twice.
    pub headline: Option<&'a str>,
    /// The headline and byline elements.
    pub nodes: &'a [NodeId],
    /// The best candidate, which is kept whatever its look.
    pub top: Option<NodeId>,
    pub weigh_classes: bool,
    pub clean: bool,
}

enum Step {
    Enter(NodeId),
    /// Leaving an element, which opened a context or not.
    Exit(NodeId, bool),
}

/// The block an open element makes, and whether blocks inside it join its text rather than
/// start their own (a list item with paragraphs is one item).
#[derive(Clone, Copy)]
struct Context {
    kind: BlockKind,
    joins: bool,
}

pub(super) fn read(page: &Page, roots: &[NodeId], skip: &Skip, draft: &mut Draft) {
    let headline = skip.headline.map(normalized);
    let mut text = String::new();
    let mut contexts: Vec<Context> = Vec::new();
    let flush = |text: &mut String, kind: BlockKind, draft: &mut Draft| {
        let duplicate = headline
            .as_deref()
            .is_some_and(|h| !h.is_empty() && normalized(text) == h);
        if !duplicate {
            draft.push(kind, text);
        }
        text.clear();
    };
    let current = |contexts: &[Context]| contexts.last().map_or(BlockKind::Paragraph, |c| c.kind);

    for &root in roots {
        let mut steps = vec![Step::Enter(root)];
        while let Some(step) = steps.pop() {
            match step {
                Step::Enter(id) => {
                    if page.is_removed(id) || skip.nodes.contains(&id) {
                        continue;
                    }
                    let element = match page.tree.node(id) {
                        Some(Node::Text(t)) => {
                            text.push_str(t);
                            continue;
                        }
                        Some(Node::Element(e)) => e,
                        None => continue,
                    };
                    let name = element.name.as_str();
                    if name == "br" {
                        text.push(' ');
                        continue;
                    }
                    let names = class_and_id(element);
                    if skip.clean
                        && Some(id) != skip.top
                        && looks_like_chrome(page, id, element, &names, skip)
                    {
                        continue;
                    }
                    if matches!(name, "td" | "th") {
                        text.push(' ');
                    }
                    let opened = opens(element, &names, contexts.last());
                    if let Some(context) = opened {
                        if !contexts
                            .last()
                            .is_some_and(|c| c.joins && !breaks_join(name))
                        {
                            flush(&mut text, current(&contexts), draft);
                        } else {
                            text.push(' ');
                        }
                        contexts.push(context);
                    }
                    steps.push(Step::Exit(id, opened.is_some()));
                    steps.extend(element.children.iter().rev().map(|&c| Step::Enter(c)));
                }
                Step::Exit(id, opened) => {
                    let Some(element) = page.tree.element(id) else {
                        continue;
                    };
                    let name = element.name.as_str();
                    if matches!(name, "td" | "th") {
                        text.push(' ');
                    }
                    if opened {
                        let closing = contexts.pop();
                        let joined = contexts
                            .last()
                            .is_some_and(|c| c.joins && !breaks_join(name));
                        if joined {
                            text.push(' ');
                        } else if let Some(context) = closing {
                            flush(&mut text, context.kind, draft);
                        }
                    }
                }
            }
        }
        flush(&mut text, current(&contexts), draft);
        contexts.clear();
    }
}

/// Lists, quotes and tables inside a joining block still make blocks of their own.
fn breaks_join(name: &str) -> bool {
    matches!(
        name,
        "ul" | "ol" | "li" | "dl" | "blockquote" | "table" | "tr"
    )
}

/// The context a block element opens inside `outer`; inline elements (and cells) open none.
fn opens(element: &Element, names: &str, outer: Option<&Context>) -> Option<Context> {
    let name = element.name.as_str();
    if !is_block(name) || matches!(name, "td" | "th") {
        return None;
    }
    if outer.is_some_and(|c| c.kind == BlockKind::Caption) {
        return Some(Context {
            kind: BlockKind::Caption,
            joins: true,
        });
    }
    let inherited = outer.map_or(BlockKind::Paragraph, |c| match c.kind {
        BlockKind::Quote => BlockKind::Quote,
        _ => BlockKind::Paragraph,
    });
    Some(match name {
        _ if is_heading(name) => Context {
            kind: BlockKind::Subheading,
            joins: true,
        },
        "li" => Context {
            kind: BlockKind::ListItem,
            joins: true,
        },
        // A figure's text is its caption and credits, however marked up.
        "figcaption" | "figure" => Context {
            kind: BlockKind::Caption,
            joins: true,
        },
        _ if is_caption(names) => Context {
            kind: BlockKind::Caption,
            joins: true,
        },
        "blockquote" => Context {
            kind: BlockKind::Quote,
            joins: false,
        },
        "p" => Context {
            kind: inherited,
            joins: true,
        },
        _ => Context {
            kind: inherited,
            joins: outer.is_some_and(|c| c.joins),
        },
    })
}

fn is_caption(names: &str) -> bool {
    names.contains("caption") || names.contains("credit")
}

/// Whether an author box (a bio, a second byline) is inside the article.
fn is_about_author(names: &str) -> bool {
    ["author", "byline", "biography"]
        .iter()
        .any(|w| names.contains(w))
        || names
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w == "bio")
}

/// Whether a container inside the article still reads like chrome: a link list, a share bar, a
/// form, a heading with a chrome class (Readability's `_cleanConditionally` and `_cleanHeaders`).
fn looks_like_chrome(page: &Page, id: NodeId, element: &Element, names: &str, skip: &Skip) -> bool {
    let name = element.name.as_str();
    let weight = if skip.weigh_classes {
        class_weight(element)
    } else {
        0.0
    };
    let stats = page.stats(id);
    if matches!(name, "h1" | "h2") {
        return weight < 0.0;
    }
    if names.contains("share") && stats.text < 500 {
        return true;
    }
    // The byline is read already; what else is about the author is not the article.
    if is_about_author(names) && stats.text < 2000 {
        return true;
    }
    let density = stats.link_density();
    // `Read more: <a>…</a>`, `Related: <a>…</a>`: a paragraph that is a link elsewhere.
    if name == "p" {
        return density > 0.5 && stats.text - stats.link_text.min(stats.text) <= 20;
    }
    if !matches!(
        name,
        "form" | "fieldset" | "table" | "ul" | "ol" | "div" | "section"
    ) {
        return false;
    }
    if name == "table" && is_data_table(page, id) {
        return false;
    }
    // Embedded posts are quotes, however many links they have.
    if page.holds_only_quote(element) {
        return false;
    }
    if weight < 0.0 {
        return true;
    }
    if stats.commas >= 10 {
        return false;
    }
    let paragraphs = stats.paragraphs as f32;
    let images = stats.images as f32;
    let list_items = stats.list_items as f32 - 100.0;
    let text = stats.text;
    let heading_density = if text == 0 {
        0.0
    } else {
        stats.heading_text as f32 / text as f32
    };
    let is_list =
        matches!(name, "ul" | "ol") || (text > 0 && stats.list_text as f32 / text as f32 > 0.9);
    let in_figure = || has_ancestor(page, id, "figure");
    // Lists of links are menus and related articles, whatever their class.
    (is_list && density > 0.5)
        || (images > 1.0 && paragraphs / images < 0.5 && !in_figure())
        || (!is_list && list_items > paragraphs)
        || (stats.inputs as f32 > (paragraphs / 3.0).floor())
        || (!is_list
            && heading_density < 0.9
            && text < 25
            && (stats.images == 0 || stats.images > 2)
            && !in_figure())
        || (!is_list && weight < 25.0 && density > 0.2)
        || (weight >= 25.0 && density > 0.5)
        || (stats.embeds == 1 && text < 75)
        || stats.embeds > 1
}

/// A table of data rather than of layout: it has a caption, header cells or a summary.
fn is_data_table(page: &Page, id: NodeId) -> bool {
    let Some(element) = page.tree.element(id) else {
        return false;
    };
    if element.attribute("role") == Some("presentation") {
        return false;
    }
    if element.attribute("summary").is_some() {
        return true;
    }
    page.stats(id).table_heads > 0
}

fn has_ancestor(page: &Page, id: NodeId, name: &str) -> bool {
    let mut at = page.parent_of(id);
    // Bounded: a figure is near what it holds, and hostile pages nest deep.
    for _ in 0..32 {
        let Some(a) = at else { return false };
        if page.tree.element(a).is_some_and(|e| e.name == name) {
            return true;
        }
        at = page.parent_of(a);
    }
    false
}

fn normalized(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}
