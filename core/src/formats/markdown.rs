//! A Markdown export that reads as notes and imports again without loss.
//!
//! `````text
//! # Annotations: <headline>
//!
//! <!-- scholia:markdown v1 {"source":"urn:scholia:article:…","labels":[…]} -->
//!
//! 2 annotations from Scholia, in the order of the article. …
//!
//! ## 1. Evidence
//!
//! > The quoted sentences, each line after "> ".
//!
//! ````note
//! The note exactly as written, in a fence longer than any run of backticks in it.
//! ````
//!
//! Tags:
//! - one tag per line
//!
//! <!-- scholia:annotation {"id":"…","label":2,"start":69,"end":223,…} -->
//! `````
//!
//! What a reader sees is what is imported: the quote, the note and the tags are read from the
//! visible text. The comment under each annotation adds what is not worth showing (id, label
//! number, context and position of the quote, times); its JSON has `<` and `>` escaped, so no
//! text can close the comment early.

use std::iter::{Enumerate, Peekable};
use std::str::Split;

use serde::{Deserialize, Serialize};

use crate::annotation::{Annotation, Label, Target};
use crate::article::Article;
use crate::codec::{self, Json, JsonError};
use crate::store::Store;

use super::import::{Format, ImportError, Incoming, Parsed, Place, clean_label_name};
use super::{article_iri, in_reading_order, limits, time};

const HEADER_MARK: &str = "<!-- scholia:markdown ";
const ENTRY_MARK: &str = "<!-- scholia:annotation ";
const COMMENT_END: &str = " -->";
const VERSION: &str = "v1";
const NOTE_INFO: &str = "note";

#[derive(Serialize, Deserialize)]
struct Header {
    source: String,
    #[serde(default)]
    labels: Vec<String>,
}

/// What the visible text of an annotation does not say. Prefix and suffix may be left out; the
/// rest must be there.
#[derive(Serialize, Deserialize)]
struct Details {
    id: String,
    /// 1–5: the key that picks the label.
    label: usize,
    start: u64,
    end: u64,
    #[serde(default)]
    prefix: String,
    #[serde(default)]
    suffix: String,
    created: String,
    modified: String,
}

/// JSON for a one-line HTML comment: `<` and `>` escaped, so that nothing in it can end the
/// comment or open a tag.
fn comment_json(json: &impl Json, value: &impl Serialize) -> Result<String, JsonError> {
    Ok(json
        .write(value)?
        .replace('<', "\\u003c")
        .replace('>', "\\u003e"))
}

/// The article's live annotations as Markdown, in reading order.
pub fn export(json: &impl Json, article: &Article, store: &Store) -> Result<String, JsonError> {
    let annotations = in_reading_order(store);
    let labels = store.labels();
    let headline = article.headline().map_or("", |h| article.slice(&h.span));
    let header = Header {
        source: article_iri(article),
        labels: Label::all().map(|l| labels.name(l).to_owned()).collect(),
    };
    let mut out = format!(
        "# Annotations: {headline}\n\n{HEADER_MARK}{VERSION} {}{COMMENT_END}\n\n{} from Scholia, \
         in the order of the article: the quoted sentences, the label, the note and the tags. \
         The `scholia:annotation` line under each lets Scholia import this file again.\n",
        comment_json(json, &header)?,
        match annotations.len() {
            1 => "1 annotation".to_owned(),
            n => format!("{n} annotations"),
        }
    );
    for (i, a) in annotations.into_iter().enumerate() {
        entry(json, &mut out, i + 1, a, labels.name(a.label))?;
    }
    Ok(out)
}

fn entry(
    json: &impl Json,
    out: &mut String,
    number: usize,
    a: &Annotation,
    label_name: &str,
) -> Result<(), JsonError> {
    out.push_str(&format!("\n## {number}. {label_name}\n\n"));
    for line in a.target.exact.split('\n') {
        out.push('>');
        if !line.is_empty() {
            out.push(' ');
            out.push_str(line);
        }
        out.push('\n');
    }
    if !a.note.is_empty() {
        let longest_run = a.note.split(|c| c != '`').map(str::len).max().unwrap_or(0);
        let fence = "`".repeat(longest_run.max(2) + 1);
        out.push_str(&format!("\n{fence}{NOTE_INFO}\n{}\n{fence}\n", a.note));
    }
    if !a.tags.is_empty() {
        out.push_str("\nTags:\n");
        for tag in &a.tags {
            out.push_str(&format!("- {tag}\n"));
        }
    }
    let details = Details {
        id: a.id.clone(),
        label: a.label.index() + 1,
        start: a.target.start as u64,
        end: a.target.end as u64,
        prefix: a.target.prefix.clone(),
        suffix: a.target.suffix.clone(),
        created: time::format(a.created),
        modified: time::format(a.modified),
    };
    out.push_str(&format!(
        "\n{ENTRY_MARK}{}{COMMENT_END}\n",
        comment_json(json, &details)?
    ));
    Ok(())
}

