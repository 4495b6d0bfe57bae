//! Sentence segmentation.
//!
//! [`sentences`] returns byte ranges into the caller's text, never copies, so a sentence can always
//! be traced back to its exact source.

use core::ops::Range;

/// The sentences of `text` as byte ranges, in order, non-overlapping, each trimmed of surrounding
/// white space and starting and ending on `char` boundaries. Every non-white-space character of
/// `text` lies in exactly one range.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_end = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        let begin = *start.get_or_insert(i);
        last_end = i + c.len_utf8();
        let next_is_space = chars.peek().is_none_or(|&(_, n)| n.is_whitespace());
        if matches!(c, '.' | '!' | '?') && next_is_space {
            out.push(begin..last_end);
            start = None;
        }
    }
    if let Some(begin) = start {
        out.push(begin..last_end);
    }
    out
}
