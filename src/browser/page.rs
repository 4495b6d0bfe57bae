//! Web pages the reader opens, parsed by the browser's `DOMParser` (which runs no script and
//! fetches nothing: its document has no window) and copied into the core's plain tree. The page's
//! document is dropped afterwards; nothing of it is ever inserted into ours.

use scholia_core::source::tree::{NodeId, Tree};
use wasm_bindgen::JsCast;
use web_sys::{DomParser, Element, Node, SupportedType};

/// The tree of `html`, or `None` if the browser cannot parse HTML here.
pub fn parse(html: &str) -> Option<Tree> {
    let document = DomParser::new()
        .ok()?
        .parse_from_string(html, SupportedType::TextHtml)
        .ok()?;
    let root: Node = document.document_element()?.unchecked_into();
    Some(copy(root))
}

/// Copies the DOM under `root` in document order, with a stack of its own: pages can nest deeper
/// than the call stack allows.
fn copy(root: Node) -> Tree {
    let mut tree = Tree::new();
    let mut stack: Vec<(Node, NodeId)> = vec![(root, Tree::ROOT)];
    while let Some((node, parent)) = stack.pop() {
        match node.node_type() {
            Node::ELEMENT_NODE => {
                let Some(element) = node.dyn_ref::<Element>() else {
                    continue;
                };
                let id = tree.append_element(parent, &element.local_name(), attributes(element));
                let mut child = node.last_child();
                while let Some(next) = child {
                    child = next.previous_sibling();
                    stack.push((next, id));
                }
            }
            Node::TEXT_NODE | Node::CDATA_SECTION_NODE => {
                if let Some(text) = node.node_value() {
                    tree.append_text(parent, &text);
                }
            }
            // Comments, processing instructions and doctypes carry nothing to read.
            _ => {}
        }
    }
    tree
}

fn attributes(element: &Element) -> Vec<(String, String)> {
    element
        .get_attribute_names()
        .iter()
        .filter_map(|name| {
            let name = name.as_string()?;
            let value = element.get_attribute(&name)?;
            Some((name.to_ascii_lowercase(), value))
        })
        .collect()
}
