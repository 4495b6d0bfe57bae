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

use crate::annotation::{Annotation, LABEL_COUNT, Label, Labels, Millis, Target};
use crate::article::Article;
use crate::json::{self, Map, Number, Problem, Value};
use crate::store::Store;

use super::import::{Format, ImportError, Incoming, Parsed, Place, clean_label_name};
use super::{annotation_iri, article_iri, hash_hex, in_reading_order, limits, time};

/// The Web Annotation JSON-LD context.
pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";
/// The style class of label `n`, 1–5 (the key that picks it).
const LABEL_CLASS_PREFIX: &str = "scholia-label-";
/// The labels' highlight colours, as in the app's light theme.
const LABEL_COLOURS: [&str; LABEL_COUNT] = ["#fde68a", "#bbf7d0", "#bfdbfe", "#fecaca", "#e9d5ff"];

/// The article's live annotations as a Web Annotation `AnnotationCollection` in JSON-LD, one
/// annotation per line. With no annotations the collection has no page, as the model wants pages
/// non-empty.
pub fn export(article: &Article, store: &Store) -> String {
    let source = article_iri(article);
    let hash = hash_hex(article.text());
    let items: Vec<Value> = in_reading_order(store)
        .into_iter()
        .map(|a| annotation_out(a, &source, store.labels()))
        .collect();
    let headline = article.headline().map_or("", |h| article.slice(&h.span));
    let label = if headline.is_empty() {
        "Annotations"
    } else {
        headline
    };
    let mut collection = vec![
        ("@context", CONTEXT.into()),
        ("id", format!("urn:scholia:annotations:{hash}").into()),
        ("type", "AnnotationCollection".into()),
        ("label", label.into()),
        ("total", items.len().into()),
    ];
    if !items.is_empty() {
        collection.push((
            "first",
            Value::object(vec![
                (
                    "id",
                    format!("urn:scholia:annotations:{hash}:page:1").into(),
                ),
                ("type", "AnnotationPage".into()),
                ("startIndex", 0_usize.into()),
                ("items", items.into()),
            ]),
        ));
    }
    json::to_string_pretty(&Value::object(collection), PRETTY_LEVELS)
}

/// The collection, its page and the page's list of items are pretty-printed, but each annotation
/// is written compactly on a line of its own: as easy to read and diff, and a third smaller, so
/// that an export of the most annotations an import takes stays under the size an import takes.
const PRETTY_LEVELS: usize = 3;

fn annotation_out(a: &Annotation, source: &str, labels: &Labels) -> Value {
    let textual = |purpose: &str, value: &str| {
        vec![
            ("type", "TextualBody".into()),
            ("purpose", purpose.into()),
            ("value", value.into()),
        ]
    };
    let mut body = vec![Value::object(textual("highlighting", labels.name(a.label)))];
    if !a.note.is_empty() {
        let mut note = textual("commenting", &a.note);
        note.push(("format", "text/plain".into()));
        body.push(Value::object(note));
    }
    body.extend(
        a.tags
            .iter()
            .map(|tag| Value::object(textual("tagging", tag))),
    );
    let class = format!("{LABEL_CLASS_PREFIX}{}", a.label.index() + 1);
    let colour = LABEL_COLOURS.get(a.label.index()).unwrap_or(&"yellow");
    Value::object(vec![
        ("id", annotation_iri(&a.id).into()),
        ("type", "Annotation".into()),
        ("motivation", "highlighting".into()),
        ("created", time::format(a.created).into()),
        ("modified", time::format(a.modified).into()),
        (
            "stylesheet",
            Value::object(vec![
                ("type", "CssStylesheet".into()),
                (
                    "value",
                    format!(".{class} {{ background-color: {colour}; }}").into(),
                ),
            ]),
        ),
        ("body", body.into()),
        (
            "target",
            Value::object(vec![
                ("type", "SpecificResource".into()),
                ("source", source.into()),
                (
                    "selector",
                    vec![
                        Value::object(vec![
                            ("type", "TextQuoteSelector".into()),
                            ("exact", a.target.exact.as_str().into()),
                            ("prefix", a.target.prefix.as_str().into()),
                            ("suffix", a.target.suffix.as_str().into()),
                        ]),
                        Value::object(vec![
                            ("type", "TextPositionSelector".into()),
                            ("start", a.target.start.into()),
                            ("end", a.target.end.into()),
                        ]),
                    ]
                    .into(),
                ),
                ("styleClass", class.into()),
            ]),
        ),
    ])
}

