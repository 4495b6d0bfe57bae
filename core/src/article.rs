//! The article: a plain-text document parsed into a headline, paragraphs, subheadings, a tag line
//! and a comment section, with every annotatable sentence located by its byte range in the source.
//!
//! The plain-text conventions are those of articles copied out of a news site:
//! - the first line is the headline;
//! - blocks are separated by blank lines; a block of several lines is one hard-wrapped paragraph;
//! - a short line that stands alone and has no closing punctuation is a subheading;
//! - a line like `Comments (3)` starts the comment section: bulleted lines name the authors, the
//!   lines after them are what they wrote, and site chrome such as `Add Comment` is dropped;
//! - a single line of tags ends the body, often with the tags glued together by the copy
//!   (`DamascusfledrebelsSyria`); the article's own words are used to pull them apart again.
//!
//! Nothing is copied or rewritten: every part of the model is a byte range into the source text,
//! so an annotation can always be traced back to the exact characters it quotes.

use core::ops::Range;
use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::segment;
use crate::source::Draft;
use crate::source::language::{self, Direction};

/// A byte range into [`Article::text`], always on `char` boundaries.
pub type Span = Range<usize>;

/// What a block of the article is, which decides how it is shown. Plain text has headlines,
/// subheadings and paragraphs; web pages and Markdown have the rest too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    Headline,
    Subheading,
    Paragraph,
    /// Who wrote it and when: shown under the headline.
    Byline,
    /// One item of a list; consecutive items make one list.
    ListItem,
    /// A paragraph of a block quote; consecutive ones make one quote.
    Quote,
    /// A figure's caption.
    Caption,
}

/// A headline, subheading or paragraph: its source range and the sentences it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub span: Span,
    /// Indices into [`Article::sentences`]: the sentence ids of this block, in order.
    pub sentences: Range<usize>,
}

/// One reader comment: who wrote it (when the source says) and its paragraphs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    pub author: Option<Span>,
    pub paragraphs: Vec<Block>,
}

/// The comment section: its heading as written (e.g. `Comments (1)`) and the comments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentSection {
    pub heading: Span,
    pub comments: Vec<Comment>,
}

/// A parsed article. Sentence ids are indices into [`Article::sentences`], in document order:
/// headline, body, then comments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    text: String,
    body: Vec<Block>,
    sentences: Vec<Span>,
    /// The sentences again, in code points (`char`s) from the start of the text: the unit of
    /// the W3C `TextPositionSelector`.
    sentence_chars: Vec<Range<usize>>,
    tags: Vec<Span>,
    comments: Option<CommentSection>,
    lang: Option<String>,
}

impl Article {
    /// Parses plain text. Never fails: any text is some article, perhaps an empty one.
    pub fn parse(text: impl Into<String>) -> Self {
        Segmenting::of_text(text.into()).finish()
    }

    /// An article read from a web page or Markdown: its blocks, one after another, separated by
    /// a blank line in [`Article::text`], each split into sentences.
    pub fn from_draft(draft: Draft) -> Self {
        Segmenting::of_draft(draft).finish()
    }

    /// The declared language if it is a well-formed tag, else what the script tells.
    fn with_lang(mut self, declared: Option<&str>) -> Self {
        self.lang = declared
            .and_then(language::declared)
            .or_else(|| language::detect(&self.text).map(str::to_owned));
        self
    }

    /// The article's language tag, when it is known.
    pub fn lang(&self) -> Option<&str> {
        self.lang.as_deref()
    }

    /// Which way its lines run: from its language, else from its script.
    pub fn direction(&self) -> Direction {
        self.lang
            .as_deref()
            .map(language::direction_of)
            .unwrap_or_default()
    }

    /// The source text, exactly as given.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The headline, then subheadings and paragraphs in order.
    pub fn body(&self) -> &[Block] {
        &self.body
    }

    /// The headline block, if the article has any text at all.
    pub fn headline(&self) -> Option<&Block> {
        self.body.first().filter(|b| b.kind == BlockKind::Headline)
    }

    /// Every annotatable sentence, indexed by sentence id.
    pub fn sentences(&self) -> &[Span] {
        &self.sentences
    }

