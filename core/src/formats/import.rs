//! Importing: recognising what arrived, refusing it in plain words when it is not annotations,
//! and placing each annotation in the reader's copy of the article.
//!
//! Nothing here changes the store. [`import`] returns an [`ImportPreview`]: how many annotations
//! are new, updated or unchanged, and which could not be placed. The shell shows it and, if the
//! reader agrees, applies [`ImportPreview::to_apply`] with
//! [`Annotator::put_many`](crate::history::Annotator::put_many), so the whole import is one step
//! that undo takes back.

use std::collections::BTreeMap;
use std::fmt;

use crate::anchor::{Anchorer, Anchoring, target_for};
use crate::annotation::{Annotation, Label, Labels, Millis, Target, clean_tags};
use crate::article::Article;
use crate::codec::{self, Json, JsonError, Unparsable};
use crate::size::ByteSize;
use crate::sort::sort_by;
use crate::store::Store;

use super::{IMPORTED_ID_PREFIX, hash_hex, hypothesis, limits, local_id, markdown, share, w3c};

/// What kind of input an import read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    WebAnnotation,
    Markdown,
    ShareLink,
    /// The JSON file of Hypothesis' "Export annotations".
    Hypothesis,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::WebAnnotation => "Web Annotation (JSON-LD)",
            Format::Markdown => "Markdown",
            Format::ShareLink => "share link",
            Format::Hypothesis => "Hypothesis export",
        }
    }
}

/// What an import would do. Apply it with `Annotator::put_many("import", preview.to_apply())`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportPreview {
    pub format: Format,
    /// Annotations this store does not have, in reading order.
    pub new: Vec<Annotation>,
    /// Newer versions of annotations this store has (same id), in reading order.
    pub updated: Vec<Annotation>,
    /// Annotations this store already has in the same or a newer version.
    pub unchanged: usize,
    /// Annotations that could not be placed in this copy of the article (their quote is not in
    /// it, not even edited a little), with the target as the file gave it (its `exact` is the
    /// quote to show; empty when the file gave none). They are not in [`Self::to_apply`]: the
    /// shell lists them so that nothing vanishes without a word.
    pub unplaced: Vec<Annotation>,
    /// The sender's label names, where the input says them (their numbers are kept on import).
    pub sender_labels: Vec<(Label, String)>,
    /// Replies to other annotations, which are not imported: a reply quotes nothing, so it has no
    /// sentence of its own, and Scholia keeps notes on sentences, not conversations.
    pub replies_left_out: usize,
}

impl ImportPreview {
    /// The annotations to put into the store: the new ones and the updated ones.
    pub fn to_apply(&self) -> Vec<Annotation> {
        self.new.iter().chain(&self.updated).cloned().collect()
    }
}

impl fmt::Display for ImportPreview {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} new, {} updated, {} unchanged, {} could not be placed",
            self.new.len(),
            self.updated.len(),
            self.unchanged,
            self.unplaced.len()
        )?;
        match self.replies_left_out {
            0 => Ok(()),
            1 => write!(f, ", 1 reply not imported"),
            n => write!(f, ", {n} replies not imported"),
        }
    }
}

