//! A saved page parsed by html5ever (through scraper) into the core's plain [`Tree`]: the native
//! stand-in for the browser's `DOMParser`. Shared by the extractor's example and tests.

use scholia_core::source::tree::Tree;
use scraper::{Html, Node};

/// Parses `html` as a document. Iterative, so that pages nested thousands deep convert too.
pub fn tree_of(html: &str) -> Tree {
    let document = Html::parse_document(html);
    let mut tree = Tree::new();
    let mut stack = vec![(document.tree.root(), Tree::ROOT)];
    while let Some((node, parent)) = stack.pop() {
        let id = match node.value() {
            Node::Document | Node::Fragment => parent,
            Node::Element(element) => {
                let attributes = element
                    .attrs()
                    .map(|(name, value)| (name.to_ascii_lowercase(), value.to_owned()))
                    .collect();
                tree.append_element(parent, element.name(), attributes)
            }
            Node::Text(text) => {
                tree.append_text(parent, text);
                continue;
            }
            _ => continue,
        };
        // Pushed last first, so that children are appended in document order.
        let children: Vec<_> = node.children().collect();
        stack.extend(children.into_iter().rev().map(|child| (child, id)));
    }
    tree
}
