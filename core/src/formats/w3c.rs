//! The W3C Web Annotation Data Model in JSON-LD: the export, and reading annotations written by
//! any tool that follows the model.
//!
//! An export is one `AnnotationCollection` for the article (its headline as `label`), with every
//! live annotation in an embedded `AnnotationPage`. Each annotation is `highlighting`, targets the
//! article (`urn:scholia:article:<hash>`) with a `TextQuoteSelector` and a `TextPositionSelector`
//! (code points), and has `TextualBody` bodies: the label's name (purpose `highlighting`), the
//! note (`commenting`, `text/plain`), and one per tag (`tagging`). The label's number is the
//! target's style class, `scholia-label-<1-5>` (the key that picks it), which the annotation's
//! CSS stylesheet colours as Scholia does, so other viewers can show it too.

use serde::{Deserialize, Serialize};

use crate::annotation::{Annotation, LABEL_COUNT, Label, Labels, Millis, Target};
use crate::article::Article;
use crate::codec::{Json, JsonError};
use crate::store::Store;

use super::import::{Format, ImportError, Incoming, Parsed, Place, clean_label_name};
use super::loose::{List, Many, Node, Number, Root, Text};
use super::{
    ARTICLE_IRI_PREFIX, annotation_iri, article_iri, hash_hex, in_reading_order, limits, time,
};

/// The Web Annotation JSON-LD context.
pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";
/// The style class of label `n`, 1–5 (the key that picks it).
const LABEL_CLASS_PREFIX: &str = "scholia-label-";
/// The labels' highlight colours, as in the app's light theme.
const LABEL_COLOURS: [&str; LABEL_COUNT] = ["#fde68a", "#bbf7d0", "#bfdbfe", "#fecaca", "#e9d5ff"];

// ---- The export ----

#[derive(Serialize)]
struct Collection<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    label: &'a str,
    total: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    first: Option<Page>,
}

/// The page's `items` are left empty here: [`export`] writes them one per line.
#[derive(Serialize)]
struct Page {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(rename = "startIndex")]
    start_index: usize,
    items: [(); 0],
}

#[derive(Serialize)]
struct AnnotationOut<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    motivation: &'static str,
    created: String,
    modified: String,
    stylesheet: Stylesheet,
    body: Vec<BodyOut<'a>>,
    target: TargetOut<'a>,
}

#[derive(Serialize)]
struct Stylesheet {
    #[serde(rename = "type")]
    kind: &'static str,
    value: String,
}

#[derive(Serialize)]
struct BodyOut<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    purpose: &'static str,
    value: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    format: Option<&'static str>,
}

#[derive(Serialize)]
struct TargetOut<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    source: &'a str,
    selector: (QuoteSelector<'a>, PositionSelector),
    #[serde(rename = "styleClass")]
    style_class: String,
}

#[derive(Serialize)]
struct QuoteSelector<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    exact: &'a str,
    prefix: &'a str,
    suffix: &'a str,
}

#[derive(Serialize)]
struct PositionSelector {
    #[serde(rename = "type")]
    kind: &'static str,
    start: usize,
    end: usize,
}

/// The article's live annotations as a Web Annotation `AnnotationCollection` in JSON-LD. With no
/// annotations the collection has no page, as the model wants pages non-empty.
///
/// The collection and its page are pretty-printed, but each annotation is written compactly on a
/// line of its own: as easy to read and diff, and a third smaller, so that an export of the most
/// annotations an import takes stays under the size an import takes.
pub fn export(json: &impl Json, article: &Article, store: &Store) -> Result<String, JsonError> {
    let source = article_iri(article);
    let hash = hash_hex(article.text());
    let items = in_reading_order(store)
        .into_iter()
        .map(|a| json.write(&annotation_out(a, &source, store.labels())))
        .collect::<Result<Vec<_>, _>>()?;
    let headline = article.headline().map_or("", |h| article.slice(&h.span));
    let collection = Collection {
        context: CONTEXT,
        id: format!("urn:scholia:annotations:{hash}"),
        kind: "AnnotationCollection",
        label: if headline.is_empty() {
            "Annotations"
        } else {
            headline
        },
        total: items.len(),
        first: (!items.is_empty()).then(|| Page {
            id: format!("urn:scholia:annotations:{hash}:page:1"),
            kind: "AnnotationPage",
            start_index: 0,
            items: [],
        }),
    };
    let envelope = json.write_pretty(&collection)?;
    // The page's `items`, written last, are its last member, at the end of the envelope.
    const EMPTY_ITEMS: &str = "[]\n  }\n}";
    Ok(match envelope.strip_suffix(EMPTY_ITEMS) {
        Some(head) if !items.is_empty() => {
            format!(
                "{head}[\n      {}\n    ]\n  }}\n}}",
                items.join(",\n      ")
            )
        }
        _ => envelope,
    })
}

