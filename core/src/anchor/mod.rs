//! Anchoring: from sentences to selectors and back.
//!
//! A selection of sentences becomes a [`Target`] (quote with context, and code point position).
//! Placing a target again, perhaps in an edited copy of the article, goes from the surest
//! evidence to the weakest:
//!
//! 1. the quote, exactly, at its old position;
//! 2. the quote, exactly, elsewhere: the occurrence whose context matches best, then the nearest
//!    one, as Apache Annotator's text-quote matching does;
//! 3. the quote approximately, with at most a quarter of its characters edited (by the
//!    bit-parallel matcher of [`fuzzy`]), near its old position or wherever pieces of it still
//!    are; each candidate is scored on the quote, its context and its nearness to the old
//!    position, and attached only at [`ATTACH_CONFIDENCE`] or above.
//!
//! Anything else is an orphan: kept, with its best candidate if there is one, never attached on
//! weak evidence. A note apart from the text only waits for the reader; a note on the wrong
//! sentence misleads them.

use core::cell::OnceCell;
use core::ops::Range;

use crate::annotation::Target;
use crate::article::Article;

use grams::{GRAM, Grams, key};

mod approximate;
pub mod fuzzy;
mod grams;

/// Code points of context kept either side of a quote.
pub const CONTEXT_CHARS: usize = 32;

/// The target for sentences `first..=last`, or `None` if there are no such sentences.
pub fn target_for(article: &Article, first: usize, last: usize) -> Option<Target> {
    let (first, last) = (first.min(last), first.max(last));
    let bytes = article.sentences().get(first)?.start..article.sentences().get(last)?.end;
    let chars = article.sentence_chars().get(first)?.start..article.sentence_chars().get(last)?.end;
    let text = article.text();
    let before = text.get(..bytes.start)?;
    let after = text.get(bytes.end..)?;
    Some(Target {
        exact: text.get(bytes)?.to_owned(),
        prefix: last_chars(before, CONTEXT_CHARS).to_owned(),
        suffix: first_chars(after, CONTEXT_CHARS).to_owned(),
        start: chars.start,
        end: chars.end,
    })
}

/// The first `n` code points of `s`.
fn first_chars(s: &str, n: usize) -> &str {
    s.char_indices()
        .nth(n)
        .and_then(|(end, _)| s.get(..end))
        .unwrap_or(s)
}

/// The last `n` code points of `s`.
fn last_chars(s: &str, n: usize) -> &str {
    let start = s
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    if n == 0 {
        ""
    } else {
        s.get(start..).unwrap_or_default()
    }
}

/// The lowest confidence at which an approximate match is attached. A candidate reaches it only
/// when the quote and its context agree: a nearly unchanged quote needs three eighths of its
/// context intact where it was and five eighths far from there, a quote with a fifth of it
/// edited five and seven eighths, and a look-alike sentence in another context does not reach
/// it.
pub const ATTACH_CONFIDENCE: f32 = 0.75;

/// Occurrences of a quote weighed by the exact search, at most: the ones nearest the old position.
const MAX_OCCURRENCES: usize = 1024;
/// Bytes of quote compared per target by the exact search, at most: bounds the work of a huge
/// quote that is everywhere nearly the same (hostile input).
const MAX_COMPARED_BYTES: usize = 1 << 20;
/// Grams of the quote whose frequency is looked up to choose the rarest, at most.
const MAX_PROBES: usize = 256;

/// Where a target was placed.
#[derive(Debug, Clone, PartialEq)]
pub enum Anchoring {
    /// The quote is in the article word for word: the sentences (ids) it covers.
    Exact(Range<usize>),
    /// The quote as edited, at the sentences it now covers, found with this confidence (at least
    /// [`ATTACH_CONFIDENCE`]).
    Fuzzy {
        sentences: Range<usize>,
        confidence: f32,
    },
    /// Not placed. The best candidate, below the threshold, for the reader to judge; `None` if
    /// nothing was even close.
    Orphan { best: Option<Candidate> },
}

/// Sentences where a target might be, with the confidence (0 to 1) that it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub sentences: Range<usize>,
    pub confidence: f32,
}

impl Anchoring {
    /// The sentences the target is attached to; `None` for an orphan.
    pub fn sentences(&self) -> Option<Range<usize>> {
        match self {
            Anchoring::Exact(sentences) | Anchoring::Fuzzy { sentences, .. } => {
                Some(sentences.clone())
            }
            Anchoring::Orphan { .. } => None,
        }
    }
}

