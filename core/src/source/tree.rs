//! A plain tree of elements, attributes and text: what the HTML reader works on. The browser
//! builds it from `DOMParser`'s document, the native tests from html5ever's; the core never sees
//! either, so the extractor is the same pure function in both.

/// An index into [`Tree`]'s nodes.
pub type NodeId = usize;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    Element(Element),
    Text(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element {
    /// Lower case, without a namespace prefix: `p`, `h1`, `svg`.
    pub name: String,
    /// Names in lower case, in source order.
    pub attributes: Vec<(String, String)>,
    pub children: Vec<NodeId>,
}

impl Element {
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A document: node 0 is its root, an element named `#document`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tree {
    nodes: Vec<Node>,
}

impl Default for Tree {
    fn default() -> Self {
        Self::new()
    }
}

impl Tree {
    pub const ROOT: NodeId = 0;

    pub fn new() -> Self {
        Tree {
            nodes: vec![Node::Element(Element {
                name: "#document".into(),
                attributes: Vec::new(),
                children: Vec::new(),
            })],
        }
    }

    /// Appends an element under `parent` and returns it. A `parent` that is not an element
    /// (a text node, or no node at all) gets nothing, and the new element is left unattached.
    pub fn append_element(
        &mut self,
        parent: NodeId,
        name: &str,
        attributes: Vec<(String, String)>,
    ) -> NodeId {
        self.append(
            parent,
            Node::Element(Element {
                name: name.to_ascii_lowercase(),
                attributes,
                children: Vec::new(),
            }),
        )
    }

    /// Appends text under `parent`, joining it to a text node just before it.
    pub fn append_text(&mut self, parent: NodeId, text: &str) {
        let last = self
            .element(parent)
            .and_then(|e| e.children.last().copied());
        if let Some(Node::Text(previous)) = last.and_then(|id| self.nodes.get_mut(id)) {
            previous.push_str(text);
            return;
        }
        self.append(parent, Node::Text(text.to_owned()));
    }

    fn append(&mut self, parent: NodeId, node: Node) -> NodeId {
        let id = self.nodes.len();
        self.nodes.push(node);
        if let Some(Node::Element(element)) = self.nodes.get_mut(parent) {
            element.children.push(id);
        }
        id
    }

    pub fn node(&self, id: NodeId) -> Option<&Node> {
        self.nodes.get(id)
    }

    pub fn element(&self, id: NodeId) -> Option<&Element> {
        match self.nodes.get(id) {
            Some(Node::Element(element)) => Some(element),
            _ => None,
        }
    }

    pub fn children(&self, id: NodeId) -> &[NodeId] {
        self.element(id).map_or(&[], |e| &e.children)
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.len() <= 1
    }

    /// The first element named `name`, in document order.
    pub fn find(&self, name: &str) -> Option<NodeId> {
        self.descendants(Self::ROOT)
            .find(|&id| self.element(id).is_some_and(|e| e.name == name))
    }

    /// `id` and everything under it, in document order (without recursion: pages nest deeply).
    pub fn descendants(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        let mut stack = vec![id];
        core::iter::from_fn(move || {
            let next = stack.pop()?;
            stack.extend(self.children(next).iter().rev());
            Some(next)
        })
    }
}
