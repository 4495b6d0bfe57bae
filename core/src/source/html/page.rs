//! What the extractor knows of every node before it scores anything: document order, parents,
//! which subtrees can never be article text, and per-subtree text statistics. Everything is
//! computed in two passes over an explicit stack (pages can nest thousands deep), so one analysis
//! is linear in the page size.

use crate::source::tree::{Element, Node, NodeId, Tree};

/// Elements whose content is never article text.
#[rustfmt::skip]
fn is_never_content(name: &str) -> bool {
    matches!(
        name,
        "head" | "title" | "meta" | "link" | "base" | "script" | "style" | "noscript" | "template" |
        "iframe" | "frame" | "frameset" | "object" | "embed" | "applet" | "svg" | "canvas" |
        "video" | "audio" | "picture" | "source" | "track" | "map" | "img" | "button" | "input" |
        "select" | "option" | "optgroup" | "textarea" | "datalist" | "output" | "progress" |
        "meter" | "nav" | "aside" | "footer" | "menu" | "dialog"
    )
}

/// ARIA roles of site chrome.
#[rustfmt::skip]
const CHROME_ROLES: &[&str] = &[
    "navigation", "menu", "menubar", "complementary", "dialog", "alertdialog", "alert", "search",
    "contentinfo", "banner", "toolbar", "tooltip",
];

/// Class or id words that mark an element as probably not the article (Readability's "unlikely
/// candidates", plus a few kinds of chrome it meets later), unless [`MAYBE_CANDIDATE`] also
/// matches.
#[rustfmt::skip]
const UNLIKELY_CANDIDATE: &[&str] = &[
    "-ad-", "ai2html", "banner", "breadcrumb", "combx", "comment", "community", "cover-wrap",
    "disqus", "extra", "footer", "gdpr", "header", "legends", "menu", "related", "remark",
    "replies", "rss", "shoutbox", "sidebar", "skyscraper", "social", "sponsor", "supplemental",
    "ad-break", "agegate", "pagination", "pager", "popup", "yom-remote", "cookie", "consent",
    "newsletter", "subscribe", "share", "sharing", "modal", "promo", "outbrain", "taboola",
];

#[rustfmt::skip]
const MAYBE_CANDIDATE: &[&str] = &[
    "and", "article", "body", "column", "content", "main", "shadow",
];

/// Where block-level content starts and ends; everything else flows inline.
#[rustfmt::skip]
pub(super) fn is_block(name: &str) -> bool {
    matches!(
        name,
        "address" | "article" | "aside" | "blockquote" | "body" | "center" | "dd" | "details" |
        "dialog" | "dir" | "div" | "dl" | "dt" | "fieldset" | "figcaption" | "figure" | "footer" |
        "form" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "header" | "hgroup" | "hr" | "html" |
        "li" | "main" | "menu" | "nav" | "ol" | "p" | "pre" | "section" | "summary" | "table" |
        "tbody" | "td" | "tfoot" | "th" | "thead" | "tr" | "ul"
    )
}

pub(super) fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// Counts over a subtree's visible text.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Stats {
    /// Characters, white space runs counted as one.
    pub text: u32,
    /// Characters inside links.
    pub link_text: u32,
    pub commas: u32,
    pub heading_text: u32,
    pub list_text: u32,
    pub paragraphs: u32,
    pub list_items: u32,
    pub images: u32,
    pub inputs: u32,
    pub embeds: u32,
    /// Captions, header cells and column groups: what tables of data have.
    pub table_heads: u32,
    /// Whether any block-level element lies below.
    pub has_block: bool,
}

impl Stats {
    pub fn link_density(&self) -> f32 {
        if self.text == 0 {
            0.0
        } else {
            self.link_text as f32 / self.text as f32
        }
    }

    fn add(&mut self, child: &Stats) {
        self.text += child.text;
        self.link_text += child.link_text;
        self.commas += child.commas;
        self.heading_text += child.heading_text;
        self.list_text += child.list_text;
        self.paragraphs += child.paragraphs;
        self.list_items += child.list_items;
        self.images += child.images;
        self.inputs += child.inputs;
        self.embeds += child.embeds;
        self.table_heads += child.table_heads;
        self.has_block |= child.has_block;
    }
}

/// One analysis of a page.
pub(super) struct Page<'a> {
    pub tree: &'a Tree,
    /// Reachable nodes in document order.
    pub order: Vec<NodeId>,
    /// Per node id: its parent, its index in `order` and one past its last descendant's.
    parent: Vec<Option<NodeId>>,
    position: Vec<u32>,
    end: Vec<u32>,
    /// Per node id: it or an ancestor is never article text.
    removed: Vec<bool>,
    stats: Vec<Stats>,
}