/// Reads Web Annotations: a single Annotation, an AnnotationPage, an AnnotationCollection with an
/// embedded first page (and embedded next pages), or a plain array of Annotations.
pub(crate) fn parse(text: &str) -> Result<Parsed, ImportError> {
    // The parser stops at `json::MAX_DEPTH` levels of nesting, so deep input is an error, not a
    // stack overflow.
    let json = json::parse(text).map_err(json_error)?;
    let items = annotation_items(&json)?;
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
    })
}

/// Puts JSON errors in the reader's terms.
fn json_error(error: json::Error) -> ImportError {
    let json::Error {
        problem,
        line,
        column,
    } = error;
    match problem {
        Problem::Truncated => ImportError::Truncated,
        Problem::TooDeep => ImportError::TooDeep,
        Problem::LoneSurrogate => ImportError::LoneSurrogate { line, column },
        Problem::Invalid(problem) => ImportError::InvalidJson {
            line,
            column,
            problem: problem.to_owned(),
        },
    }
}

fn not_annotations(problem: impl Into<String>) -> ImportError {
    ImportError::NotAnnotations {
        problem: problem.into(),
    }
}

fn wrong_type(at: &str, field: &str, expected: &'static str) -> ImportError {
    ImportError::WrongType {
        at: at.to_owned(),
        field: field.to_owned(),
        expected,
    }
}

/// The values of a key that may hold one string or a list of them; none if it is absent.
fn strings<'v>(obj: &'v Map, key: &str, at: &str) -> Result<Vec<&'v str>, ImportError> {
    let expected = "text or a list of text";
    match obj.get(key) {
        None => Ok(Vec::new()),
        Some(Value::String(s)) => Ok(vec![s.as_str()]),
        Some(Value::Array(list)) => list
            .iter()
            .map(|v| v.as_str().ok_or_else(|| wrong_type(at, key, expected)))
            .collect(),
        Some(_) => Err(wrong_type(at, key, expected)),
    }
}

fn optional_str<'v>(obj: &'v Map, key: &str, at: &str) -> Result<Option<&'v str>, ImportError> {
    match obj.get(key) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(wrong_type(at, key, "text")),
    }
}