    /// Every sentence's range in code points, indexed by sentence id.
    pub fn sentence_chars(&self) -> &[Range<usize>] {
        &self.sentence_chars
    }

    /// The tags from the tag line, each a range of the source.
    pub fn tags(&self) -> &[Span] {
        &self.tags
    }

    pub fn comments(&self) -> Option<&CommentSection> {
        self.comments.as_ref()
    }

    /// The source text of a span; empty for a span that is not part of this article.
    pub fn slice(&self, span: &Span) -> &str {
        self.text.get(span.clone()).unwrap_or_default()
    }

    /// The id of the first sentence that contains `words`.
    pub fn find_sentence(&self, words: &str) -> Option<usize> {
        (0..self.sentences.len())
            .find(|&sid| self.sentence_text(sid).is_some_and(|s| s.contains(words)))
    }

    /// The text of sentence `sid`, if there is such a sentence.
    pub fn sentence_text(&self, sid: usize) -> Option<&str> {
        self.sentences.get(sid).map(|span| self.slice(span))
    }
}

/// Converts ordered, non-overlapping byte spans to code point ranges in one pass over the text.
fn char_ranges(text: &str, spans: &[Span]) -> Vec<Range<usize>> {
    let mut chars = 0;
    let mut at = 0;
    spans
        .iter()
        .map(|span| {
            chars += text.get(at..span.start).map_or(0, |s| s.chars().count());
            let start = chars;
            chars += text.get(span.clone()).map_or(0, |s| s.chars().count());
            at = span.end;
            start..chars
        })
        .collect()
}

/// White space, including the BOM that some editors put before the first line.
fn is_blank(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

fn trim_span(text: &str, span: Span) -> Span {
    let s = &text[span.clone()];
    let start = span.start + (s.len() - s.trim_start_matches(is_blank).len());
    let end = span.start + s.trim_end_matches(is_blank).len();
    start..end.max(start)
}

/// A line of the source without its line break; `span` is already trimmed.
#[derive(Debug, Clone)]
struct Line {
    span: Span,
}

impl Line {
    fn is_blank(&self) -> bool {
        self.span.is_empty()
    }
}

fn lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut start = 0;
    for raw in text.split_inclusive('\n') {
        let end = start + raw.len();
        out.push(Line {
            span: trim_span(text, start..end),
        });
        start = end;
    }
    out
}

/// Whether the last visible character closes a sentence or a clause.
fn ends_with_punctuation(s: &str) -> bool {
    let last = s
        .trim_end_matches(|c: char| is_blank(c) || is_closing_quote(c))
        .chars()
        .next_back();
    matches!(
        last,
        Some('.' | '!' | '?' | ':' | ';' | ',' | '…' | '。' | '！' | '？')
    )
}

fn is_closing_quote(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']')
}

/// Subheadings are short; a long line without a full stop is a paragraph whose end was lost.
const SUBHEADING_MAX_CHARS: usize = 120;
/// Tag lines are short too; the cap also bounds the work of pulling glued tags apart.
const TAG_LINE_MAX_CHARS: usize = 300;

fn is_subheading(s: &str) -> bool {
    s.chars().any(char::is_alphanumeric)
        && s.chars().count() <= SUBHEADING_MAX_CHARS
        && !ends_with_punctuation(s)
}

/// `Comments`, `Comments (12)`, `12 comments`, `Comments: 3`, `1 Comment`.
fn is_comments_heading(s: &str) -> bool {
    let mut has_number = false;
    let mut word = String::new();
    for c in s.chars() {
        match c {
            '0'..='9' => has_number = true,
            '(' | ')' | ':' | ' ' | '[' | ']' => {}
            c if c.is_alphabetic() => word.extend(c.to_lowercase()),
            _ => return false,
        }
    }
    match word.as_str() {
        "comments" => true,
        "comment" => has_number,
        _ => false,
    }
}

/// Site furniture that comes along when a comment section is copied.
fn is_comment_chrome(s: &str) -> bool {
    const CHROME: &[&str] = &[
        "add a comment",
        "add comment",
        "leave a comment",
        "load more comments",
        "post comment",
        "reply",
        "show more comments",
        "write a comment",
    ];
    let lower = s.to_lowercase();
    CHROME.contains(&lower.trim_end_matches(['.', ':', '…']))
}