impl<'a> Page<'a> {
    /// Analyses `tree`; with `drop_unlikely`, elements whose class or id reads like chrome are
    /// removed before scoring too.
    pub fn new(tree: &'a Tree, drop_unlikely: bool) -> Page<'a> {
        let len = tree.len();
        let mut page = Page {
            tree,
            order: Vec::with_capacity(len),
            parent: vec![None; len],
            position: vec![0; len],
            end: vec![0; len],
            removed: vec![false; len],
            stats: vec![Stats::default(); len],
        };
        page.walk_down(drop_unlikely);
        page.sum_up();
        page
    }

    /// Document order, parents and removals, from the root down.
    fn walk_down(&mut self, drop_unlikely: bool) {
        // (node, inside an article, inside a table or code)
        let mut stack = vec![(Tree::ROOT, false, false)];
        while let Some((id, in_article, in_table)) = stack.pop() {
            let index = self.order.len() as u32;
            if let Some(slot) = self.position.get_mut(id) {
                *slot = index;
            }
            self.order.push(id);
            let parent_removed = self.parent_of(id).is_some_and(|p| self.is_removed(p));
            let (mut in_article, mut in_table) = (in_article, in_table);
            if let Some(element) = self.tree.element(id) {
                let removed = parent_removed
                    || never_content(element, in_article)
                    || (drop_unlikely
                        && !in_table
                        && is_unlikely(element)
                        && !self.holds_only_quote(element));
                if let Some(slot) = self.removed.get_mut(id) {
                    *slot = removed;
                }
                in_article |= element.name == "article"
                    || element
                        .attribute("itemprop")
                        .is_some_and(|v| v.contains("articleBody"));
                in_table |= matches!(element.name.as_str(), "table" | "code" | "pre");
            } else if let Some(slot) = self.removed.get_mut(id) {
                *slot = parent_removed;
            }
            for &child in self.tree.children(id).iter().rev() {
                if let Some(slot) = self.parent.get_mut(child) {
                    *slot = Some(id);
                }
                stack.push((child, in_article, in_table));
            }
        }
    }

    /// Subtree statistics and extents, from the leaves up (reverse document order visits every
    /// node after all its descendants).
    fn sum_up(&mut self) {
        for index in (0..self.order.len()).rev() {
            let Some(&id) = self.order.get(index) else {
                continue;
            };
            let mut stats = Stats::default();
            let mut end = index as u32 + 1;
            let removed = self.is_removed(id);
            match self.tree.node(id) {
                Some(Node::Text(text)) if !removed => {
                    let (chars, commas) = measure(text);
                    stats.text = chars;
                    stats.commas = commas;
                }
                Some(Node::Element(element)) => {
                    for &child in &element.children {
                        end = end.max(self.end.get(child).copied().unwrap_or(0));
                        if let Some(child_stats) = self.stats.get(child) {
                            stats.add(child_stats);
                        }
                        // Removed embeds still tell that a container holds a video or a widget.
                        if let Some(e) = self.tree.element(child) {
                            stats.embeds += u32::from(matches!(
                                e.name.as_str(),
                                "iframe" | "object" | "embed" | "video"
                            ));
                            stats.images += u32::from(e.name == "img" || e.name == "picture");
                            stats.table_heads += u32::from(matches!(
                                e.name.as_str(),
                                "caption" | "thead" | "th" | "tfoot" | "col"
                            ));
                            stats.inputs += u32::from(
                                matches!(e.name.as_str(), "input" | "select" | "textarea")
                                    && e.attribute("type") != Some("hidden"),
                            );
                        }
                    }
                    if !removed {
                        let name = element.name.as_str();
                        match name {
                            "a" => stats.link_text = stats.text,
                            "p" => stats.paragraphs += 1,
                            "li" => {
                                stats.list_items += 1;
                                stats.list_text = stats.text;
                            }
                            _ if is_heading(name) => stats.heading_text = stats.text,
                            _ => {}
                        }
                    } else {
                        stats = Stats::default();
                    }
                }
                _ => {}
            }
            if let Some(slot) = self.end.get_mut(id) {
                *slot = end;
            }
            if let Some(slot) = self.stats.get_mut(id) {
                *slot = stats;
            }
        }
        // `has_block` is about descendants, so it is set from each block's parent upwards; a
        // second bottom-up pass keeps the first one simple.
        for index in (0..self.order.len()).rev() {
            let Some(&id) = self.order.get(index) else {
                continue;
            };
            if self.is_removed(id) {
                continue;
            }
            let below = self.tree.children(id).iter().any(|&child| {
                !self.is_removed(child)
                    && (self.tree.element(child).is_some_and(|e| is_block(&e.name))
                        || self.stats(child).has_block)
            });
            if let Some(slot) = self.stats.get_mut(id) {
                slot.has_block = below;
            }
        }
    }

    /// An embedded post (a tweet, an Instagram post) is a quote in a box whose class says
    /// `social` or `embed`: the box holds nothing but the quote.
    pub fn holds_only_quote(&self, element: &Element) -> bool {
        let mut elements = element
            .children
            .iter()
            .filter_map(|&c| self.tree.element(c))
            .filter(|e| !is_never_content(&e.name));
        let only = elements.next();
        elements.next().is_none() && only.is_some_and(|e| e.name == "blockquote")
    }

    pub fn parent_of(&self, id: NodeId) -> Option<NodeId> {
        self.parent.get(id).copied().flatten()
    }

    pub fn is_removed(&self, id: NodeId) -> bool {
        self.removed.get(id).copied().unwrap_or(true)
    }

    pub fn stats(&self, id: NodeId) -> Stats {
        self.stats.get(id).copied().unwrap_or_default()
    }

    pub fn position(&self, id: NodeId) -> u32 {
        self.position.get(id).copied().unwrap_or(0)
    }

    /// Whether `inner` is `outer` or lies inside it.
    pub fn contains(&self, outer: NodeId, inner: NodeId) -> bool {
        let at = self.position(inner);
        self.position(outer) <= at && at < self.end.get(outer).copied().unwrap_or(0)
    }

    /// `id` and its descendants, in document order.
    pub fn subtree(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        let start = self.position(id) as usize;
        let end = self.end.get(id).copied().unwrap_or(0) as usize;
        self.order
            .get(start..end.max(start))
            .unwrap_or(&[])
            .iter()
            .copied()
    }

    /// The visible text of `id`, white space collapsed.
    pub fn text(&self, id: NodeId) -> String {
        let mut out = String::new();
        let mut stack = vec![id];
        while let Some(next) = stack.pop() {
            if self.is_removed(next) {
                continue;
            }
            match self.tree.node(next) {
                Some(Node::Text(text)) => out.push_str(text),
                Some(Node::Element(element)) => {
                    if is_block(&element.name) || element.name == "br" {
                        out.push(' ');
                    }
                    stack.extend(element.children.iter().rev());
                }
                None => {}
            }
        }
        crate::source::collapse_white_space(&out)
    }

    /// The elements named `name`, in document order, removed or not.
    pub fn elements_named<'s>(&'s self, name: &'s str) -> impl Iterator<Item = NodeId> + 's {
        self.order
            .iter()
            .copied()
            .filter(move |&id| self.tree.element(id).is_some_and(|e| e.name == name))
    }
}

/// Characters (white space runs as one) and commas of a text.
fn measure(text: &str) -> (u32, u32) {
    let (mut chars, mut commas, mut in_space) = (0u32, 0u32, true);
    for c in text.chars() {
        if c.is_whitespace() {
            if !in_space {
                chars += 1;
            }
            in_space = true;
        } else {
            chars += 1;
            in_space = false;
            commas += u32::from(matches!(c, ',' | '،' | '，' | '、'));
        }
    }
    (chars, commas)
}

fn never_content(element: &Element, in_article: bool) -> bool {
    let name = element.name.as_str();
    if is_never_content(name) || (name == "header" && !in_article) {
        return true;
    }
    if element.attribute("hidden").is_some()
        || element.attribute("aria-hidden") == Some("true")
        || element.attribute("style").is_some_and(hidden_by_style)
    {
        return true;
    }
    element
        .attribute("role")
        .is_some_and(|role| CHROME_ROLES.contains(&role.trim().to_ascii_lowercase().as_str()))
}

fn hidden_by_style(style: &str) -> bool {
    let compact: String = style
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    compact.contains("display:none") || compact.contains("visibility:hidden")
}

/// The class and id of an element, lower case, or nothing when it has neither.
pub(super) fn class_and_id(element: &Element) -> String {
    let class = element.attribute("class").unwrap_or("");
    let id = element.attribute("id").unwrap_or("");
    if class.is_empty() && id.is_empty() {
        return String::new();
    }
    let mut both = String::with_capacity(class.len() + id.len() + 1);
    both.push_str(class);
    both.push(' ');
    both.push_str(id);
    both.to_lowercase()
}

fn is_unlikely(element: &Element) -> bool {
    if matches!(
        element.name.as_str(),
        "html" | "body" | "article" | "main" | "a"
    ) {
        return false;
    }
    let names = class_and_id(element);
    if names.trim().is_empty() {
        return false;
    }
    UNLIKELY_CANDIDATE.iter().any(|p| names.contains(p))
        && !MAYBE_CANDIDATE.iter().any(|p| names.contains(p))
}