fn annotation_out<'a>(a: &'a Annotation, source: &'a str, labels: &'a Labels) -> AnnotationOut<'a> {
    let textual = |purpose, value| BodyOut {
        kind: "TextualBody",
        purpose,
        value,
        format: None,
    };
    let mut body = vec![textual("highlighting", labels.name(a.label))];
    if !a.note.is_empty() {
        body.push(BodyOut {
            format: Some("text/plain"),
            ..textual("commenting", &a.note)
        });
    }
    body.extend(a.tags.iter().map(|tag| textual("tagging", tag)));
    let class = format!("{LABEL_CLASS_PREFIX}{}", a.label.index() + 1);
    let colour = LABEL_COLOURS.get(a.label.index()).unwrap_or(&"yellow");
    AnnotationOut {
        id: annotation_iri(&a.id),
        kind: "Annotation",
        motivation: "highlighting",
        created: time::format(a.created),
        modified: time::format(a.modified),
        stylesheet: Stylesheet {
            kind: "CssStylesheet",
            value: format!(".{class} {{ background-color: {colour}; }}"),
        },
        body,
        target: TargetOut {
            kind: "SpecificResource",
            source,
            selector: (
                QuoteSelector {
                    kind: "TextQuoteSelector",
                    exact: &a.target.exact,
                    prefix: &a.target.prefix,
                    suffix: &a.target.suffix,
                },
                PositionSelector {
                    kind: "TextPositionSelector",
                    start: a.target.start,
                    end: a.target.end,
                },
            ),
            style_class: class,
        },
    }
}

// ---- Reading ----
//
// Files from other tools hold one value or a list, links or embedded objects, and sometimes the
// wrong kind of value: every field is read loosely (`super::loose`), and checked here, so that a
// refusal names the field.

/// An annotation, an annotation page or a collection: whichever its `type` says.
#[derive(Deserialize)]
struct Object {
    #[serde(rename = "type")]
    types: Option<Many<Text>>,
    id: Option<Text>,
    created: Option<Text>,
    modified: Option<Text>,
    motivation: Option<Many<Text>>,
    #[serde(rename = "bodyValue")]
    body_value: Option<Text>,
    body: Option<Many<Node<Body>>>,
    target: Option<Many<Node<Resource>>>,
    items: Option<List<Node<Object>>>,
    first: Option<Node<Box<Object>>>,
    next: Option<Node<Box<Object>>>,
}

#[derive(Deserialize)]
struct Body {
    value: Option<Text>,
    purpose: Option<Many<Text>>,
}

/// A target that is not a bare link: a part of a resource, picked by its selectors.
#[derive(Deserialize)]
pub(super) struct Resource {
    /// Our article IRI says that positions count code points of a copy of this article.
    source: Option<Text>,
    #[serde(rename = "styleClass")]
    style_class: Option<Many<Text>>,
    selector: Option<Many<Node<Selector>>>,
}

#[derive(Deserialize)]
struct Selector {
    #[serde(rename = "type")]
    types: Option<Many<Text>>,
    exact: Option<Text>,
    prefix: Option<Text>,
    suffix: Option<Text>,
    start: Option<Number>,
    end: Option<Number>,
    /// One selector or several, each applied to what this one selects.
    #[serde(rename = "refinedBy")]
    refined_by: Option<Many<Node<Selector>>>,
}