/// Places one target in `article`. To place many, use one [`Anchorer`]: it indexes the article
/// once.
pub fn anchor(article: &Article, target: &Target) -> Anchoring {
    Anchorer::new(article).anchor(target)
}

/// Places targets in one article. The index of the article's text is built on first need (when a
/// quote is not at its old position), then shared by every target.
#[derive(Debug)]
pub struct Anchorer<'a> {
    article: &'a Article,
    grams: OnceCell<Option<Grams>>,
}

impl<'a> Anchorer<'a> {
    pub fn new(article: &'a Article) -> Self {
        Anchorer {
            article,
            grams: OnceCell::new(),
        }
    }

    pub fn article(&self) -> &'a Article {
        self.article
    }

    pub fn anchor(&self, target: &Target) -> Anchoring {
        self.anchor_trusting(target, true)
    }

    /// Places a quote from another tool. Its position counts other units in another rendering of
    /// the page, so it is never taken as a place: the quote and its context place it, and the
    /// position only breaks ties.
    pub fn anchor_foreign(&self, target: &Target) -> Anchoring {
        self.anchor_trusting(target, false)
    }

    fn anchor_trusting(&self, target: &Target, position: bool) -> Anchoring {
        if target.exact.is_empty() {
            return Anchoring::Orphan { best: None };
        }
        let exact = position
            .then(|| at_position(self.article, target))
            .flatten()
            .or_else(|| self.by_quote(target))
            .and_then(|bytes| sentences_overlapping(self.article, bytes));
        match exact {
            Some(sentences) => Anchoring::Exact(sentences),
            None => approximate::anchor(self, target),
        }
    }

    fn grams(&self) -> Option<&Grams> {
        self.grams
            .get_or_init(|| Grams::new(self.article.text().as_bytes()))
            .as_ref()
    }

    /// Weighs the occurrences of the quote and keeps the one whose context matches best, then the
    /// one nearest the old position.
    fn by_quote(&self, target: &Target) -> Option<Range<usize>> {
        let text = self.article.text();
        let quote = target.exact.as_str();
        let old_start = old_byte(self.article, target);
        let (prefix, suffix) = context(target);
        self.occurrences(quote, old_start)
            .into_iter()
            .map(|at| {
                let before = text.get(..at).unwrap_or_default();
                let after = text.get(at + quote.len()..).unwrap_or_default();
                let context =
                    common_suffix_chars(before, prefix) + common_prefix_chars(after, suffix);
                (
                    context,
                    usize::MAX - at.abs_diff(old_start),
                    at..at + quote.len(),
                )
            })
            .max_by_key(|(context, nearness, _)| (*context, *nearness))
            .map(|(_, _, range)| range)
    }

    /// Byte offsets at which `quote` is in the text: every one, or when there are too many to
    /// check, those nearest `near`.
    fn occurrences(&self, quote: &str, near: usize) -> Vec<usize> {
        let text = self.article.text();
        let found =
            |at: &usize| text.as_bytes().get(*at..*at + quote.len()) == Some(quote.as_bytes());
        let rarest = self.grams().and_then(|grams| rarest_gram(grams, quote));
        let Some((offset, positions)) = rarest else {
            return scan(text, quote);
        };
        let limit = (MAX_COMPARED_BYTES / quote.len().max(1)).clamp(1, MAX_OCCURRENCES);
        let nearest = positions.partition_point(|&p| (p as usize) < near.saturating_add(offset));
        let end = nearest
            .saturating_sub(limit / 2)
            .saturating_add(limit)
            .min(positions.len());
        let start = end.saturating_sub(limit);
        positions
            .get(start..end)
            .unwrap_or_default()
            .iter()
            .filter_map(|&p| (p as usize).checked_sub(offset))
            .filter(found)
            .collect()
    }
}

/// The quote's gram with the fewest positions in the index, sampled along the quote, and those
/// positions: every occurrence of the quote holds it there.
fn rarest_gram<'g>(grams: &'g Grams, quote: &str) -> Option<(usize, &'g [u32])> {
    let last = quote.len().checked_sub(GRAM)?;
    let step = (last / MAX_PROBES).max(1);
    (0..=last)
        .step_by(step)
        .filter(|&offset| quote.is_char_boundary(offset))
        .filter_map(|offset| {
            let key = key(quote.as_bytes().get(offset..)?)?;
            Some((offset, grams.candidates(key)))
        })
        .min_by_key(|(_, positions)| positions.len())
}

/// The occurrences of a quote too short for the index (at most [`MAX_OCCURRENCES`], none
/// overlapping another), by reading the text.
fn scan(text: &str, quote: &str) -> Vec<usize> {
    text.match_indices(quote)
        .map(|(at, _)| at)
        .take(MAX_OCCURRENCES)
        .collect()
}

