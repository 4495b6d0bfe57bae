//! The fuzzy stage of anchoring: where a quote that is no longer in the article word for word
//! went, and how sure that is.
//!
//! Two kinds of window are searched with the bit-parallel matcher: first the text around exact
//! hits of pieces of the quote in the article's gram index (a quote edited where it was, or moved
//! anywhere), then, unless that gave a confident candidate, the text around the old position (a
//! quote too short to have pieces, or with every piece edited). Each window gives the ends of
//! matches within the error budget; a match's start is found by matching the reversed quote
//! backwards from its end. A candidate's confidence weighs how much of
//! the quote it keeps, how much of the target's context surrounds it, and how near it is to the
//! old position.

use core::cmp::Reverse;
use core::ops::Range;

use super::fuzzy::{Pattern, Start};
use super::grams::{GRAM, key};
use super::{ATTACH_CONFIDENCE, Anchorer, Anchoring, Candidate, context, old_byte};
use crate::annotation::Target;
use crate::article::Article;
use crate::sort::sort_numbers;

/// The error budget: one edited character in this many of the quote, at most.
const CHARS_PER_ERROR: usize = 4;
/// Longer quotes are only found exactly. The matcher spends one word operation per 64 characters
/// of quote for each character of text it reads, so this bounds its work per target.
const MAX_FUZZY_CHARS: usize = 2048;
/// Bytes searched either side of the old position.
const NEAR_BYTES: usize = 2048;
/// Pieces of the quote looked up in the gram index, at most.
const MAX_PIECES: usize = 32;
/// A piece found more often than this says little about where the quote went.
const MAX_PIECE_HITS: usize = 64;
/// Regions around piece hits searched, at most: those that the most hits point to.
const MAX_SEED_WINDOWS: usize = 8;
/// Matches whose start and context are weighed, at most: those with the fewest errors.
const MAX_CANDIDATES: usize = 16;
/// Characters that the text around a match may have gained and still be compared with the whole
/// of the target's context.
const CONTEXT_SLACK_CHARS: usize = 8;

/// How much each kind of evidence counts towards confidence; they add up to 1.
const QUOTE_WEIGHT: f32 = 0.5;
const CONTEXT_WEIGHT: f32 = 0.4;
const NEARNESS_WEIGHT: f32 = 0.1;
/// The context score of a target without context (a bare imported quote, or a whole article):
/// neither for nor against a candidate.
const UNKNOWN_CONTEXT: f32 = 0.5;
/// Nearness is one half at this many bytes from the old position.
const HALF_NEARNESS_BYTES: f32 = 1024.0;

/// Attaches the best candidate if it is confident enough; otherwise the target is an orphan.
pub(super) fn anchor(anchorer: &Anchorer<'_>, target: &Target) -> Anchoring {
    match best_candidate(anchorer, target) {
        Some(best) if best.confidence >= ATTACH_CONFIDENCE => Anchoring::Fuzzy {
            sentences: best.sentences,
            confidence: best.confidence,
        },
        best => Anchoring::Orphan { best },
    }
}

fn best_candidate(anchorer: &Anchorer<'_>, target: &Target) -> Option<Candidate> {
    let quote = target.exact.as_str();
    let chars = quote.chars().take(MAX_FUZZY_CHARS + 1).count();
    if chars > MAX_FUZZY_CHARS {
        return None;
    }
    let budget = chars / CHARS_PER_ERROR;
    if budget == 0 {
        return None;
    }
    let article = anchorer.article();
    let (prefix, suffix) = context(target);
    let search = Search {
        article,
        text: article.text(),
        quote: Pattern::new(quote.chars()),
        quote_bytes: quote.len(),
        reversed: Pattern::new(quote.chars().rev()),
        prefix: Pattern::new(prefix.chars().rev()),
        suffix: Pattern::new(suffix.chars()),
        budget,
        // The budget in bytes, for characters as wide as the quote's on average, and a gram more.
        margin: budget * quote.len().div_ceil(chars) + GRAM,
        old: old_byte(article, target),
    };
    // Where pieces of the quote still are, first. When that gives a confident candidate, the text
    // around the old position is left alone: a better match there would have lost every piece.
    let seeded = search.best_in(search.seed_windows(anchorer, quote));
    if seeded
        .as_ref()
        .is_some_and(|best| best.confidence >= ATTACH_CONFIDENCE)
    {
        return seeded;
    }
    let near = search.best_in(vec![search.near_window()]);
    [seeded, near]
        .into_iter()
        .flatten()
        .max_by(|a, b| a.confidence.total_cmp(&b.confidence))
}

/// The end of an approximate match (a byte offset) and its edit distance to the quote.
#[derive(Debug, Clone, Copy)]
struct Match {
    end: usize,
    distance: usize,
}

