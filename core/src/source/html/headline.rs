//! The article's headline and byline: which of the page's `h1`s, `og:title` and `<title>` names
//! the article, and the author and date line under it.

use super::page::{Page, is_block};
use crate::source::collapse_white_space;
use crate::source::tree::NodeId;

/// The headline's text, and the element it was read from when it is on the page.
pub(super) struct Headline {
    pub text: String,
    pub node: Option<NodeId>,
}

/// Separators between a page title and the site's name (`Title | Site`, `Title - Site`).
const TITLE_SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " \\ ", " / ", " > ", " » ", " :: ",
];

pub(super) fn headline(page: &Page, roots: &[NodeId]) -> Option<Headline> {
    let meta_title = meta_content(page, &["og:title", "twitter:title"]);
    let title = page
        .elements_named("title")
        .next()
        .map(|id| page_text_ignoring_removal(page, id, MAX_HEADLINE))
        .filter(|t| !t.is_empty());
    let h1s: Vec<(NodeId, String)> = page
        .elements_named("h1")
        .filter(|&id| !page.is_removed(id) || in_header(page, id))
        .map(|id| (id, page_text_ignoring_removal(page, id, MAX_HEADLINE)))
        .filter(|(_, text)| !text.is_empty())
        .collect();

    let found = |text: &str| {
        h1s.iter()
            .find(|(_, h1)| same_title(h1, text))
            .map(|(id, h1)| Headline {
                text: h1.clone(),
                node: Some(*id),
            })
    };
    if let Some(headline) = meta_title.as_deref().and_then(found) {
        return Some(headline);
    }
    // The title names the site as well as the article, so it speaks only when og:title is silent.
    if meta_title.is_none()
        && let Some(headline) = title.as_deref().and_then(found)
    {
        return Some(headline);
    }
    let in_article = h1s
        .iter()
        .find(|(id, _)| roots.iter().any(|&root| page.contains(root, *id)));
    if let Some((id, text)) = in_article {
        return Some(Headline {
            text: text.clone(),
            node: Some(*id),
        });
    }
    if let Some(text) = meta_title {
        return Some(Headline { text, node: None });
    }
    if let Some(text) = title {
        return Some(Headline {
            text: without_site_name(&text),
            node: None,
        });
    }
    h1s.into_iter().next().map(|(id, text)| Headline {
        text,
        node: Some(id),
    })
}

/// A header outside the article is chrome, but it often holds the headline.
fn in_header(page: &Page, id: NodeId) -> bool {
    let mut at = page.parent_of(id);
    let mut hops = 0;
    while let Some(a) = at {
        if hops > 64 {
            return false;
        }
        if page.tree.element(a).is_some_and(|e| e.name == "header") {
            return true;
        }
        if !page.is_removed(a) {
            // The first ancestor that is shown: above it nothing removed this heading.
            return false;
        }
        at = page.parent_of(a);
        hops += 1;
    }
    false
}

/// Headlines are short: reading one stops after this many bytes, so that nested candidates
/// cannot make the work quadratic.
const MAX_HEADLINE: usize = 4096;

/// A byline is at most this many characters; reading one stops soon after.
const MAX_BYLINE: usize = 100;

/// Text with white space collapsed, shown or not (titles and headers are removed as chrome),
/// read up to about `limit` bytes.
fn page_text_ignoring_removal(page: &Page, id: NodeId, limit: usize) -> String {
    let mut out = String::new();
    let mut stack = vec![id];
    while let Some(next) = stack.pop() {
        if out.len() > limit {
            break;
        }
        match page.tree.node(next) {
            Some(crate::source::tree::Node::Text(text)) => out.push_str(text),
            Some(crate::source::tree::Node::Element(e)) => {
                if matches!(
                    e.name.as_str(),
                    "script" | "style" | "noscript" | "template"
                ) {
                    continue;
                }
                if is_block(&e.name) || e.name == "br" {
                    out.push(' ');
                }
                stack.extend(e.children.iter().rev());
            }
            None => {}
        }
    }
    collapse_white_space(&out)
}

fn meta_content(page: &Page, names: &[&str]) -> Option<String> {
    for wanted in names {
        for id in page.elements_named("meta") {
            let Some(element) = page.tree.element(id) else {
                continue;
            };
            let key = element
                .attribute("property")
                .or_else(|| element.attribute("name"))
                .unwrap_or("");
            if key.eq_ignore_ascii_case(wanted) {
                let content = collapse_white_space(element.attribute("content").unwrap_or(""));
                if !content.is_empty() {
                    return Some(content);
                }
            }
        }
    }
    None
}