/// Whether the text is a Markdown export from Scholia (it has the header comment on a line).
pub(crate) fn is_export(text: &str) -> bool {
    text.lines().any(|line| line.starts_with(HEADER_MARK))
}

/// The JSON of a one-line comment that starts with `mark`.
fn comment<'a>(line: &'a str, mark: &str) -> Option<&'a str> {
    line.strip_prefix(mark)?
        .trim_end()
        .strip_suffix(COMMENT_END.trim_start())
}

/// An annotation being read: where it started, and what has been read of it so far.
struct Entry {
    number: usize,
    line: usize,
    label_name: Option<String>,
    quote: Option<String>,
    note: Option<String>,
    tags: Option<Vec<String>>,
}

/// The lines of the file with their numbers, read one at a time (a file of millions of short
/// lines is never held as a list).
struct Reader<'a> {
    lines: Peekable<Enumerate<Split<'a, char>>>,
}

impl<'a> Reader<'a> {
    fn next(&mut self) -> Option<(usize, &'a str)> {
        self.lines.next().map(|(i, line)| (i + 1, line))
    }

    /// The next line, if it starts with `prefix`, without the prefix.
    fn next_after(&mut self, prefix: &str) -> Option<&'a str> {
        let (_, line) = self.lines.next_if(|(_, line)| line.starts_with(prefix))?;
        line.strip_prefix(prefix)
    }
}

fn damaged(line: usize, problem: impl Into<String>) -> ImportError {
    ImportError::Markdown {
        line,
        problem: problem.into(),
    }
}

/// The first few characters of a line, to point at it in an error.
fn excerpt(line: &str) -> String {
    let mut short: String = line.chars().take(40).collect();
    if short.len() < line.len() {
        short.push('…');
    }
    short
}

pub(crate) fn parse(json: &impl Json, text: &str) -> Result<Parsed, ImportError> {
    // A file re-saved on Windows has CRLF line ends; quotes and notes use LF.
    let text = text.replace("\r\n", "\n");
    let mut reader = Reader {
        lines: text.split('\n').enumerate().peekable(),
    };
    let mut header: Option<Header> = None;
    let mut entry: Option<Entry> = None;
    let mut annotations = Vec::new();
    let mut count = 0;
    while let Some((n, line)) = reader.next() {
        if let Some(rest) = line.strip_prefix(HEADER_MARK) {
            header = Some(read_header(json, n, rest)?);
            continue;
        }
        let Some(current) = &mut entry else {
            // Outside annotations: the title and the introduction, which only people read.
            if let Some(title) = line.strip_prefix("## ") {
                count += 1;
                if count > limits::MAX_ANNOTATIONS {
                    return Err(ImportError::TooMany { count });
                }
                entry = Some(Entry {
                    number: count,
                    line: n,
                    label_name: title
                        .split_once(". ")
                        .and_then(|(_, name)| clean_label_name(name)),
                    quote: None,
                    note: None,
                    tags: None,
                });
            }
            continue;
        };
        let number = current.number;
        if let Some(details) = comment(line, ENTRY_MARK) {
            annotations.push(finish(json, current, n, details)?);
            entry = None;
        } else if line.starts_with('>') {
            if current.quote.is_some() {
                return Err(damaged(
                    n,
                    format!("annotation {number} has a second quote"),
                ));
            }
            current.quote = Some(read_quote(line, &mut reader));
        } else if let Some(info) = line.strip_prefix("```") {
            if current.note.is_some() || info.trim_start_matches('`') != NOTE_INFO {
                return Err(damaged(
                    n,
                    format!("unexpected `{}` in annotation {number}", excerpt(line)),
                ));
            }
            let fence = line.strip_suffix(NOTE_INFO).unwrap_or(line);
            current.note = Some(read_note(fence, n, number, &mut reader)?);
        } else if line == "Tags:" {
            if current.tags.is_some() {
                return Err(damaged(
                    n,
                    format!("annotation {number} has a second tag list"),
                ));
            }
            current.tags = Some(read_tags(&mut reader));
        } else if line.starts_with("## ") {
            return Err(damaged(
                current.line,
                format!(
                    "annotation {number} has lost its `{}… -->` line",
                    ENTRY_MARK.trim_end()
                ),
            ));
        } else if !line.trim().is_empty() {
            return Err(damaged(
                n,
                format!(
                    "unexpected text in annotation {number}: “{}”",
                    excerpt(line)
                ),
            ));
        }
    }
    if let Some(open) = entry {
        return Err(damaged(
            open.line,
            format!(
                "the file ends before the `{}… -->` line of annotation {}",
                ENTRY_MARK.trim_end(),
                open.number
            ),
        ));
    }
    let header = header.ok_or_else(|| damaged(1, "its `scholia:markdown` line is missing"))?;
    let sender_labels = Label::all()
        .zip(&header.labels)
        .filter_map(|(label, name)| Some((label, clean_label_name(name)?)))
        .collect();
    Ok(Parsed {
        format: Format::Markdown,
        annotations,
        sender_labels,
        replies_left_out: 0,
    })
}