/// A bullet that opens a comment: `• Jane Doe`, `- Jane Doe`, `* Jane Doe`.
fn strip_bullet(s: &str) -> Option<&str> {
    let rest = s.strip_prefix(['•', '·', '*', '-', '‣', '◦', '–'])?;
    rest.starts_with(is_blank)
        .then(|| rest.trim_start_matches(is_blank))
}

const TAG_PREFIXES: &[&str] = &[
    "tags:",
    "tagged:",
    "topics:",
    "tagged with:",
    "filed under:",
];

fn tag_prefix_len(s: &str) -> Option<usize> {
    let head: String = s.chars().take(16).flat_map(char::to_lowercase).collect();
    TAG_PREFIXES
        .iter()
        .find(|p| head.starts_with(**p))
        .map(|p| p.len())
}

/// A lower-case letter glued to an upper-case one after at least two lower-case letters:
/// `rebelsSyria`. (`iPhone` and `McDonald` have only one before the capital.)
fn has_glued_words(s: &str) -> bool {
    glue_points(s).next().is_some()
}

fn glue_points(s: &str) -> impl Iterator<Item = usize> + '_ {
    let mut lower_run = 0usize;
    s.char_indices().filter_map(move |(i, c)| {
        let glued = c.is_uppercase() && lower_run >= 2;
        lower_run = if c.is_lowercase() { lower_run + 1 } else { 0 };
        glued.then_some(i)
    })
}

fn looks_like_tag_line(s: &str, just_before_comments: bool) -> bool {
    if s.chars().count() > TAG_LINE_MAX_CHARS || ends_with_punctuation(s) {
        return false;
    }
    tag_prefix_len(s).is_some()
        || has_glued_words(s)
        || (just_before_comments && s.contains(['|', '·', '#', ',']))
}

/// An article being split into sentences a few blocks at a time, so that a caller who must not
/// hold the thread for long (a page, with input to handle) can stop between steps. Its blocks are
/// found first, which is quick; [`Article::parse`] and [`Article::from_draft`] are this run to
/// the end in one go.
pub struct Segmenting {
    text: String,
    /// The body's blocks, split into sentences in order.
    spans: Vec<(BlockKind, Span)>,
    body: Vec<Block>,
    sentences: Vec<Span>,
    tags: Vec<Span>,
    /// Plain text's comment section: its heading and the lines after it, split last, since their
    /// sentences come after the body's.
    comment_lines: Option<(Line, Vec<Line>)>,
    /// The language the source declares.
    lang: Option<String>,
}

impl Segmenting {
    /// Plain text: the headline is its first line, then paragraphs (and subheadings), perhaps a
    /// tag line, perhaps a comment section.
    pub fn of_text(text: String) -> Self {
        let lines = lines(&text);
        let first = lines.iter().position(|l| !l.is_blank());
        let comments_at = first.and_then(|first| {
            (first + 1..lines.len()).find(|&i| is_comments_heading(&text[lines[i].span.clone()]))
        });
        let body_lines = &lines[..comments_at.unwrap_or(lines.len())];
        let mut chunks = chunks(body_lines);

        let mut spans = Vec::new();
        if let Some(first_chunk) = chunks.first_mut() {
            let headline = first_chunk.remove(0);
            spans.push((BlockKind::Headline, headline.span));
            if first_chunk.is_empty() {
                chunks.remove(0);
            }
        }
        let tags = take_tag_line(&text, &mut chunks, comments_at.is_some());
        for chunk in &chunks {
            let span = chunk_span(chunk);
            let kind = if chunk.len() == 1 && is_subheading(&text[span.clone()]) {
                BlockKind::Subheading
            } else {
                BlockKind::Paragraph
            };
            spans.push((kind, span));
        }
        let comment_lines = comments_at.map(|at| (lines[at].clone(), lines[at + 1..].to_vec()));
        Segmenting {
            body: Vec::with_capacity(spans.len()),
            spans,
            sentences: Vec::new(),
            tags,
            comment_lines,
            lang: None,
            text,
        }
    }