/// Reads Web Annotations: a single Annotation, an AnnotationPage, an AnnotationCollection with an
/// embedded first page (and embedded next pages), or a plain array of Annotations.
pub(crate) fn parse<J: Json>(json: &J, document: &J::Document) -> Result<Parsed, ImportError> {
    let root: Root<Object> = json
        .read(document)
        .map_err(|JsonError(problem)| not_annotations(problem))?;
    let items = annotation_items(&root)?;
    let mut sender_labels = Vec::new();
    let annotations = items
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            read_annotation(item, &format!("annotation {}", i + 1), &mut sender_labels)
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Parsed {
        format: Format::WebAnnotation,
        annotations,
        sender_labels,
        replies_left_out: 0,
    })
}

pub(super) fn not_annotations(problem: impl Into<String>) -> ImportError {
    ImportError::NotAnnotations {
        problem: problem.into(),
    }
}

pub(super) fn wrong_type(at: &str, field: &str, expected: &'static str) -> ImportError {
    ImportError::WrongType {
        at: at.to_owned(),
        field: field.to_owned(),
        expected,
    }
}

/// The values of a field that may hold one text or a list of them; none if it is absent.
pub(super) fn texts<'v>(
    field: &'v Option<Many<Text>>,
    at: &str,
    key: &str,
) -> Result<Vec<&'v str>, ImportError> {
    match field {
        None => Ok(Vec::new()),
        Some(many) => many
            .texts()
            .ok_or_else(|| wrong_type(at, key, "text or a list of text")),
    }
}

pub(super) fn optional_text<'v>(
    field: &'v Option<Text>,
    at: &str,
    key: &str,
) -> Result<Option<&'v str>, ImportError> {
    match field {
        None => Ok(None),
        Some(Text::Text(text)) => Ok(Some(text)),
        Some(Text::Other) => Err(wrong_type(at, key, "text")),
    }
}

pub(super) fn optional_time(
    field: &Option<Text>,
    at: &str,
    key: &str,
) -> Result<Option<Millis>, ImportError> {
    optional_text(field, at, key)?
        .map(|s| {
            time::parse(s).ok_or_else(|| {
                wrong_type(
                    at,
                    key,
                    "a date and time after 1970, like 2024-12-08T10:30:00Z",
                )
            })
        })
        .transpose()
}

/// The annotations of the document (`None` for an item that is not an object), checked against
/// the cap before any is read.
fn annotation_items(root: &Root<Object>) -> Result<Vec<Option<&Object>>, ImportError> {
    let items: Vec<Option<&Object>> = match root {
        Root::List(items) => items.iter().map(embedded).collect(),
        Root::Object(object) => {
            let at = "the file";
            let types = texts(&object.types, at, "type")?;
            if types.contains(&"Annotation") || (types.is_empty() && object.target.is_some()) {
                vec![Some(object)]
            } else if types.contains(&"AnnotationPage") {
                pages(object)?
            } else if types.contains(&"AnnotationCollection") {
                match &object.first {
                    Some(Node::Object(page)) => pages(page)?,
                    Some(Node::Link(iri)) => {
                        return Err(not_annotations(format!(
                            "the collection's annotations are on a separate page ({iri}) that \
                             this file does not include"
                        )));
                    }
                    Some(Node::Other) => {
                        return Err(wrong_type("the collection", "first", "an annotation page"));
                    }
                    None => match &object.items {
                        None => Vec::new(),
                        Some(List::List(items)) => items.iter().map(embedded).collect(),
                        Some(List::Other) => {
                            return Err(wrong_type("the collection", "items", "a list"));
                        }
                    },
                }
            } else {
                return Err(not_annotations(
                    "it has no type Annotation, AnnotationPage or AnnotationCollection, and is \
                     not a Hypothesis export either",
                ));
            }
        }
        Root::Other => return Err(not_annotations("it holds a single value, not annotations")),
    };
    if items.len() > limits::MAX_ANNOTATIONS {
        return Err(ImportError::TooMany { count: items.len() });
    }
    Ok(items)
}

/// An item that is an object, which it must be to be an annotation.
fn embedded(node: &Node<Object>) -> Option<&Object> {
    match node {
        Node::Object(object) => Some(object),
        _ => None,
    }
}