/// Letters and digits only, lower case: titles differ in quotes, dashes and spacing.
fn normalized(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether a heading and a title name the same article: equal, or one starts the other (a title
/// with the site's name after it, a heading with a kicker before the title is rarer).
fn same_title(heading: &str, title: &str) -> bool {
    let (h, t) = (normalized(heading), normalized(title));
    if h.is_empty() || t.is_empty() {
        return false;
    }
    h == t || (h.chars().count() >= 10 && (t.starts_with(&h) || h.starts_with(&t)))
}

/// A page title without the site's name after (or before) it.
pub(super) fn without_site_name(title: &str) -> String {
    let words = |s: &str| s.split_whitespace().count();
    let last = TITLE_SEPARATORS
        .iter()
        .filter_map(|sep| title.rfind(sep))
        .max();
    let Some(at) = last else {
        return title.to_owned();
    };
    let before = title.get(..at).unwrap_or("").trim();
    if words(before) >= 3 {
        return before.to_owned();
    }
    // `Site | Title`: the title is after the first separator.
    let first = TITLE_SEPARATORS
        .iter()
        .filter_map(|sep| title.find(sep).map(|at| (at, sep.len())))
        .min_by_key(|&(at, _)| at);
    let after = first
        .and_then(|(at, len)| title.get(at + len..))
        .unwrap_or("")
        .trim();
    if words(after) >= 3 {
        return after.to_owned();
    }
    title.to_owned()
}

/// The author and date line: its text, and the elements it was read from (left out of the body).
pub(super) struct Byline {
    pub text: String,
    pub nodes: Vec<NodeId>,
}

/// Class or id words of author and date elements.
const AUTHOR_WORDS: &[&str] = &["byline", "author", "dateline", "writtenby", "p-author"];
const DATE_WORDS: &[&str] = &[
    "date",
    "dateline",
    "pubdate",
    "published",
    "timestamp",
    "time",
    "posted",
];

/// The byline lies after the headline (or the article's start) and before the first long
/// paragraph; a byline is short.
pub(super) fn byline(page: &Page, headline: Option<&Headline>, roots: &[NodeId]) -> Option<Byline> {
    let first_root = roots.first().copied()?;
    let start = match headline.and_then(|h| h.node) {
        Some(node) => page.position(node).min(page.position(first_root)),
        None => page.position(first_root),
    };
    let first_long = roots
        .iter()
        .flat_map(|&root| page.subtree(root))
        .find(|&id| {
            page.tree.element(id).is_some_and(|e| e.name == "p")
                && !page.is_removed(id)
                && page.stats(id).text >= 80
        })
        .map_or(page.order.len(), |id| page.position(id) as usize);
    let window = page.order.get(start as usize..first_long).unwrap_or(&[]);

    let mut author: Option<(NodeId, String)> = None;
    let mut date: Option<(NodeId, String)> = None;
    for &id in window {
        if page.is_removed(id) && !in_header(page, id) {
            continue;
        }
        let Some(element) = page.tree.element(id) else {
            continue;
        };
        let inside_found = |found: &Option<(NodeId, String)>| {
            found.as_ref().is_some_and(|(f, _)| page.contains(*f, id))
        };
        if inside_found(&author) || inside_found(&date) {
            continue;
        }
        let names = super::page::class_and_id(element);
        let is_author = element.attribute("rel") == Some("author")
            || element
                .attribute("itemprop")
                .is_some_and(|v| v.contains("author"))
            || AUTHOR_WORDS.iter().any(|w| names.contains(w));
        let is_date = element.name == "time"
            || names
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| DATE_WORDS.contains(&w));
        if !(is_author && author.is_none() || is_date && date.is_none()) {
            continue;
        }
        // Counted text is cheaper to check than text to read.
        if !page.is_removed(id) && page.stats(id).text as usize > MAX_BYLINE {
            continue;
        }
        let text = page_text_ignoring_removal(page, id, 4 * MAX_BYLINE);
        let length = text.chars().count();
        if length == 0 || length > MAX_BYLINE {
            continue;
        }
        if is_author && author.is_none() {
            author = Some((id, text));
        } else if is_date && date.is_none() {
            date = Some((id, text));
        }
    }
    let mut nodes = Vec::new();
    let mut parts = Vec::new();
    for (id, text) in [author, date].into_iter().flatten() {
        nodes.push(id);
        // An author line often ends with the date already.
        if !parts.iter().any(|p: &String| p.contains(&text)) {
            parts.push(text);
        }
    }
    (!parts.is_empty()).then(|| Byline {
        text: parts.join(" · "),
        nodes,
    })
}
