//! Sharing annotations with people who have their own copy of the article. Files and links are
//! the only channel, and whatever arrives may come from anyone, so importing is careful: a file is
//! only ever read as data, refused with a plain-words [`ImportError`] when it is not what it
//! claims to be, and turned into an [`ImportPreview`] that the shell applies with
//! [`crate::history::Annotator::put_many`] (one undoable step) — never written straight into the
//! store.
//!
//! - [`w3c`]: the W3C Web Annotation (JSON-LD) export, and reading Web Annotations from any tool;
//! - [`markdown`]: a Markdown export that reads as notes and imports again without loss;
//! - [`csv`]: a spreadsheet export (RFC 4180) whose cells cannot run as formulas;
//! - [`share`]: share links (annotations packed into a URL fragment) and Text Fragments;
//! - `hypothesis`: reading the JSON export of Hypothesis;
//! - [`import`](mod@import): recognising, checking and placing what arrives;
//! - [`limits`]: the sizes beyond which input is refused.

pub mod csv;
mod hypothesis;
pub mod import;
pub mod limits;
mod loose;
pub mod markdown;
pub mod share;
mod time;
pub mod w3c;

pub use import::{Format, ImportError, ImportPreview, clean_note, import};

use crate::annotation::Annotation;
use crate::article::Article;
use crate::sort::sort_by;
use crate::storage::fingerprint;
use crate::store::Store;

/// IRIs of annotations that only have a local id.
const ANNOTATION_IRI_PREFIX: &str = "urn:scholia:annotation:";
/// IRIs of articles, named by the hash of their text.
const ARTICLE_IRI_PREFIX: &str = "urn:scholia:article:";
/// Ids made up for imported annotations that came without a usable one.
const IMPORTED_ID_PREFIX: &str = "urn:scholia:import:";

/// A 64-bit hash of `text` in hex: the same fingerprint as in the article's storage key.
fn hash_hex(text: &str) -> String {
    format!("{:016x}", fingerprint(text))
}

/// The stable IRI of an article: `urn:scholia:article:<hash of its text>`, the same for every
/// reader who has the same text.
pub fn article_iri(article: &Article) -> String {
    format!("{ARTICLE_IRI_PREFIX}{}", hash_hex(article.text()))
}

/// Whether `id` is already an IRI (`scheme:rest`, no white space): such ids are kept as they are.
fn is_iri(id: &str) -> bool {
    let Some((scheme, rest)) = id.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        && !rest.is_empty()
        && !id.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// The IRI an annotation is exported under.
fn annotation_iri(id: &str) -> String {
    if is_iri(id) {
        id.to_owned()
    } else {
        format!("{ANNOTATION_IRI_PREFIX}{id}")
    }
}

/// The local id of an annotation read from a file: our own IRIs lose their prefix, other IRIs are
/// kept whole, and anything unusable as an id (empty, too long, with spaces or control
/// characters) is replaced by a hash of it, which is still the same id every time it is imported.
fn local_id(raw: &str) -> String {
    let mut id = raw;
    while let Some(rest) = id.strip_prefix(ANNOTATION_IRI_PREFIX) {
        id = rest;
    }
    let usable = !id.is_empty()
        && id.chars().count() <= limits::MAX_ID_CHARS
        && !id.chars().any(|c| c.is_whitespace() || c.is_control());
    if usable {
        id.to_owned()
    } else {
        format!("{IMPORTED_ID_PREFIX}{}", hash_hex(raw))
    }
}

/// The live annotations of a store in the order of the article: that is how they read best.
fn in_reading_order(store: &Store) -> Vec<&Annotation> {
    let mut live: Vec<&Annotation> = store.live().collect();
    sort_by(&mut live, |a, b| {
        (a.target.start, a.target.end, &a.id).cmp(&(b.target.start, b.target.end, &b.id))
    });
    live
}