fn read_header(json: &impl Json, line: usize, rest: &str) -> Result<Header, ImportError> {
    let (version, header) = rest.split_once(' ').unwrap_or((rest, ""));
    if version != VERSION {
        return Err(ImportError::NewerVersion {
            what: "Markdown file",
            version: excerpt(version),
        });
    }
    let header = header
        .trim_end()
        .strip_suffix(COMMENT_END.trim_start())
        .ok_or_else(|| damaged(line, "its `scholia:markdown` line is cut short"))?;
    read_comment(json, header).map_err(|e| {
        damaged(
            line,
            format!("its `scholia:markdown` line is unreadable ({e})"),
        )
    })
}

/// The quote: this line and the `>` lines right after it, each without its `> `.
fn read_quote(first: &str, reader: &mut Reader) -> String {
    let strip = |line: &'_ str| {
        let rest = line.strip_prefix('>').unwrap_or(line);
        rest.strip_prefix(' ').unwrap_or(rest).to_owned()
    };
    let mut quote = strip(first);
    while let Some(line) = reader.next_after(">") {
        quote.push('\n');
        quote.push_str(line.strip_prefix(' ').unwrap_or(line));
    }
    quote
}

/// The note: every line up to the closing fence, exactly as written.
fn read_note(
    fence: &str,
    start: usize,
    number: usize,
    reader: &mut Reader,
) -> Result<String, ImportError> {
    let mut note: Option<String> = None;
    loop {
        match reader.next() {
            Some((_, line)) if line == fence => return Ok(note.unwrap_or_default()),
            Some((_, line)) => match &mut note {
                Some(note) => {
                    note.push('\n');
                    note.push_str(line);
                }
                None => note = Some(line.to_owned()),
            },
            None => {
                return Err(damaged(
                    start,
                    format!("the note of annotation {number} is not closed by a {fence} line"),
                ));
            }
        }
    }
}

/// The `- tag` lines after `Tags:`.
fn read_tags(reader: &mut Reader) -> Vec<String> {
    let mut tags = Vec::new();
    while let Some(tag) = reader.next_after("- ") {
        tags.push(tag.to_owned());
    }
    tags
}

/// The JSON of a comment line.
fn read_comment<T: serde::de::DeserializeOwned>(json: &impl Json, text: &str) -> Result<T, String> {
    codec::check(text, limits::MAX_JSON_DEPTH).map_err(|problem| problem.to_string())?;
    json.read_text(text).map_err(|JsonError(e)| e)
}

fn finish(
    json: &impl Json,
    entry: &mut Entry,
    line: usize,
    details: &str,
) -> Result<Incoming, ImportError> {
    let number = entry.number;
    let details: Details = read_comment(json, details).map_err(|e| {
        damaged(
            line,
            format!("the details of annotation {number} are unreadable ({e})"),
        )
    })?;
    let quote = entry
        .quote
        .take()
        .ok_or_else(|| damaged(entry.line, format!("annotation {number} has no quote")))?;
    let at = format!("annotation {number}");
    let offset = |n: u64| {
        usize::try_from(n)
            .ok()
            .filter(|&n| n as u64 <= limits::MAX_POSITION)
    };
    let (Some(start), Some(end)) = (offset(details.start), offset(details.end)) else {
        return Err(out_of_range(at, &details));
    };
    if start > end {
        return Err(out_of_range(at, &details));
    }
    let time = |s: &str| {
        time::parse(s).ok_or_else(|| {
            damaged(
                line,
                format!(
                    "annotation {number} has a date that is not one: {}",
                    excerpt(s)
                ),
            )
        })
    };
    Ok(Incoming {
        id: Some(details.id),
        place: Place::Quote(Target {
            exact: quote,
            prefix: details.prefix,
            suffix: details.suffix,
            start,
            end,
        }),
        label: details.label.checked_sub(1).and_then(Label::new),
        label_name: entry.label_name.take(),
        note: entry.note.take().unwrap_or_default(),
        tags: entry.tags.take().unwrap_or_default(),
        created: time(&details.created)?,
        modified: time(&details.modified)?,
    })
}

fn out_of_range(at: String, details: &Details) -> ImportError {
    ImportError::OutOfRange {
        at,
        start: Some(details.start.into()),
        end: Some(details.end.into()),
    }
}