struct Search<'t> {
    article: &'t Article,
    text: &'t str,
    quote: Pattern,
    quote_bytes: usize,
    reversed: Pattern,
    /// The prefix reversed, to be matched backwards from a match's start.
    prefix: Pattern,
    suffix: Pattern,
    /// Most edits allowed, in characters.
    budget: usize,
    /// Bytes by which a match may be longer than the quote, and a piece's hit stray from where
    /// the quote starts.
    margin: usize,
    /// The old position, as a byte offset into this text.
    old: usize,
}

impl Search<'_> {
    /// The most confident candidate among the best matches in `windows` (sorted by start).
    fn best_in(&self, windows: Vec<Range<usize>>) -> Option<Candidate> {
        let expected_end = self.old + self.quote_bytes;
        let mut matches: Vec<Match> = Vec::new();
        for found in merged(self.text, windows)
            .into_iter()
            .flat_map(|window| self.matches_in(window))
        {
            keep_best(&mut matches, found, MAX_CANDIDATES, |m| {
                (m.distance, m.end.abs_diff(expected_end), m.end)
            });
        }
        matches
            .into_iter()
            .filter_map(|m| self.candidate(m))
            .max_by(|a, b| a.confidence.total_cmp(&b.confidence))
    }

    fn near_window(&self) -> Range<usize> {
        self.old.saturating_sub(NEAR_BYTES)
            ..self
                .old
                .saturating_add(self.quote_bytes + self.margin + NEAR_BYTES)
    }

    /// Windows around the places that pieces of the quote point to, where they are still in the
    /// text word for word.
    fn seed_windows(&self, anchorer: &Anchorer<'_>, quote: &str) -> Vec<Range<usize>> {
        let (Some(grams), Some(last)) = (anchorer.grams(), quote.len().checked_sub(GRAM)) else {
            return Vec::new();
        };
        let pieces = (last / GRAM + 1).min(MAX_PIECES);
        let text = self.text.as_bytes();
        // Where the quote would start, by each hit of each piece.
        let mut starts: Vec<usize> = Vec::new();
        for i in 0..pieces {
            let offset = ceil_char_boundary(quote, (last * i).checked_div(pieces - 1).unwrap_or(0));
            let Some(piece) = quote.as_bytes().get(offset..offset + GRAM) else {
                continue;
            };
            let hits = key(piece).map_or(&[][..], |key| grams.candidates(key));
            if hits.len() > MAX_PIECE_HITS {
                continue;
            }
            starts.extend(
                hits.iter()
                    .map(|&at| at as usize)
                    .filter(|&at| text.get(at..at + GRAM) == Some(piece))
                    .map(|at| at.saturating_sub(offset)),
            );
        }
        // Hits less than a margin apart may be of one match: count them in cells of that size.
        let cell = self.margin;
        sort_numbers(&mut starts);
        let mut cells: Vec<(usize, usize)> = Vec::new();
        for hits in starts.chunk_by(|a, b| a / cell == b / cell) {
            if let Some(first) = hits.first() {
                let at = first / cell * cell;
                keep_best(
                    &mut cells,
                    (hits.len(), at),
                    MAX_SEED_WINDOWS,
                    |&(hits, at)| (Reverse(hits), at.abs_diff(self.old), at),
                );
            }
        }
        let mut starts: Vec<usize> = cells.into_iter().map(|(_, at)| at).collect();
        sort_numbers(&mut starts);
        starts
            .into_iter()
            .map(|at| at.saturating_sub(self.margin)..at + cell + quote.len() + self.margin)
            .collect()
    }

    /// The best end of each run of text positions where the quote matches within the budget.
    fn matches_in(&self, window: Range<usize>) -> Vec<Match> {
        let Some(slice) = self.text.get(window.clone()) else {
            return Vec::new();
        };
        let ends = slice
            .char_indices()
            .map(|(at, c)| window.start + at + c.len_utf8());
        let mut found = Vec::new();
        let mut run: Option<Match> = None;
        for (end, distance) in ends.zip(self.quote.distances(slice.chars(), Start::Anywhere)) {
            if distance > self.budget {
                found.extend(run.take());
            } else if run.is_none_or(|best| distance < best.distance) {
                run = Some(Match { end, distance });
            }
        }
        found.extend(run);
        found
    }

    fn candidate(&self, found: Match) -> Option<Candidate> {
        let start = self.start_of(found.end)?;
        let sentences = sentences_covered(self.article, start..found.end)?;
        let quote = 1.0 - ratio(found.distance, self.quote.len());
        let context_chars = self.prefix.len() + self.suffix.len();
        let context = if context_chars == 0 {
            UNKNOWN_CONTEXT
        } else {
            let errors = self.prefix_distance(start) + self.suffix_distance(found.end);
            1.0 - ratio(errors, context_chars)
        };
        let nearness = 1.0 / (1.0 + start.abs_diff(self.old) as f32 / HALF_NEARNESS_BYTES);
        let confidence =
            QUOTE_WEIGHT * quote + CONTEXT_WEIGHT * context + NEARNESS_WEIGHT * nearness;
        Some(Candidate {
            sentences,
            confidence: confidence.clamp(0.0, 1.0),
        })
    }

    /// Where the match ending at `end` starts: the reversed quote matched backwards from there,
    /// with the fewest edits, and of those the length nearest the quote's.
    fn start_of(&self, end: usize) -> Option<usize> {
        let before = self.text.get(..end)?;
        let longest = self.quote.len() + self.budget;
        before
            .char_indices()
            .rev()
            .take(longest)
            .zip(
                self.reversed
                    .distances(before.chars().rev(), Start::AtTextStart),
            )
            .enumerate()
            .min_by_key(|&(taken, (_, distance))| {
                (distance, (taken + 1).abs_diff(self.quote.len()))
            })
            .map(|(_, ((start, _), _))| start)
    }

    /// Edits between the target's prefix and the text that ends at `start`.
    fn prefix_distance(&self, start: usize) -> usize {
        let before = self.text.get(..start).unwrap_or_default();
        let chars = before
            .chars()
            .rev()
            .take(self.prefix.len() + CONTEXT_SLACK_CHARS);
        // Taking no text at all costs the whole prefix.
        self.prefix
            .distances(chars, Start::AtTextStart)
            .fold(self.prefix.len(), usize::min)
    }

    /// Edits between the target's suffix and the text that starts at `end`.
    fn suffix_distance(&self, end: usize) -> usize {
        let after = self.text.get(end..).unwrap_or_default();
        let chars = after.chars().take(self.suffix.len() + CONTEXT_SLACK_CHARS);
        self.suffix
            .distances(chars, Start::AtTextStart)
            .fold(self.suffix.len(), usize::min)
    }
}