/// The items of a page and of the pages embedded after it as `next`.
fn pages(first: &Object) -> Result<Vec<Option<&Object>>, ImportError> {
    let mut items = Vec::new();
    let mut page = Some(first);
    while let Some(current) = page {
        match &current.items {
            Some(List::List(list)) => items.extend(list.iter().map(embedded)),
            None => {}
            Some(List::Other) => return Err(wrong_type("an annotation page", "items", "a list")),
        }
        if items.len() > limits::MAX_ANNOTATIONS {
            return Err(ImportError::TooMany { count: items.len() });
        }
        page = match &current.next {
            None => None,
            Some(Node::Object(next)) => Some(next),
            Some(Node::Link(iri)) => {
                return Err(not_annotations(format!(
                    "the collection continues on a separate page ({iri}) that this file does not \
                     include"
                )));
            }
            Some(Node::Other) => {
                return Err(wrong_type(
                    "an annotation page",
                    "next",
                    "an annotation page",
                ));
            }
        };
    }
    Ok(items)
}

fn read_annotation(
    item: Option<&Object>,
    at: &str,
    sender_labels: &mut Vec<(Label, String)>,
) -> Result<Incoming, ImportError> {
    let object = item.ok_or_else(|| not_annotations(format!("{at} is not an object")))?;
    let types = texts(&object.types, at, "type")?;
    if let Some(other) = types.first().filter(|_| !types.contains(&"Annotation")) {
        return Err(not_annotations(format!(
            "{at} is a {other}, not an Annotation"
        )));
    }
    let created = optional_time(&object.created, at, "created")?;
    let modified = optional_time(&object.modified, at, "modified")?;
    let targets = object
        .target
        .as_ref()
        .ok_or_else(|| not_annotations(format!("{at} has no target")))?;
    let (place, label) = read_target(targets, at)?;
    let mut incoming = Incoming {
        id: optional_text(&object.id, at, "id")?.map(str::to_owned),
        place,
        label,
        label_name: None,
        note: String::new(),
        tags: Vec::new(),
        created: created.or(modified).unwrap_or(0),
        modified: modified.or(created).unwrap_or(0),
    };
    // A body without a purpose is a tag when tagging is all the annotation is for.
    let tagging = texts(&object.motivation, at, "motivation")? == ["tagging"];
    let mut notes: Vec<&str> = Vec::new();
    notes.extend(optional_text(&object.body_value, at, "bodyValue")?);
    for body in object.body.iter().flat_map(|bodies| &bodies.0) {
        match body {
            // A link to a resource elsewhere: nothing to show without fetching it, which an import
            // never does.
            Node::Link(_) => {}
            Node::Object(body) => {
                read_body(body, at, tagging, &mut incoming, &mut notes, sender_labels)?;
            }
            Node::Other => return Err(wrong_type(at, "body", "a link or an object")),
        }
    }
    incoming.note = notes.join("\n\n");
    Ok(incoming)
}

fn read_body<'v>(
    body: &'v Body,
    at: &str,
    tagging: bool,
    incoming: &mut Incoming,
    notes: &mut Vec<&'v str>,
    sender_labels: &mut Vec<(Label, String)>,
) -> Result<(), ImportError> {
    // Only text bodies carry something to import; others (images, links) are left out.
    let Some(value) = optional_text(&body.value, at, "value")? else {
        return Ok(());
    };
    let purposes = texts(&body.purpose, at, "purpose")?;
    if purposes.contains(&"highlighting") {
        incoming.label_name = clean_label_name(value);
        if let (Some(label), Some(name)) = (incoming.label, &incoming.label_name)
            && !sender_labels.iter().any(|(l, _)| *l == label)
        {
            sender_labels.push((label, name.clone()));
        }
    } else if purposes.contains(&"tagging") || (purposes.is_empty() && tagging) {
        incoming.tags.push(value.to_owned());
    } else {
        notes.push(value);
    }
    Ok(())
}

/// Where the annotation is, and its label if the target has our style class. The model allows
/// several targets; ours have one, so the first quote is taken. A bare link is a whole page or
/// resource: nothing in the text to place it at.
pub(super) fn read_target(
    targets: &Many<Node<Resource>>,
    at: &str,
) -> Result<(Place, Option<Label>), ImportError> {
    for target in &targets.0 {
        let found = match target {
            Node::Link(_) => (Place::Nowhere, None),
            Node::Object(resource) => read_resource(resource, at)?,
            Node::Other => return Err(wrong_type(at, "target", "a link or an object")),
        };
        if found.0 != Place::Nowhere {
            return Ok(found);
        }
    }
    Ok((Place::Nowhere, None))
}

