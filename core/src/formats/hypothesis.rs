//! Reading the JSON file of Hypothesis' "Export annotations": an object with `export_date`,
//! `export_userid`, `client_version` and `annotations`, each annotation as the Hypothesis API
//! gives it. Its note is `text` (Markdown, kept as written), its tags `tags`, its times `created`
//! and `updated`; its `target` has the Web Annotation shape (a `source` and a list of selectors,
//! a `TextQuoteSelector` among them for a highlight), so the Web Annotation reader reads it.
//!
//! A page note (a target without selectors) is about the whole page: it is kept, as an annotation
//! that could not be placed, like a Web Annotation of a whole page. A reply (`references` names
//! the annotations it answers) quotes nothing and is not imported; the preview counts it.

use serde::Deserialize;
use serde::de::IgnoredAny;

use crate::codec::{Json, JsonError};

use super::import::{Format, ImportError, Incoming, Parsed, Place};
use super::limits;
use super::loose::{List, Many, Node, Root, Text};
use super::w3c::{
    Resource, not_annotations, optional_text, optional_time, read_target, texts, wrong_type,
};

/// The export. The three members besides `annotations` only tell it from other JSON.
#[derive(Deserialize)]
struct Export {
    export_date: Option<IgnoredAny>,
    export_userid: Option<IgnoredAny>,
    client_version: Option<IgnoredAny>,
    annotations: Option<List<Node<Annotation>>>,
}

#[derive(Deserialize)]
struct Annotation {
    id: Option<Text>,
    created: Option<Text>,
    updated: Option<Text>,
    text: Option<Text>,
    tags: Option<Many<Text>>,
    references: Option<Many<Text>>,
    target: Option<Many<Node<Resource>>>,
}

/// The annotations of a Hypothesis export, or `None` if the document is not one.
pub(crate) fn parse<J: Json>(
    json: &J,
    document: &J::Document,
) -> Result<Option<Parsed>, ImportError> {
    let root: Root<Export> = json
        .read(document)
        .map_err(|JsonError(problem)| not_annotations(problem))?;
    let Root::Object(export) = root else {
        return Ok(None);
    };
    let envelope = export.export_date.is_some()
        || export.export_userid.is_some()
        || export.client_version.is_some();
    let Some(list) = export.annotations.filter(|_| envelope) else {
        return Ok(None);
    };
    let not_a_list = || wrong_type("the file", "annotations", "a list of annotation objects");
    let List::List(items) = list else {
        return Err(not_a_list());
    };
    if items.len() > limits::MAX_ANNOTATIONS {
        return Err(ImportError::TooMany { count: items.len() });
    }
    let mut annotations = Vec::new();
    let mut replies_left_out = 0;
    for (i, item) in items.iter().enumerate() {
        let Node::Object(annotation) = item else {
            return Err(not_a_list());
        };
        match read_annotation(annotation, &format!("annotation {}", i + 1))? {
            Some(incoming) => annotations.push(incoming),
            None => replies_left_out += 1,
        }
    }
    Ok(Some(Parsed {
        format: Format::Hypothesis,
        annotations,
        sender_labels: Vec::new(),
        replies_left_out,
    }))
}

/// The annotation to import, or `None` for a reply.
fn read_annotation(annotation: &Annotation, at: &str) -> Result<Option<Incoming>, ImportError> {
    if !texts(&annotation.references, at, "references")?.is_empty() {
        return Ok(None);
    }
    let created = optional_time(&annotation.created, at, "created")?;
    let modified = optional_time(&annotation.updated, at, "updated")?;
    // No target, or one without selectors, is a page note: about the page, not a passage of it.
    let (place, label) = match &annotation.target {
        Some(targets) => read_target(targets, at)?,
        None => (Place::Nowhere, None),
    };
    Ok(Some(Incoming {
        id: optional_text(&annotation.id, at, "id")?.map(str::to_owned),
        place,
        label,
        label_name: None,
        note: optional_text(&annotation.text, at, "text")?
            .unwrap_or_default()
            .to_owned(),
        tags: texts(&annotation.tags, at, "tags")?
            .into_iter()
            .map(str::to_owned)
            .collect(),
        created: created.or(modified).unwrap_or(0),
        modified: modified.or(created).unwrap_or(0),
    }))
}