fn optional_time(obj: &Map, key: &str, at: &str) -> Result<Option<Millis>, ImportError> {
    optional_str(obj, key, at)?
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

/// The annotations of the document, checked against the cap before any is read.
fn annotation_items(json: &Value) -> Result<Vec<&Value>, ImportError> {
    let items: Vec<&Value> = match json {
        Value::Array(items) => items.iter().collect(),
        Value::Object(obj) => {
            let at = "the file";
            let types = strings(obj, "type", at)?;
            if types.contains(&"Annotation") || (types.is_empty() && obj.contains_key("target")) {
                vec![json]
            } else if types.contains(&"AnnotationPage") {
                pages(obj)?
            } else if types.contains(&"AnnotationCollection") {
                match obj.get("first") {
                    Some(Value::Object(page)) => pages(page)?,
                    Some(Value::String(iri)) => {
                        return Err(not_annotations(format!(
                            "the collection's annotations are on a separate page ({iri}) that \
                             this file does not include"
                        )));
                    }
                    Some(_) => {
                        return Err(wrong_type("the collection", "first", "an annotation page"));
                    }
                    None => match obj.get("items") {
                        None => Vec::new(),
                        Some(Value::Array(items)) => items.iter().collect(),
                        Some(_) => return Err(wrong_type("the collection", "items", "a list")),
                    },
                }
            } else {
                return Err(not_annotations(
                    "it has no type Annotation, AnnotationPage or AnnotationCollection",
                ));
            }
        }
        _ => return Err(not_annotations("it holds a single value, not annotations")),
    };
    if items.len() > limits::MAX_ANNOTATIONS {
        return Err(ImportError::TooMany { count: items.len() });
    }
    Ok(items)
}

/// The items of a page and of the pages embedded after it as `next`.
fn pages(first: &Map) -> Result<Vec<&Value>, ImportError> {
    let mut items = Vec::new();
    let mut page = Some(first);
    while let Some(current) = page {
        match current.get("items") {
            Some(Value::Array(list)) => items.extend(list),
            None => {}
            Some(_) => return Err(wrong_type("an annotation page", "items", "a list")),
        }
        if items.len() > limits::MAX_ANNOTATIONS {
            return Err(ImportError::TooMany { count: items.len() });
        }
        page = match current.get("next") {
            None => None,
            Some(Value::Object(next)) => Some(next),
            Some(Value::String(iri)) => {
                return Err(not_annotations(format!(
                    "the collection continues on a separate page ({iri}) that this file does not \
                     include"
                )));
            }
            Some(_) => {
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
    value: &Value,
    at: &str,
    sender_labels: &mut Vec<(Label, String)>,
) -> Result<Incoming, ImportError> {
    let obj = value
        .as_object()
        .ok_or_else(|| not_annotations(format!("{at} is not an object")))?;
    let types = strings(obj, "type", at)?;
    if let Some(other) = types.first().filter(|_| !types.contains(&"Annotation")) {
        return Err(not_annotations(format!(
            "{at} is a {other}, not an Annotation"
        )));
    }
    let created = optional_time(obj, "created", at)?;
    let modified = optional_time(obj, "modified", at)?;
    let (place, label) = read_target(obj.get("target"), at)?;
    let mut incoming = Incoming {
        id: optional_str(obj, "id", at)?.map(str::to_owned),
        place,
        label,
        label_name: None,
        note: String::new(),
        tags: Vec::new(),
        created: created.or(modified).unwrap_or(0),
        modified: modified.or(created).unwrap_or(0),
    };
    // A body without a purpose is a tag when tagging is all the annotation is for.
    let tagging = strings(obj, "motivation", at)? == ["tagging"];
    let mut notes: Vec<&str> = Vec::new();
    if let Some(value) = obj.get("bodyValue") {
        notes.push(
            value
                .as_str()
                .ok_or_else(|| wrong_type(at, "bodyValue", "text"))?,
        );
    }
    let bodies: Vec<&Value> = match obj.get("body") {
        None => Vec::new(),
        Some(Value::Array(list)) => list.iter().collect(),
        Some(body) => vec![body],
    };
    for body in bodies {
        match body {
            // A link to a resource elsewhere: nothing to show without fetching it, which an import
            // never does.
            Value::String(_) => {}
            Value::Object(body) => {
                read_body(body, at, tagging, &mut incoming, &mut notes, sender_labels)?;
            }
            _ => return Err(wrong_type(at, "body", "a link or an object")),
        }
    }
    incoming.note = notes.join("\n\n");
    Ok(incoming)
}

fn read_body<'v>(
    body: &'v Map,
    at: &str,
    tagging: bool,
    incoming: &mut Incoming,
    notes: &mut Vec<&'v str>,
    sender_labels: &mut Vec<(Label, String)>,
) -> Result<(), ImportError> {
    // Only text bodies carry something to import; others (images, links) are left out.
    let Some(value) = optional_str(body, "value", at)? else {
        return Ok(());
    };
    let purposes = strings(body, "purpose", at)?;
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

/// Where the annotation is, and its label if the target has our style class.
fn read_target(target: Option<&Value>, at: &str) -> Result<(Place, Option<Label>), ImportError> {
    match target {
        None => Err(not_annotations(format!("{at} has no target"))),
        // A whole page or resource: nothing in the text to place it at.
        Some(Value::String(_)) => Ok((Place::Nowhere, None)),
        Some(Value::Object(target)) => read_specific_resource(target, at),
        Some(Value::Array(targets)) => {
            // The model allows several targets; ours have one, so the first quote is taken.
            for target in targets {
                let found = match target {
                    Value::String(_) => (Place::Nowhere, None),
                    Value::Object(target) => read_specific_resource(target, at)?,
                    _ => return Err(wrong_type(at, "target", "a link or an object")),
                };
                if found.0 != Place::Nowhere {
                    return Ok(found);
                }
            }
            Ok((Place::Nowhere, None))
        }
        Some(_) => Err(wrong_type(at, "target", "a link or an object")),
    }
}

fn read_specific_resource(target: &Map, at: &str) -> Result<(Place, Option<Label>), ImportError> {
    let label = strings(target, "styleClass", at)?
        .into_iter()
        .find_map(|class| {
            let number: usize = class.strip_prefix(LABEL_CLASS_PREFIX)?.parse().ok()?;
            Label::new(number.checked_sub(1)?)
        });
    Ok((read_selectors(target, at)?, label))
}

/// The quote and position among a target's selectors (one or a list, each perhaps refined by
/// another). Without a quote the annotation cannot be placed: positions alone count characters
/// of some other rendering of the page.
fn read_selectors(target: &Map, at: &str) -> Result<Place, ImportError> {
    let selectors: Vec<&Value> = match target.get("selector") {
        None => Vec::new(),
        Some(Value::Array(list)) => list.iter().collect(),
        Some(selector) => vec![selector],
    };
    let mut quote: Option<Target> = None;
    let mut position: Option<(usize, usize)> = None;
    for selector in selectors {
        let mut next = match selector {
            // A selector published elsewhere: not fetched.
            Value::String(_) => None,
            Value::Object(selector) => Some(selector),
            _ => return Err(wrong_type(at, "selector", "a link or an object")),
        };
        while let Some(selector) = next {
            let types = strings(selector, "type", at)?;
            if types.contains(&"TextQuoteSelector") && quote.is_none() {
                quote = Some(Target {
                    exact: optional_str(selector, "exact", at)?
                        .ok_or_else(|| wrong_type(at, "exact", "the quoted text"))?
                        .to_owned(),
                    prefix: optional_str(selector, "prefix", at)?
                        .unwrap_or_default()
                        .to_owned(),
                    suffix: optional_str(selector, "suffix", at)?
                        .unwrap_or_default()
                        .to_owned(),
                    start: 0,
                    end: 0,
                });
            } else if types.contains(&"TextPositionSelector") && position.is_none() {
                position = Some(read_position(selector, at)?);
            }
            next = selector.get("refinedBy").and_then(Value::as_object);
        }
    }
    Ok(match quote {
        Some(mut quote) => {
            if let Some((start, end)) = position {
                (quote.start, quote.end) = (start, end);
            }
            Place::Quote(quote)
        }
        None => Place::Nowhere,
    })
}

fn read_position(selector: &Map, at: &str) -> Result<(usize, usize), ImportError> {
    let number = |key: &str| match selector.get(key) {
        Some(Value::Number(n)) => Ok(n),
        _ => Err(wrong_type(at, key, "a whole number")),
    };
    let (start, end) = (number("start")?, number("end")?);
    let offset = |n: &Number| {
        n.as_u64()
            .filter(|&n| n <= limits::MAX_POSITION)
            .and_then(|n| usize::try_from(n).ok())
    };
    match (offset(start), offset(end)) {
        (Some(s), Some(e)) if s <= e => Ok((s, e)),
        _ => Err(ImportError::OutOfRange {
            at: at.to_owned(),
            start: shown(start),
            end: shown(end),
        }),
    }
}

/// A number as the file wrote it, cut short if it is long: JSON numbers have no size limit.
fn shown(n: &Number) -> String {
    const MAX_DIGITS: usize = 24;
    let text = n.as_str();
    match text.get(..MAX_DIGITS) {
        Some(head) if head.len() < text.len() => format!("{head}…"),
        _ => text.to_owned(),
    }
}