/// The target's prefix and suffix as far as they are compared: the [`CONTEXT_CHARS`] code points
/// nearest the quote, what targets made here keep. (Another tool's may be longer; a hostile
/// file's, as long as the article.)
fn context(target: &Target) -> (&str, &str) {
    (
        last_chars(&target.prefix, CONTEXT_CHARS),
        first_chars(&target.suffix, CONTEXT_CHARS),
    )
}

/// The target's old position as a byte offset into this text, or its end if the text is shorter.
fn old_byte(article: &Article, target: &Target) -> usize {
    char_to_byte(article, target.start).unwrap_or(article.text().len())
}

/// The byte range at the target's code point position, if the quote is still exactly there.
fn at_position(article: &Article, target: &Target) -> Option<Range<usize>> {
    let start = char_to_byte(article, target.start)?;
    let end = start.checked_add(target.exact.len())?;
    (article.text().get(start..end)? == target.exact).then_some(start..end)
}

/// Converts a code point offset to a byte offset, using the sentence table so that only the
/// text from the nearest sentence start is counted.
fn char_to_byte(article: &Article, char_offset: usize) -> Option<usize> {
    let chars = article.sentence_chars();
    let at = chars.partition_point(|c| c.start <= char_offset);
    let (byte_base, char_base) = match at.checked_sub(1) {
        Some(i) => (article.sentences().get(i)?.start, chars.get(i)?.start),
        None => (0, 0),
    };
    let rest = article.text().get(byte_base..)?;
    let skip = char_offset - char_base;
    if skip == 0 {
        return Some(byte_base);
    }
    rest.char_indices()
        .map(|(i, _)| i)
        .chain([rest.len()])
        .nth(skip)
        .map(|i| byte_base + i)
}

fn common_prefix_chars(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

fn common_suffix_chars(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

/// Sentence ids whose text overlaps `bytes`.
fn sentences_overlapping(article: &Article, bytes: Range<usize>) -> Option<Range<usize>> {
    let sentences = article.sentences();
    let first = sentences.partition_point(|s| s.end <= bytes.start);
    let end = sentences.partition_point(|s| s.start < bytes.end);
    (first < end).then_some(first..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str =
        "Title here\n\nThe cat sat. The dog ran. The cat sat.\n\nÉté 🙂 arrive. Fin.";

    #[test]
    fn a_target_finds_its_sentences_again() {
        let article = Article::parse(TEXT);
        for first in 0..article.sentences().len() {
            for last in first..article.sentences().len() {
                let target = target_for(&article, first, last);
                let anchored = target.as_ref().map(|t| anchor(&article, t));
                assert_eq!(
                    anchored,
                    Some(Anchoring::Exact(first..last + 1)),
                    "{target:?}"
                );
            }
        }
    }

    #[test]
    fn targets_count_code_points_not_bytes() {
        let article = Article::parse(TEXT);
        let sid = 5; // "Fin."
        let target = target_for(&article, sid, sid).unwrap_or_else(|| panic!("no target"));
        assert_eq!(target.exact, "Fin.");
        let by_chars: String = TEXT.chars().skip(target.start).take(4).collect();
        assert_eq!(by_chars, "Fin.");
        assert!(target.prefix.ends_with("arrive. "));
        assert_eq!(target.suffix, "");
    }

    #[test]
    fn a_repeated_quote_is_placed_by_its_context_when_the_position_is_stale() {
        let article = Article::parse(TEXT);
        let second_cat = target_for(&article, 3, 3).unwrap_or_else(|| panic!("no target"));
        assert_eq!(second_cat.exact, "The cat sat.");
        let edited = Article::parse(TEXT.replace("Title here", "A longer title here"));
        assert_eq!(anchor(&edited, &second_cat), Anchoring::Exact(3..4));
    }

    #[test]
    fn a_quote_that_is_gone_is_not_placed() {
        let article = Article::parse(TEXT);
        let target = Target {
            exact: "Not in the text.".into(),
            prefix: String::new(),
            suffix: String::new(),
            start: 0,
            end: 16,
        };
        assert_eq!(anchor(&article, &target).sentences(), None);
        let empty = Target {
            exact: String::new(),
            ..target.clone()
        };
        assert_eq!(anchor(&article, &empty), Anchoring::Orphan { best: None });
        let far = Target {
            start: usize::MAX,
            end: usize::MAX,
            ..target
        };
        assert_eq!(anchor(&article, &far).sentences(), None);
    }
}