/// Why an input was refused. The store is untouched whenever one of these is returned; the
/// `Display` text says what is wrong in words a reader can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// Nothing in the file but perhaps white space.
    Empty,
    /// More than [`limits::MAX_FILE_BYTES`].
    TooLarge { bytes: usize },
    /// More than [`limits::MAX_ANNOTATIONS`] annotations.
    TooMany { count: usize },
    /// NUL bytes or other signs of data that is not text.
    Binary,
    /// Text in an encoding other than UTF-8.
    OtherEncoding { encoding: &'static str },
    /// Text, but neither JSON, a Markdown export from Scholia nor a share link.
    NotRecognised,
    /// JSON that stops in the middle.
    Truncated,
    /// Text that starts like JSON but is not well-formed; the parser's words for what is wrong.
    InvalidJson { problem: String },
    /// A `\ud800`-style escape: half of a character.
    LoneSurrogate { line: usize, column: usize },
    /// Nesting deeper than annotations ever need.
    TooDeep,
    /// Well-formed JSON that is not Web Annotations.
    NotAnnotations { problem: String },
    /// A field of the wrong kind; `at` names the annotation.
    WrongType {
        at: String,
        field: String,
        expected: &'static str,
    },
    /// A text position that no text has: negative, fractional, huge, or ending before it starts.
    /// `start` and `end` are as the input wrote them, when they are whole numbers.
    OutOfRange {
        at: String,
        start: Option<i128>,
        end: Option<i128>,
    },
    /// A Markdown export from Scholia that has been damaged.
    Markdown { line: usize, problem: String },
    /// A share link that cannot be read.
    DamagedLink { problem: String },
    /// A share link whose data inflates past [`limits::MAX_INFLATED_BYTES`].
    LinkTooLarge,
    /// Written by a newer Scholia than this one.
    NewerVersion { what: &'static str, version: String },
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Empty => write!(f, "the file is empty: there are no annotations in it"),
            ImportError::TooLarge { bytes } => write!(
                f,
                "the file is {}, and files over {} are refused",
                ByteSize::of(*bytes),
                ByteSize::of(limits::MAX_FILE_BYTES)
            ),
            ImportError::TooMany { count } => write!(
                f,
                "the file holds {count} annotations, more than the {} that can be imported at \
                 once; split it into smaller files",
                limits::MAX_ANNOTATIONS
            ),
            ImportError::Binary => write!(
                f,
                "this is not a text file (it holds binary data), so it cannot hold annotations"
            ),
            ImportError::OtherEncoding { encoding } => write!(
                f,
                "this file is in another encoding ({encoding}); save it as UTF-8 and import it again"
            ),
            ImportError::NotRecognised => write!(
                f,
                "this is neither Web Annotation JSON, a Markdown export from Scholia, nor a \
                 Scholia share link"
            ),
            ImportError::Truncated => write!(
                f,
                "the file ends in the middle of its data: it was cut short, perhaps by an \
                 interrupted download or copy"
            ),
            ImportError::InvalidJson { problem } => {
                write!(f, "the file is not valid JSON ({problem})")
            }
            ImportError::LoneSurrogate { line, column } => write!(
                f,
                "the file holds a broken character escape (half of a UTF-16 surrogate pair, like \
                 \\ud800) at line {line}, column {column}"
            ),
            ImportError::TooDeep => {
                write!(f, "the file is nested far too deeply to be annotations")
            }
            ImportError::NotAnnotations { problem } => {
                write!(f, "the file is JSON, but not Web Annotations: {problem}")
            }
            ImportError::WrongType {
                at,
                field,
                expected,
            } => write!(f, "{at}: `{field}` should be {expected}"),
            ImportError::OutOfRange { at, start, end } => {
                write!(f, "{at}: the text position ")?;
                if let (Some(start), Some(end)) = (start, end) {
                    write!(f, "{start} to {end} ")?;
                }
                write!(
                    f,
                    "is out of range (positions are whole numbers of characters, and a quote \
                     cannot end before it starts)"
                )
            }
            ImportError::Markdown { line, problem } => {
                write!(f, "the Markdown file is damaged at line {line}: {problem}")
            }
            ImportError::DamagedLink { problem } => write!(
                f,
                "the share link is damaged ({problem}); ask for it again and copy it whole"
            ),
            ImportError::LinkTooLarge => write!(
                f,
                "the share link's data inflates past {} MB, far more than any annotations need; \
                 it is refused",
                limits::MAX_INFLATED_BYTES / (1024 * 1024)
            ),
            ImportError::NewerVersion { what, version } => write!(
                f,
                "this {what} was made by a newer version of Scholia ({version}); update Scholia \
                 to import it"
            ),
        }
    }
}

impl std::error::Error for ImportError {}

/// Where an incoming annotation says it belongs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Place {
    /// A quote with context, from Scholia. `start` and `end` are code points in a copy of the
    /// article, or 0 when the input gave no position.
    Quote(Target),
    /// A quote with context from another tool. Its position, if any, counts other units (UTF-16
    /// code units, mostly) in another rendering of the page: it only breaks ties between
    /// matches of the quote that its context finds equally good.
    ForeignQuote(Target),
    /// Sentence ids in the sender's copy, with the first characters of the quote to check them.
    Sentences {
        first: usize,
        count: usize,
        head: String,
    },
    /// Nothing in a text: a whole page, an image, a position without a quote.
    Nowhere,
}

/// An annotation as read from the input, before it is placed in the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Incoming {
    pub id: Option<String>,
    pub place: Place,
    pub label: Option<Label>,
    pub label_name: Option<String>,
    pub note: String,
    pub tags: Vec<String>,
    pub created: Millis,
    pub modified: Millis,
}