fn read_resource(resource: &Resource, at: &str) -> Result<(Place, Option<Label>), ImportError> {
    let label = texts(&resource.style_class, at, "styleClass")?
        .into_iter()
        .find_map(|class| {
            let number: usize = class.strip_prefix(LABEL_CLASS_PREFIX)?.parse().ok()?;
            Label::new(number.checked_sub(1)?)
        });
    // Only our own files count positions in code points of this article; any other tool's count
    // something else (UTF-16 code units, mostly) in its own rendering of the page.
    let ours = matches!(
        &resource.source,
        Some(Text::Text(source)) if source.starts_with(ARTICLE_IRI_PREFIX)
    );
    let place = match read_selectors(resource, at)? {
        Some(quote) if ours => Place::Quote(quote),
        Some(quote) => Place::ForeignQuote(quote),
        None => Place::Nowhere,
    };
    Ok((place, label))
}

/// The quote and position among a target's selectors: one or a list, each perhaps refined by
/// one or more others (a fragment or a range narrowed to a quote), read in document order, each
/// before its refinements. Without a quote the annotation cannot be placed: positions alone count
/// characters of some other rendering of the page.
fn read_selectors(resource: &Resource, at: &str) -> Result<Option<Target>, ImportError> {
    let mut quote: Option<Target> = None;
    let mut position: Option<(usize, usize)> = None;
    // A stack: what is pushed last is read first.
    let mut pending: Vec<(&str, &Node<Selector>)> = resource
        .selector
        .iter()
        .flat_map(|many| backwards("selector", many))
        .collect();
    while let Some((key, node)) = pending.pop() {
        let selector = match node {
            // A selector published elsewhere: not fetched.
            Node::Link(_) => continue,
            Node::Object(selector) => selector,
            Node::Other => return Err(wrong_type(at, key, "a link or an object")),
        };
        let types = texts(&selector.types, at, "type")?;
        if types.contains(&"TextQuoteSelector") && quote.is_none() {
            let text = |field, key| optional_text(field, at, key);
            quote = Some(Target {
                exact: text(&selector.exact, "exact")?
                    .ok_or_else(|| wrong_type(at, "exact", "the quoted text"))?
                    .to_owned(),
                prefix: text(&selector.prefix, "prefix")?
                    .unwrap_or_default()
                    .to_owned(),
                suffix: text(&selector.suffix, "suffix")?
                    .unwrap_or_default()
                    .to_owned(),
                start: 0,
                end: 0,
            });
        } else if types.contains(&"TextPositionSelector") && position.is_none() {
            position = Some(read_position(selector, at)?);
        }
        pending.extend(
            selector
                .refined_by
                .iter()
                .flat_map(|many| backwards("refinedBy", many)),
        );
    }
    Ok(quote.map(|mut quote| {
        if let Some((start, end)) = position {
            (quote.start, quote.end) = (start, end);
        }
        quote
    }))
}

/// The selectors of a field, last first, with the field's name.
fn backwards<'v>(
    key: &'static str,
    many: &'v Many<Node<Selector>>,
) -> impl Iterator<Item = (&'static str, &'v Node<Selector>)> {
    many.0.iter().rev().map(move |node| (key, node))
}

fn read_position(selector: &Selector, at: &str) -> Result<(usize, usize), ImportError> {
    let number = |field: &Option<Number>, key| match field {
        Some(Number::Integer(n)) => Ok(Some(*n)),
        Some(Number::NotInteger) => Ok(None),
        _ => Err(wrong_type(at, key, "a whole number")),
    };
    let (start, end) = (
        number(&selector.start, "start")?,
        number(&selector.end, "end")?,
    );
    let offset = |n: Option<i128>| {
        n.filter(|n| (0..=i128::from(limits::MAX_POSITION)).contains(n))
            .and_then(|n| usize::try_from(n).ok())
    };
    match (offset(start), offset(end)) {
        (Some(s), Some(e)) if s <= e => Ok((s, e)),
        _ => Err(ImportError::OutOfRange {
            at: at.to_owned(),
            start,
            end,
        }),
    }
}