fn ratio(part: usize, whole: usize) -> f32 {
    (part as f32 / whole.max(1) as f32).min(1.0)
}

/// Inserts `item` among the `limit` best of `best` (kept in order, lowest key first), if it is one
/// of them.
fn keep_best<T, K: Ord>(best: &mut Vec<T>, item: T, limit: usize, key: impl Fn(&T) -> K) {
    let at = best.partition_point(|held| key(held) <= key(&item));
    if at < limit {
        best.insert(at, item);
        best.truncate(limit);
    }
}

/// The windows (sorted by start) on character boundaries within the text, overlapping or
/// touching ones joined, empty ones left out.
fn merged(text: &str, mut windows: Vec<Range<usize>>) -> Vec<Range<usize>> {
    for window in &mut windows {
        *window = floor_char_boundary(text, window.start)..ceil_char_boundary(text, window.end);
    }
    let mut joined: Vec<Range<usize>> = Vec::with_capacity(windows.len());
    for window in windows.into_iter().filter(|w| !w.is_empty()) {
        match joined.last_mut() {
            Some(last) if window.start <= last.end => last.end = last.end.max(window.end),
            _ => joined.push(window),
        }
    }
    joined
}

fn floor_char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// The sentences a match covers: those it overlaps, less a sentence at either edge of which it
/// holds under half (a match may stray a few characters across a boundary), and at least one.
fn sentences_covered(article: &Article, bytes: Range<usize>) -> Option<Range<usize>> {
    let sentences = article.sentences();
    let mut first = sentences.partition_point(|s| s.end <= bytes.start);
    let mut end = sentences.partition_point(|s| s.start < bytes.end);
    let overlap = |sid: usize| {
        sentences.get(sid).map_or((0, 0), |s| {
            let shared = s
                .end
                .min(bytes.end)
                .saturating_sub(s.start.max(bytes.start));
            (shared, s.len())
        })
    };
    let is_mostly_covered = |(shared, len): (usize, usize)| 2 * shared >= len;
    while end > first + 1 {
        let (head, tail) = (overlap(first), overlap(end - 1));
        if !is_mostly_covered(head) && (is_mostly_covered(tail) || head.0 <= tail.0) {
            first += 1;
        } else if !is_mostly_covered(tail) {
            end -= 1;
        } else {
            break;
        }
    }
    (first < end).then_some(first..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_match_straying_across_a_boundary_keeps_to_the_sentence_it_covers() {
        let article = Article::parse("T\n\nThe first one is here. The second one is here.");
        let second = article.sentences()[2].clone();
        let covered = |bytes: Range<usize>| sentences_covered(&article, bytes);
        assert_eq!(covered(second.start - 3..second.end), Some(2..3));
        assert_eq!(covered(second.start + 4..second.end - 2), Some(2..3));
        let first = article.sentences()[1].clone();
        assert_eq!(covered(first.start..second.end), Some(1..3));
        assert_eq!(covered(first.end - 8..second.start + 6), Some(1..2));
        assert_eq!(covered(0..0), None);
    }

    #[test]
    fn windows_are_joined_and_kept_on_character_boundaries() {
        let text = "aé🙂b";
        assert_eq!(merged(text, vec![0..2, 4..5, 9..20]), vec![0..7]);
        assert_eq!(merged(text, vec![0..1, 7..8]), vec![0..1, 7..8]);
        assert_eq!(merged(text, vec![]), Vec::<Range<usize>>::new());
    }
}
