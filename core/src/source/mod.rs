//! Articles the reader brings: saved web pages, Markdown and plain text, read into a [`Draft`]
//! (the article's blocks as text, and its language), which [`Article::from_draft`] segments.
//!
//! - [`tree`]: the plain element tree the HTML reader takes;
//! - [`html`]: the article of a web page, without the site around it;
//! - [`markdown`]: CommonMark, by pulldown-cmark;
//! - [`language`]: the article's language and writing direction.
//!
//! [`Article::from_draft`]: crate::article::Article::from_draft

pub mod html;
pub mod language;
pub mod markdown;
pub mod tree;

use serde::{Deserialize, Serialize};

use crate::article::{Article, BlockKind, Segmenting};
use crate::size::ByteSize;
use tree::Tree;

/// An article read from its source, before segmentation: what is kept of an opened article, so
/// that a reload shows it again without parsing the source again.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// A BCP 47 tag, when the source says or the script tells (`en`, `ar`, `he`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    pub blocks: Vec<DraftBlock>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftBlock {
    pub kind: BlockKind,
    pub text: String,
}

impl Draft {
    /// Adds a block of `kind` with `text`'s white space collapsed; blank text adds nothing.
    pub fn push(&mut self, kind: BlockKind, text: &str) {
        let text = collapse_white_space(text);
        if !text.is_empty() {
            self.blocks.push(DraftBlock { kind, text });
        }
    }

    /// Whether it has anything to read.
    pub fn is_empty(&self) -> bool {
        self.blocks.is_empty()
    }

    /// Makes the first block the headline if none is, so that every article has one.
    pub fn ensure_headline(&mut self) {
        if self.blocks.iter().any(|b| b.kind == BlockKind::Headline) {
            return;
        }
        if let Some(first) = self.blocks.first_mut() {
            first.kind = BlockKind::Headline;
        }
    }
}

/// Runs of white space (line breaks and no-break spaces included) become one space; the ends are
/// trimmed.
pub fn collapse_white_space(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(|c: char| c.is_whitespace() || c == '\u{feff}') {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// What a file holds, by its name first and its first bytes second.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Html,
    Markdown,
    Text,
}

impl Format {
    pub fn guess(file_name: &str, text: &str) -> Format {
        let lower = file_name.to_ascii_lowercase();
        let extension = lower.rsplit_once('.').map_or("", |(_, e)| e);
        match extension {
            "html" | "htm" | "xhtml" | "mhtml" => Format::Html,
            "md" | "markdown" | "mdown" | "mkd" => Format::Markdown,
            "txt" | "text" => Format::Text,
            _ if looks_like_html(text) => Format::Html,
            _ => Format::Text,
        }
    }
}

/// `<!doctype html`, `<html` or `<head` near the start.
pub fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
        .chars()
        .take(256)
        .flat_map(char::to_lowercase)
        .collect();
    ["<!doctype html", "<html", "<head", "<body", "<meta", "<!--"]
        .iter()
        .any(|p| head.starts_with(p))
}

/// What the library keeps of an article: enough to rebuild it exactly, without the source file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Content {
    /// Plain text, parsed again on opening (its headline, comments and tags follow from it).
    Text(String),
    /// The blocks read from a web page or Markdown file.
    Draft(Draft),
}

impl Content {
    pub fn article(&self) -> Article {
        self.segmenting().finish()
    }

    /// Its article, to be split into sentences a step at a time.
    pub fn segmenting(&self) -> Segmenting {
        match self {
            Content::Text(text) => Segmenting::of_text(text.clone()),
            Content::Draft(draft) => Segmenting::of_draft(draft.clone()),
        }
    }
}

/// Larger files are refused before they are read: the page stays responsive up to about this size.
pub const MAX_ARTICLE_BYTES: usize = 10 * 1024 * 1024;

/// Why a file or a pasted text cannot be opened as an article. `Display` says it in plain words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unreadable {
    TooLarge {
        bytes: usize,
    },
    Empty,
    /// Binary data: an image, a PDF, an archive.
    NotText,
    /// Not UTF-8; `charset` is what the file declares, if anything.
    OtherEncoding {
        charset: Option<String>,
    },
    /// A web page in which no article text was found.
    NoArticle,
}

impl core::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Unreadable::TooLarge { bytes } => write!(
                f,
                "it is {}, and articles can be at most {}",
                ByteSize::of(*bytes),
                ByteSize::of(MAX_ARTICLE_BYTES)
            ),
            Unreadable::Empty => write!(f, "it is empty"),
            Unreadable::NotText => write!(f, "it is not a text file (it holds binary data)"),
            Unreadable::OtherEncoding {
                charset: Some(charset),
            } => write!(
                f,
                "it is written in the {charset} encoding, which this browser cannot read"
            ),
            Unreadable::OtherEncoding { charset: None } => write!(
                f,
                "it is not UTF-8 text and does not say which encoding it uses; save it as UTF-8 \
                 and open it again"
            ),
            Unreadable::NoArticle => write!(f, "no article text was found in it"),
        }
    }
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// The text of `bytes` if they are UTF-8 (a BOM is dropped), or why they cannot be read as it.
/// For other encodings the shell asks the browser to decode with the charset named here.
pub fn utf8_text(bytes: &[u8]) -> Result<&str, Unreadable> {
    if bytes.len() > MAX_ARTICLE_BYTES {
        return Err(Unreadable::TooLarge { bytes: bytes.len() });
    }
    let bytes = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
    let charset = match bytes {
        [0xFF, 0xFE, ..] => Some("utf-16le".to_owned()),
        [0xFE, 0xFF, ..] => Some("utf-16be".to_owned()),
        _ => None,
    };
    if charset.is_some() {
        return Err(Unreadable::OtherEncoding { charset });
    }
    match core::str::from_utf8(bytes) {
        Ok(text) if text.contains('\0') => Err(Unreadable::NotText),
        Ok(text) => Ok(text),
        Err(_) if bytes.iter().take(8192).any(|&b| b == 0) => Err(Unreadable::NotText),
        Err(_) => Err(Unreadable::OtherEncoding {
            charset: declared_charset(bytes),
        }),
    }
}

/// The charset a page declares in its first 4 KB (`<meta charset="…">` or
/// `content="text/html; charset=…"`), lower-cased.
pub fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let at = lower.windows(8).position(|w| w == b"charset=")? + 8;
    let rest = lower.get(at..)?;
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let name: String = rest
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'))
        .map(|&b| char::from(b))
        .collect();
    (!name.is_empty()).then_some(name)
}

/// Reads an article from `text` in `format` (see [`Format::guess`]): a web page (parsed into a
/// tree by `parse_html`, the browser's parser in the app), Markdown, or plain text.
pub fn read(
    format: Format,
    text: &str,
    parse_html: impl FnOnce(&str) -> Option<Tree>,
) -> Result<Content, Unreadable> {
    if text.trim().is_empty() {
        return Err(Unreadable::Empty);
    }
    let content = match format {
        Format::Html => {
            let tree = parse_html(text).ok_or(Unreadable::NoArticle)?;
            let mut draft = html::extract(&tree);
            draft.ensure_headline();
            Content::Draft(draft)
        }
        Format::Markdown => Content::Draft(markdown::read(text)),
        Format::Text => Content::Text(text.to_owned()),
    };
    match &content {
        Content::Draft(draft) if draft.is_empty() => Err(Unreadable::NoArticle),
        _ => Ok(content),
    }
}
