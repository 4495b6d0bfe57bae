//! Anchoring: from sentences to selectors and back.
//!
//! A selection of sentences becomes a [`Target`] (quote with context, and code point position).
//! A target, perhaps made for a slightly different copy of the article, is placed again by its
//! position when the quote is still there, and otherwise by searching for the quote and letting
//! the context and the old position break ties, as Apache Annotator's text-quote matching does.

use core::ops::Range;

use crate::annotation::Target;
use crate::article::Article;

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
        suffix: after.chars().take(CONTEXT_CHARS).collect(),
        start: chars.start,
        end: chars.end,
    })
}

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

/// The sentences a target covers in `article`, as a range of sentence ids, or `None` if its quote
/// is not in the article.
pub fn anchor(article: &Article, target: &Target) -> Option<Range<usize>> {
    if target.exact.is_empty() {
        return None;
    }
    let bytes = at_position(article, target).or_else(|| by_quote(article, target))?;
    sentences_overlapping(article, bytes)
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

/// Searches every occurrence of the quote and keeps the one whose context matches best, then the
/// one nearest the old position.
fn by_quote(article: &Article, target: &Target) -> Option<Range<usize>> {
    let text = article.text();
    let old_start = char_to_byte(article, target.start.min(text.len())).unwrap_or(0);
    text.match_indices(target.exact.as_str())
        .map(|(at, exact)| {
            let before = text.get(..at).unwrap_or_default();
            let after = text.get(at + exact.len()..).unwrap_or_default();
            let context = common_suffix_chars(before, &target.prefix)
                + common_prefix_chars(after, &target.suffix);
            (
                context,
                usize::MAX - at.abs_diff(old_start),
                at..at + exact.len(),
            )
        })
        .max_by_key(|(context, nearness, _)| (*context, *nearness))
        .map(|(_, _, range)| range)
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

/// The sentences a quote from another tool covers. Its position counts other units in another
/// rendering of the page, so it is never taken as a place: the quote and its context place it,
/// and the position only breaks ties between equally good matches.
pub fn anchor_by_quote(article: &Article, target: &Target) -> Option<Range<usize>> {
    if target.exact.is_empty() {
        return None;
    }
    sentences_overlapping(article, by_quote(article, target)?)
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
                let anchored = target.as_ref().and_then(|t| anchor(&article, t));
                assert_eq!(anchored, Some(first..last + 1), "{target:?}");
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
        assert_eq!(anchor(&edited, &second_cat), Some(3..4));
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
        assert_eq!(anchor(&article, &target), None);
        let empty = Target {
            exact: String::new(),
            ..target.clone()
        };
        assert_eq!(anchor(&article, &empty), None);
        let far = Target {
            start: usize::MAX,
            end: usize::MAX,
            ..target
        };
        assert_eq!(anchor(&article, &far), None);
    }
}