    /// A web page or Markdown, read into blocks: one after another, separated by a blank line in
    /// [`Article::text`].
    pub fn of_draft(draft: Draft) -> Self {
        let mut text = String::new();
        let mut spans = Vec::with_capacity(draft.blocks.len());
        for block in &draft.blocks {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            let start = text.len();
            text.push_str(&block.text);
            spans.push((block.kind, start..text.len()));
        }
        Segmenting {
            text,
            body: Vec::with_capacity(spans.len()),
            spans,
            sentences: Vec::new(),
            tags: Vec::new(),
            comment_lines: None,
            lang: draft.lang,
        }
    }

    /// The reader's choice of language (a BCP 47 tag), over what the source declares or its
    /// script tells.
    pub fn in_language(mut self, tag: &str) -> Self {
        self.lang = Some(tag.to_owned());
        self
    }

    /// The article's text: what its id is made from, known before any sentence is.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Splits blocks into sentences, at least one, until about `bytes` more of the text are
    /// done. Returns whether every block is.
    pub fn step(&mut self, bytes: usize) -> bool {
        let mut parser = Parser {
            text: &self.text,
            sentences: std::mem::take(&mut self.sentences),
        };
        let mut done = 0;
        while let Some((kind, span)) = self.spans.get(self.body.len()).cloned() {
            done += span.len();
            self.body.push(parser.block(kind, span));
            if done >= bytes {
                break;
            }
        }
        self.sentences = parser.sentences;
        self.body.len() == self.spans.len()
    }

    /// The article, once the blocks left and the comments are split too.
    pub fn finish(mut self) -> Article {
        self.step(usize::MAX);
        let mut parser = Parser {
            text: &self.text,
            sentences: self.sentences,
        };
        let comments = self
            .comment_lines
            .map(|(heading, lines)| parser.comment_section(&heading, &lines));
        let sentences = parser.sentences;
        Article {
            sentence_chars: char_ranges(&self.text, &sentences),
            text: self.text,
            body: self.body,
            sentences,
            tags: self.tags,
            comments,
            lang: None,
        }
        .with_lang(self.lang.as_deref())
    }
}

/// Removes the tag line from the end of the body, if there is one, and splits it into tags.
fn take_tag_line(text: &str, chunks: &mut Vec<Vec<Line>>, before_comments: bool) -> Vec<Span> {
    let Some(last_chunk) = chunks.last_mut() else {
        return Vec::new();
    };
    let Some(last_line) = last_chunk.last() else {
        return Vec::new();
    };
    // A line of its own may be recognised by weaker signs than one glued to a paragraph.
    let alone = last_chunk.len() == 1;
    if !looks_like_tag_line(&text[last_line.span.clone()], alone && before_comments) {
        return Vec::new();
    }
    let span = last_line.span.clone();
    last_chunk.pop();
    if last_chunk.is_empty() {
        chunks.pop();
    }
    let vocabulary = vocabulary(text, chunks);
    split_tags(text, span, &vocabulary)
}

/// Words of the body, used to pull glued tags apart.
fn vocabulary<'t>(text: &'t str, chunks: &[Vec<Line>]) -> HashSet<&'t str> {
    chunks
        .iter()
        .flatten()
        .flat_map(|line| text[line.span.clone()].split(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().count() >= 2)
        .collect()
}

struct Parser<'t> {
    text: &'t str,
    sentences: Vec<Span>,
}