/// Everything read from one input.
#[derive(Debug)]
pub(crate) struct Parsed {
    pub format: Format,
    pub annotations: Vec<Incoming>,
    pub sender_labels: Vec<(Label, String)>,
    /// Replies to other annotations, which are not read (see [`ImportPreview::replies_left_out`]).
    pub replies_left_out: usize,
}

/// Reads a file (or a pasted share link) of annotations for `article` and says what importing it
/// into `existing` would do. Accepts Web Annotation JSON-LD (ours or any tool's: a single
/// Annotation, an AnnotationPage, an AnnotationCollection with an embedded page, or an array of
/// Annotations, such as Recogito writes), a Hypothesis export (JSON), a Markdown export from
/// Scholia, and a share link. UTF-8 with or without a BOM.
pub fn import(
    json: &impl Json,
    bytes: &[u8],
    article: &Article,
    existing: &Store,
) -> Result<ImportPreview, ImportError> {
    let text = decode_text(bytes)?;
    // Each parser refuses more than `limits::MAX_ANNOTATIONS` before it reads them one by one.
    let parsed = parse(json, text)?;
    Ok(preview(parsed, article, existing))
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// The input as UTF-8 text without a BOM, or why it is not that.
fn decode_text(bytes: &[u8]) -> Result<&str, ImportError> {
    if bytes.len() > limits::MAX_FILE_BYTES {
        return Err(ImportError::TooLarge { bytes: bytes.len() });
    }
    let encoding = match bytes {
        [0xFF, 0xFE, 0, 0, ..] | [0, 0, 0xFE, 0xFF, ..] => Some("UTF-32"),
        [0xFF, 0xFE, ..] => Some("UTF-16 little-endian"),
        [0xFE, 0xFF, ..] => Some("UTF-16 big-endian"),
        _ => None,
    };
    if let Some(encoding) = encoding {
        return Err(ImportError::OtherEncoding { encoding });
    }
    let body = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(ImportError::Empty);
    }
    if body.contains(&0) {
        return Err(if looks_like_utf16(body) {
            ImportError::OtherEncoding { encoding: "UTF-16" }
        } else {
            ImportError::Binary
        });
    }
    match std::str::from_utf8(body) {
        Ok(text) => Ok(text),
        Err(_) if looks_binary(body) => Err(ImportError::Binary),
        // Not UTF-8, yet text-like: high bytes among plain ASCII, as Latin-1 files have.
        Err(_) => Err(ImportError::OtherEncoding {
            encoding: "probably Latin-1 or Windows-1252",
        }),
    }
}

