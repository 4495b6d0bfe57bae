//! Feeds arbitrary trees to `scholia_core::source::html::extract`: it must return, never panic,
//! never overflow the stack, and every block it gives must have text.
//!
//! No HTML parser here: the bytes are read as operations that build the tree directly, so the
//! fuzzer reaches shapes no parser makes too (text under `html`, `p` inside `p`, depth without
//! end). Each byte's low three bits pick the operation; the next byte, when one is needed, its
//! argument.

#![no_main]

use libfuzzer_sys::fuzz_target;
use scholia_core::source::html::extract;
use scholia_core::source::tree::{NodeId, Tree};

/// Elements the extractor treats differently, and one it has never heard of.
const NAMES: &[&str] = &[
    "html",
    "head",
    "title",
    "meta",
    "body",
    "div",
    "p",
    "h1",
    "h2",
    "h3",
    "ul",
    "ol",
    "li",
    "blockquote",
    "figure",
    "figcaption",
    "article",
    "main",
    "section",
    "header",
    "footer",
    "nav",
    "aside",
    "a",
    "em",
    "br",
    "table",
    "tr",
    "td",
    "th",
    "pre",
    "script",
    "style",
    "form",
    "time",
    "span",
    "img",
    "svg",
    "x-widget",
];

/// Attributes that change what the extractor keeps.
const ATTRIBUTES: &[(&str, &str)] = &[
    ("class", "article-body content"),
    ("class", "comment sidebar"),
    ("class", "share social"),
    ("class", "byline author"),
    ("class", "caption"),
    ("id", "main"),
    ("hidden", ""),
    ("aria-hidden", "true"),
    ("style", "display: none"),
    ("href", "#"),
    ("rel", "author"),
    ("itemprop", "articleBody"),
    ("property", "og:title"),
    ("content", "A title, from the metadata"),
    ("lang", "ar"),
    ("role", "navigation"),
];

const TEXTS: &[&str] = &[
    "A sentence long enough to be a paragraph of the article, with a comma, and another. ",
    "Short. ",
    "   ",
    "Menu",
    "مرحبا بالعالم، هذا مقال",
];

fuzz_target!(|data: &[u8]| {
    let mut tree = Tree::new();
    let mut open: Vec<NodeId> = vec![Tree::ROOT];
    let mut bytes = data.iter().copied();
    while let Some(op) = bytes.next() {
        let argument = usize::from(bytes.next().unwrap_or(0));
        let parent = open.last().copied().unwrap_or(Tree::ROOT);
        match op % 8 {
            0..=2 => {
                let name = NAMES[argument % NAMES.len()];
                let attributes = (0..usize::from(op >> 6))
                    .map(|i| ATTRIBUTES[(argument + i * 7) % ATTRIBUTES.len()])
                    .map(|(n, v)| (n.to_owned(), v.to_owned()))
                    .collect();
                open.push(tree.append_element(parent, name, attributes));
            }
            3 | 4 => {
                if open.len() > 1 {
                    open.pop();
                }
            }
            5 | 6 => tree.append_text(parent, TEXTS[argument % TEXTS.len()]),
            // Raw text: whatever the fuzzer makes of it.
            _ => {
                let raw: Vec<u8> = bytes.by_ref().take(argument % 64).collect();
                tree.append_text(parent, &String::from_utf8_lossy(&raw));
            }
        }
    }
    let draft = extract(&tree);
    assert!(draft.blocks.iter().all(|b| !b.text.is_empty()));
});