impl Parser<'_> {
    fn block(&mut self, kind: BlockKind, span: Span) -> Block {
        let first = self.sentences.len();
        let offset = span.start;
        self.sentences.extend(
            segment::sentences(&self.text[span.clone()])
                .into_iter()
                .map(|s| s.start + offset..s.end + offset),
        );
        Block {
            kind,
            span,
            sentences: first..self.sentences.len(),
        }
    }

    fn comment_section(&mut self, heading: &Line, lines: &[Line]) -> CommentSection {
        let mut comments: Vec<Comment> = Vec::new();
        let content: Vec<Line> = lines
            .iter()
            .filter(|l| !is_comment_chrome(&self.text[l.span.clone()]))
            .cloned()
            .collect();
        for chunk in chunks(&content) {
            let mut paragraph: Vec<Line> = Vec::new();
            for line in chunk {
                let s = &self.text[line.span.clone()];
                if let Some(author) = strip_bullet(s) {
                    self.flush_comment_paragraph(&mut comments, &mut paragraph);
                    let start = line.span.end - author.len();
                    comments.push(Comment {
                        author: (!author.is_empty()).then_some(start..line.span.end),
                        paragraphs: Vec::new(),
                    });
                } else {
                    paragraph.push(line);
                }
            }
            self.flush_comment_paragraph(&mut comments, &mut paragraph);
        }
        CommentSection {
            heading: heading.span.clone(),
            comments,
        }
    }

    fn flush_comment_paragraph(&mut self, comments: &mut Vec<Comment>, lines: &mut Vec<Line>) {
        if lines.is_empty() {
            return;
        }
        let block = self.block(BlockKind::Paragraph, chunk_span(lines));
        lines.clear();
        match comments.last_mut() {
            Some(comment) => comment.paragraphs.push(block),
            None => comments.push(Comment {
                author: None,
                paragraphs: vec![block],
            }),
        }
    }
}

/// Runs of non-blank lines.
fn chunks(lines: &[Line]) -> Vec<Vec<Line>> {
    lines
        .split(Line::is_blank)
        .filter(|c| !c.is_empty())
        .map(<[Line]>::to_vec)
        .collect()
}

fn chunk_span(chunk: &[Line]) -> Span {
    match (chunk.first(), chunk.last()) {
        (Some(first), Some(last)) => first.span.start..last.span.end,
        _ => 0..0,
    }
}

/// Splits a tag line: after an optional `Tags:` prefix, at separators if it has any, otherwise at
/// glue points and then into words of the article where a glued run can be covered by them.
fn split_tags(text: &str, line: Span, vocabulary: &HashSet<&str>) -> Vec<Span> {
    let s = &text[line.clone()];
    let start = line.start + tag_prefix_len(s).unwrap_or(0);
    let rest = &text[start..line.end];
    let pieces: Vec<Span> = if rest.contains(['|', '·', '#', ',', ';']) {
        split_spans(rest, |c| matches!(c, '|' | '·' | '#' | ',' | ';'))
    } else {
        let mut cuts: Vec<usize> = glue_points(rest).collect();
        cuts.push(rest.len());
        let mut from = 0;
        let mut out = Vec::new();
        for cut in cuts {
            let piece = &rest[from..cut];
            if piece.contains(is_blank) {
                out.push(from..cut);
            } else {
                out.extend(
                    split_into_words(piece, vocabulary)
                        .into_iter()
                        .map(|r| r.start + from..r.end + from),
                );
            }
            from = cut;
        }
        out
    };
    pieces
        .into_iter()
        .map(|p| trim_span(text, p.start + start..p.end + start))
        .filter(|p| !p.is_empty())
        .collect()
}

fn split_spans(s: &str, is_separator: impl Fn(char) -> bool) -> Vec<Span> {
    let mut out = Vec::new();
    let mut from = 0;
    for (i, c) in s.char_indices() {
        if is_separator(c) {
            out.push(from..i);
            from = i + c.len_utf8();
        }
    }
    out.push(from..s.len());
    out
}