/// UTF-16 without a BOM: ASCII text has a NUL in every other byte.
fn looks_like_utf16(bytes: &[u8]) -> bool {
    let sample = bytes.get(..256).unwrap_or(bytes);
    let nul_at = |parity: usize| {
        sample
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let half = sample.len() / 2;
    half > 0 && (nul_at(0) * 4 >= half * 3 || nul_at(1) * 4 >= half * 3)
}

/// Control bytes other than white space are rare in text and common in binary data.
fn looks_binary(bytes: &[u8]) -> bool {
    let controls = bytes
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
        .count();
    controls * 100 > bytes.len()
}

fn parse(json: &impl Json, text: &str) -> Result<Parsed, ImportError> {
    match recognise(text) {
        Some(Format::WebAnnotation | Format::Hypothesis) => {
            let document = read_json(json, text)?;
            match hypothesis::parse(json, &document)? {
                Some(parsed) => Ok(parsed),
                None => w3c::parse(json, &document),
            }
        }
        Some(Format::Markdown) => markdown::parse(json, text),
        Some(Format::ShareLink) => share::find_link(text.trim_start())
            .map_or(Err(ImportError::NotRecognised), |data| {
                share::parse(json, data)
            }),
        None => Err(ImportError::NotRecognised),
    }
}

/// JSON text parsed, or why it cannot be.
fn read_json<J: Json>(json: &J, text: &str) -> Result<J::Document, ImportError> {
    // The readers recurse once per level of nesting: deep input is refused before it is parsed.
    codec::check(text, limits::MAX_JSON_DEPTH).map_err(|problem| match problem {
        Unparsable::TooDeep => ImportError::TooDeep,
        Unparsable::Truncated => ImportError::Truncated,
        Unparsable::LoneSurrogate { line, column } => ImportError::LoneSurrogate { line, column },
    })?;
    json.parse(text)
        .map_err(|JsonError(problem)| ImportError::InvalidJson { problem })
}

/// Which of the import formats `text` is written in, by its first signs alone (nothing is parsed):
/// what a dropped or pasted text is decides whether it is imported or opened as an article. Any
/// JSON is [`Format::WebAnnotation`] here; a Hypothesis export is told apart once it is parsed.
pub fn recognise(text: &str) -> Option<Format> {
    let start = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if start.starts_with(['{', '[']) {
        Some(Format::WebAnnotation)
    } else if markdown::is_export(text) {
        Some(Format::Markdown)
    } else if share::find_link(start).is_some() {
        Some(Format::ShareLink)
    } else {
        None
    }
}

/// A note as plain text: line breaks as `\n`, tabs kept, other control characters dropped. Notes
/// are only ever shown as text, so nothing else needs cleaning. The shell may use this on notes
/// the reader types, so that every note survives every format.
pub fn clean_note(note: &str) -> String {
    note.replace("\r\n", "\n")
        .chars()
        .map(|c| if c == '\r' { '\n' } else { c })
        .filter(|&c| matches!(c, '\n' | '\t') || !c.is_control())
        .collect()
}

/// A label name cleaned as [`Labels::rename`] cleans it, or `None` if nothing is left.
pub(crate) fn clean_label_name(name: &str) -> Option<String> {
    let mut labels = Labels::default();
    let slot = Label::default();
    labels
        .rename(slot, name)
        .then(|| labels.name(slot).to_owned())
}

fn preview(parsed: Parsed, article: &Article, existing: &Store) -> ImportPreview {
    let mut placed: BTreeMap<String, Annotation> = BTreeMap::new();
    let mut unplaced = Vec::new();
    let anchorer = Anchorer::new(article);
    for incoming in parsed.annotations {
        let (annotation, is_placed) = annotation_of(incoming, &anchorer, existing.labels());
        if !is_placed {
            unplaced.push(annotation);
        } else if placed
            .get(&annotation.id)
            .is_none_or(|held| annotation.supersedes(held))
        {
            // The same id twice in one file: the newer version wins, as in any merge.
            placed.insert(annotation.id.clone(), annotation);
        }
    }
    let (mut new, mut updated, mut unchanged) = (Vec::new(), Vec::new(), 0);
    for annotation in placed.into_values() {
        match existing.get(&annotation.id) {
            None => new.push(annotation),
            Some(held) if annotation.supersedes(held) => updated.push(annotation),
            Some(_) => unchanged += 1,
        }
    }
    for list in [&mut new, &mut updated] {
        sort_by(list, |a, b| {
            (a.target.start, &a.id).cmp(&(b.target.start, &b.id))
        });
    }
    ImportPreview {
        format: parsed.format,
        new,
        updated,
        unchanged,
        unplaced,
        sender_labels: parsed.sender_labels,
        replies_left_out: parsed.replies_left_out,
    }
}

/// The annotation to store for an incoming one, and whether it was placed in the article.
fn annotation_of(
    incoming: Incoming,
    anchorer: &Anchorer<'_>,
    labels: &Labels,
) -> (Annotation, bool) {
    let id = match &incoming.id {
        Some(id) => local_id(id),
        None => derived_id(&incoming),
    };
    // The sender's label number wins; a name alone is matched against the reader's names.
    let label = incoming
        .label
        .or_else(|| {
            let name = incoming.label_name.as_deref()?.to_lowercase();
            Label::all().find(|&l| labels.name(l).to_lowercase() == name)
        })
        .unwrap_or_default();
    let (target, is_placed) = match place(anchorer, &incoming.place) {
        Ok(target) => (target, true),
        Err(target) => (target, false),
    };
    let annotation = Annotation {
        id,
        target,
        label,
        note: clean_note(&incoming.note),
        tags: clean_tags(incoming.tags.iter().map(String::as_str)),
        created: incoming.created,
        modified: incoming.modified,
        deleted: false,
    };
    (annotation, is_placed)
}

/// An id for an annotation that came without one, made from its content so that importing the
/// same file twice gives the same id.
fn derived_id(incoming: &Incoming) -> String {
    let place = match &incoming.place {
        Place::Quote(t) | Place::ForeignQuote(t) => format!(
            "{}\u{1f}{}\u{1f}{}\u{1f}{}",
            t.exact, t.prefix, t.suffix, t.start
        ),
        Place::Sentences { first, count, head } => format!("{first}\u{1f}{count}\u{1f}{head}"),
        Place::Nowhere => String::new(),
    };
    let content = [
        place,
        incoming.note.clone(),
        incoming.tags.join("\u{1f}"),
        incoming.created.to_string(),
    ];
    format!("{IMPORTED_ID_PREFIX}{}", hash_hex(&content.join("\u{1e}")))
}

/// The target in this article: the sentences the input's place covers, with selectors made afresh
/// so that they match this copy exactly. `Err` holds the target as given, for the unplaced list.
fn place(anchorer: &Anchorer<'_>, place: &Place) -> Result<Target, Target> {
    let given = |exact: &str| Target {
        exact: exact.to_owned(),
        prefix: String::new(),
        suffix: String::new(),
        start: 0,
        end: 0,
    };
    match place {
        Place::Quote(target) => {
            place_quote(anchorer, target, Anchorer::anchor).ok_or_else(|| target.clone())
        }
        Place::ForeignQuote(target) => {
            place_quote(anchorer, target, Anchorer::anchor_foreign).ok_or_else(|| target.clone())
        }
        Place::Sentences { first, count, head } => {
            place_sentences(anchorer.article(), *first, *count, head).ok_or_else(|| given(head))
        }
        Place::Nowhere => Err(given("")),
    }
}

/// The target made afresh for the sentences that `find` (an anchoring) places the quote on,
/// exactly or confidently; `None` for an orphan.
fn place_quote<'a>(
    anchorer: &Anchorer<'a>,
    target: &Target,
    find: fn(&Anchorer<'a>, &Target) -> Anchoring,
) -> Option<Target> {
    let article = anchorer.article();
    let mut anchoring = find(anchorer, target);
    // The quote lost its carriage returns on the way (a Markdown file re-saved, or a copy of the
    // article with Windows line ends): try it with them, and prefer an exact match so found.
    if !matches!(anchoring, Anchoring::Exact(_)) && article.text().contains("\r\n") {
        let crlf = |s: &str| s.replace("\r\n", "\n").replace('\n', "\r\n");
        let with_cr = Target {
            exact: crlf(&target.exact),
            prefix: crlf(&target.prefix),
            suffix: crlf(&target.suffix),
            ..target.clone()
        };
        let again = find(anchorer, &with_cr);
        if matches!(again, Anchoring::Exact(_)) || anchoring.sentences().is_none() {
            anchoring = again;
        }
    }
    let sentences = anchoring.sentences()?;
    target_for(article, sentences.start, sentences.end.checked_sub(1)?)
}

/// Sentences `first..first + count` if the quote there starts with `head`; otherwise the nearest
/// run of `count` sentences that does (the sender's copy may differ a little).
fn place_sentences(article: &Article, first: usize, count: usize, head: &str) -> Option<Target> {
    let extra = count.checked_sub(1)?;
    let n = article.sentences().len();
    let origin = first.min(n);
    let fits = |sid: usize| {
        let start = article.sentences().get(sid)?.start;
        if !article.text().get(start..)?.starts_with(head) {
            return None;
        }
        target_for(article, sid, sid.checked_add(extra)?).filter(|t| t.exact.starts_with(head))
    };
    (0..=n).find_map(|distance| {
        fits(origin + distance).or_else(|| fits(origin.checked_sub(distance)?))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_are_recognised() {
        assert_eq!(decode_text(b"\xEF\xBB\xBF{}"), Ok("{}"));
        assert_eq!(decode_text(b" \n\t"), Err(ImportError::Empty));
        assert_eq!(decode_text(b"\xEF\xBB\xBF"), Err(ImportError::Empty));
        assert!(matches!(
            decode_text(b"\xFF\xFE{\0}\0"),
            Err(ImportError::OtherEncoding { .. })
        ));
        assert!(matches!(
            decode_text(b"{\0\"\0a\0\"\0}\0"),
            Err(ImportError::OtherEncoding { encoding: "UTF-16" })
        ));
        assert!(matches!(
            decode_text(b"# Caf\xE9 cr\xE8me\n"),
            Err(ImportError::OtherEncoding { .. })
        ));
        assert_eq!(
            decode_text(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Err(ImportError::Binary)
        );
        assert_eq!(
            decode_text(b"\x01\x02\x03\x04\xFF\xFE\x80"),
            Err(ImportError::Binary)
        );
    }

    #[test]
    fn notes_keep_line_breaks_and_tabs_only() {
        assert_eq!(clean_note("a\r\nb\rc\td\u{0}e\u{7}\u{85}f"), "a\nb\nc\tdef");
    }
}