/// The fewest words of `vocabulary` that spell `piece` exactly, or `piece` whole if none do.
fn split_into_words(piece: &str, vocabulary: &HashSet<&str>) -> Vec<Span> {
    let bounds: Vec<usize> = piece
        .char_indices()
        .map(|(i, _)| i)
        .chain([piece.len()])
        .collect();
    // best[k]: fewest words covering piece[..bounds[k]], and where the last word starts.
    let mut best: Vec<Option<(usize, usize)>> = vec![None; bounds.len()];
    best[0] = Some((0, 0));
    for end in 1..bounds.len() {
        best[end] = (0..end)
            .filter_map(|start| {
                let (count, _) = best[start]?;
                vocabulary
                    .contains(&piece[bounds[start]..bounds[end]])
                    .then_some((count + 1, start))
            })
            .min();
    }
    let mut words = Vec::new();
    let mut end = bounds.len() - 1;
    while end > 0 {
        match best[end] {
            Some((_, start)) => {
                words.push(bounds[start]..bounds[end]);
                end = start;
            }
            None => return std::iter::once(0..piece.len()).collect(),
        }
    }
    words.reverse();
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Splits `segmenting` `bytes` a step, and checks that it took more than one step.
    fn in_steps(mut segmenting: Segmenting, bytes: usize) -> Article {
        let mut steps = 1;
        while !segmenting.step(bytes) {
            steps += 1;
        }
        assert!(steps > 1, "{bytes} bytes a step took {steps} step");
        segmenting.finish()
    }

    #[test]
    fn the_readers_language_wins_over_the_declared_and_the_detected_one() {
        let arabic = "دمشق تستيقظ\n\nخرج الناس إلى الشوارع.";
        let segmenting = Segmenting::of_text(arabic.to_owned());
        assert_eq!(segmenting.text(), arabic);
        assert_eq!(segmenting.in_language("de").finish().lang(), Some("de"));
        let mut draft = Draft {
            lang: Some("fr".into()),
            ..Draft::default()
        };
        draft.push(BlockKind::Headline, "Bonjour.");
        let article = Segmenting::of_draft(draft).in_language("ar").finish();
        assert_eq!(article.lang(), Some("ar"));
        assert_eq!(article.direction(), Direction::RightToLeft);
        // A malformed choice is no choice: the script tells again.
        let malformed = Segmenting::of_text(arabic.to_owned()).in_language("x\" y");
        assert_eq!(malformed.finish().lang(), Some("ar"));
    }

    #[test]
    fn an_article_made_a_few_blocks_at_a_time_is_the_one_made_at_once() {
        let mut draft = Draft::default();
        draft.push(BlockKind::Headline, "Rain closes the pass. Again.");
        for i in 0..40 {
            draft.push(BlockKind::Subheading, &format!("Day {i}"));
            draft.push(
                BlockKind::Paragraph,
                "Snow fell overnight. The road was shut at 6 a.m. by the police. Nobody knows when \
                 it reopens.",
            );
            draft.push(BlockKind::ListItem, "Chains are required.");
        }
        let at_once = Article::from_draft(draft.clone());
        assert_eq!(at_once.sentences().len(), 2 + 40 * 5);
        for bytes in [0, 1, 30, 500] {
            assert_eq!(
                in_steps(Segmenting::of_draft(draft.clone()), bytes),
                at_once
            );
        }

        let days: Vec<String> = (0..40)
            .map(|i| format!("Day {i}\n\nSnow fell overnight. The road was shut at 6 a.m. again."))
            .collect();
        let text = format!(
            "Rain closes the pass\n\n{}\n\nWeather · Alps · Roads\n\nComments (2)\n• Ana\n\n    \
             Drive safe. Really.\n• Bo\n    Thanks.\n",
            days.join("\n\n")
        );
        let at_once = Article::parse(text.as_str());
        assert_eq!(at_once.tags().len(), 3);
        assert_eq!(at_once.comments().map(|c| c.comments.len()), Some(2));
        for bytes in [0, 1, 30, 500] {
            assert_eq!(in_steps(Segmenting::of_text(text.clone()), bytes), at_once);
        }
    }

    fn texts(article: &Article, spans: &[Span]) -> Vec<String> {
        spans.iter().map(|s| article.slice(s).to_owned()).collect()
    }

    fn kinds(article: &Article) -> Vec<(BlockKind, &str)> {
        article
            .body()
            .iter()
            .map(|b| (b.kind, article.slice(&b.span)))
            .collect()
    }

    #[test]
    fn headline_paragraphs_and_subheadings() {
        let article = Article::parse(
            "Council approves new budget\n\nThe council voted on Monday. It passed.\n\n\
             What comes next\n\nThe mayor will sign it this week.\n",
        );
        assert_eq!(
            kinds(&article),
            vec![
                (BlockKind::Headline, "Council approves new budget"),
                (
                    BlockKind::Paragraph,
                    "The council voted on Monday. It passed."
                ),
                (BlockKind::Subheading, "What comes next"),
                (BlockKind::Paragraph, "The mayor will sign it this week."),
            ]
        );
        assert_eq!(article.sentences().len(), 5);
        assert_eq!(article.sentence_text(2), Some("It passed."));
        assert!(article.tags().is_empty());
        assert!(article.comments().is_none());
    }

    #[test]
    fn a_headline_of_two_sentences_gives_two_sentence_ids() {
        let article = Article::parse("Storm hits coast. Thousands without power\n\nBody.");
        let headline = article.headline().cloned();
        assert_eq!(headline.map(|h| h.sentences), Some(0..2));
        assert_eq!(article.sentence_text(1), Some("Thousands without power"));
    }

    #[test]
    fn a_long_line_without_full_stop_is_a_paragraph_not_a_subheading() {
        let long = "word ".repeat(40);
        let article = Article::parse(format!("Title\n\n{long}\n\nShort heading\n\nText."));
        let kinds: Vec<BlockKind> = article.body().iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Headline,
                BlockKind::Paragraph,
                BlockKind::Subheading,
                BlockKind::Paragraph
            ]
        );
    }

    #[test]
    fn a_one_line_sentence_or_colon_lead_in_is_a_paragraph() {
        let article = Article::parse("T\n\nShe said on Friday:\n\n“We will stay.”\n\nIt rained.");
        let kinds: Vec<BlockKind> = article.body().iter().skip(1).map(|b| b.kind).collect();
        assert_eq!(kinds, [BlockKind::Paragraph; 3]);
    }

    #[test]
    fn hard_wrapped_lines_form_one_paragraph() {
        let article = Article::parse(
            "Headline\n\nThe minister said the plan would\ncost more than expected. Critics\ndisagreed.\n",
        );
        assert_eq!(article.body().len(), 2);
        assert_eq!(article.body()[1].kind, BlockKind::Paragraph);
        assert_eq!(
            article.sentence_text(1),
            Some("The minister said the plan would\ncost more than expected.")
        );
    }

    #[test]
    fn headline_directly_followed_by_text() {
        let article = Article::parse("Headline\nFirst paragraph. Still first.");
        assert_eq!(
            kinds(&article),
            vec![
                (BlockKind::Headline, "Headline"),
                (BlockKind::Paragraph, "First paragraph. Still first.")
            ]
        );
    }

    #[test]
    fn glued_tags_are_split_with_the_article_words() {
        let article = Article::parse(
            "Rebels take the city\n\nThe rebels said the general fled the city. \
             Residents of Aleppo cheered.\n\nAleppofledrebelsSyriaSyrian opposition leader\n\
             Comments (0)\n",
        );
        assert_eq!(
            texts(&article, article.tags()),
            [
                "Aleppo",
                "fled",
                "rebels",
                "Syria",
                "Syrian opposition leader"
            ]
        );
        assert_eq!(article.body().len(), 2, "the tag line is not body prose");
    }

    #[test]
    fn glued_tags_with_unknown_words_stay_whole() {
        let article = Article::parse("Title\n\nText here.\n\nqwertyzxcvPolitics");
        assert_eq!(texts(&article, article.tags()), ["qwertyzxcv", "Politics"]);
    }

    #[test]
    fn prefixed_and_separated_tag_lines() {
        let article = Article::parse("Title\n\nSome text.\n\nTags: economy, budget | city hall");
        assert_eq!(
            texts(&article, article.tags()),
            ["economy", "budget", "city hall"]
        );
        let article = Article::parse("Title\n\nSome text.\nTopics: #climate #energy");
        assert_eq!(texts(&article, article.tags()), ["climate", "energy"]);
        assert_eq!(article.body()[1].span, 7..17);
    }

    #[test]
    fn a_plain_closing_line_is_not_mistaken_for_tags() {
        let article = Article::parse("Title\n\nSome text.\n\nMore to come");
        assert!(article.tags().is_empty());
        assert_eq!(article.body()[2].kind, BlockKind::Subheading);
    }

    #[test]
    fn comment_section_with_bullets_and_chrome() {
        let article = Article::parse(
            "Title\n\nBody text.\n\nComments (2)\nAdd Comment\n  • Ana Lima\n\n    I agree. Well said.\n\
             • Bo\n    Nonsense.\n    Second line of the same paragraph.\n\n    Another paragraph.\n",
        );
        let section = article.comments().cloned();
        let Some(section) = section else {
            panic!("no comment section")
        };
        assert_eq!(article.slice(&section.heading), "Comments (2)");
        let authors: Vec<&str> = section
            .comments
            .iter()
            .map(|c| c.author.as_ref().map_or("", |a| article.slice(a)))
            .collect();
        assert_eq!(authors, ["Ana Lima", "Bo"]);
        assert_eq!(section.comments[0].paragraphs.len(), 1);
        assert_eq!(section.comments[1].paragraphs.len(), 2);
        // Comment sentences follow the body's: headline 0, body 1, then 2.. in the comments.
        assert_eq!(section.comments[0].paragraphs[0].sentences, 2..4);
        assert_eq!(article.sentence_text(3), Some("Well said."));
    }

    #[test]
    fn comments_without_bullets_are_anonymous() {
        let article = Article::parse("Title\n\nBody.\n\n3 comments\n\nFirst!\n");
        let comments = article.comments().map(|s| s.comments.clone());
        assert_eq!(
            comments,
            Some(vec![Comment {
                author: None,
                paragraphs: vec![Block {
                    kind: BlockKind::Paragraph,
                    span: 26..32,
                    sentences: 2..3
                }]
            }])
        );
    }

    #[test]
    fn comments_heading_forms() {
        for yes in [
            "Comments",
            "Comments (12)",
            "12 comments",
            "Comments: 3",
            "1 Comment",
        ] {
            assert!(is_comments_heading(yes), "{yes}");
        }
        for no in [
            "Comment",
            "No comments yet.",
            "Comments are closed",
            "Commentary (2)",
        ] {
            assert!(!is_comments_heading(no), "{no}");
        }
    }

    #[test]
    fn crlf_bom_and_nbsp_are_white_space() {
        let article =
            Article::parse("\u{feff}Title\r\n\r\n\u{a0}Body text.\u{a0}\r\n\r\nSub\u{a0}\r\n");
        assert_eq!(
            kinds(&article),
            vec![
                (BlockKind::Headline, "Title"),
                (BlockKind::Paragraph, "Body text."),
                (BlockKind::Subheading, "Sub")
            ]
        );
    }

    #[test]
    fn empty_and_blank_text() {
        for text in ["", "\n\n  \n", "\u{feff}"] {
            let article = Article::parse(text);
            assert!(article.body().is_empty() && article.sentences().is_empty());
        }
    }

    #[test]
    fn the_seed_article() {
        let article = Article::parse(include_str!("../../articles/assad-flees-damascus.txt"));
        let headline = article.headline().map(|h| article.slice(&h.span));
        assert_eq!(
            headline,
            Some("Bashar al-Assad has fled Damascus. Rebels enter presidential palace")
        );
        let subheadings: Vec<&str> = article
            .body()
            .iter()
            .filter(|b| b.kind == BlockKind::Subheading)
            .map(|b| article.slice(&b.span))
            .collect();
        assert_eq!(
            subheadings,
            [
                "Assad’s plane reportedly disappeared from radar",
                "ICRC is calling for safe humanitarian access and protection of civilians"
            ]
        );
        let sentence = "Syrian President Bashar al-Assad has left Damascus on a plane for an unknown \
                        destination, Reuters news agency reported, citing two senior Syrian officials.";
        assert!(
            (0..article.sentences().len()).any(|sid| article.sentence_text(sid) == Some(sentence))
        );
        assert_eq!(
            texts(&article, article.tags()),
            [
                "Damascus",
                "fled",
                "rebels",
                "Syria",
                "Syrian President Bashar al-Assad"
            ]
        );
        let section = article.comments().cloned();
        let comment = section.as_ref().and_then(|s| s.comments.first());
        assert_eq!(
            comment
                .and_then(|c| c.author.as_ref())
                .map(|a| article.slice(a)),
            Some("Panagiotis Spyridis")
        );
        assert_eq!(section.map(|s| s.comments.len()), Some(1));
    }
}
