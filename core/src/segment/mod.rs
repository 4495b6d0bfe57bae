//! Sentence segmentation.
//!
//! [`sentences`] returns byte ranges into the caller's text, never copies, so a sentence can always
//! be traced back to its exact source.
//!
//! The segmenter walks the bytes with a 256-entry table and stops only at the few that can end a
//! sentence: `.`, `!`, `?`, `)` (list markers), a newline (blank lines), and the lead bytes of
//! `…`, CJK and other scripts' full stops and bullets. At each such candidate it looks at the word
//! before and the word after (see [`rules`]) and decides whether to cut there. Cuts are then
//! turned into ranges trimmed of white space, so every non-white-space character lands in exactly
//! one sentence whatever the rules decide.
//!
//! A single line break is hard wrapping and counts as a space; a blank line always ends the
//! sentence. No rule allocates: the only allocation is the returned vector.

mod language;
mod lexicon;
mod rules;
mod text;

pub use language::Language;

use core::ops::Range;

use rules::{Before, Marker, MarkerStyle};
use text::{NextWord, Shape, Token, char_at, char_before, is_bullet, skip_closers};

/// The sentences of `text` as byte ranges, in order, non-overlapping, each trimmed of surrounding
/// white space and starting and ending on `char` boundaries. Every non-white-space character of
/// `text` lies in exactly one range.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    Segmenter {
        text,
        out: Vec::new(),
        start: 0,
        content: None,
        list: None,
    }
    .run()
}

/// Bytes worth a closer look: ASCII stops, `)`, newlines, and the lead bytes of the multi-byte
/// stops, bullets and line separators handled in [`Segmenter::non_ascii`].
static CANDIDATE: [bool; 256] = {
    let mut table = [false; 256];
    let mut bytes: &[u8] = b".!?)\n\xD8\xDB\xE0\xE1\xE2\xE3\xEF";
    while let [byte, rest @ ..] = bytes {
        table[*byte as usize] = true;
        bytes = rest;
    }
    table
};

/// How many words a fronted phrase ("Shortly after 9 p.m.") may have.
const FRONTED_WORDS: usize = 6;

struct Segmenter<'a> {
    text: &'a str,
    out: Vec<Range<usize>>,
    /// Where the current sentence began: the last cut.
    start: usize,
    /// The current sentence's first position that is neither white space nor a bullet, once
    /// looked up.
    content: Option<usize>,
    /// The marker the next list item would have, once a sentence opened with "1." or "a)".
    list: Option<Marker>,
}

impl Segmenter<'_> {
    fn run(mut self) -> Vec<Range<usize>> {
        let bytes = self.text.as_bytes();
        let mut at = 0;
        while let Some(found) = bytes
            .get(at..)
            .and_then(|rest| rest.iter().position(|&b| CANDIDATE[usize::from(b)]))
        {
            let candidate = at + found;
            at = self.candidate(candidate).max(candidate + 1);
        }
        self.cut(self.text.len());
        self.out
    }

    /// Handles the candidate byte at `at`; returns where to resume scanning.
    fn candidate(&mut self, at: usize) -> usize {
        match self.text.as_bytes().get(at) {
            Some(b'.') => self.dots(at),
            Some(b'!' | b'?') => self.exclamation(at),
            Some(b')') => self.paren(at),
            Some(b'\n') => self.line_break(at, 1),
            _ => self.non_ascii(at),
        }
    }

    fn non_ascii(&mut self, at: usize) -> usize {
        let Some(c) = char_at(self.text, at) else {
            return at + 1;
        };
        let next = at + c.len_utf8();
        match c {
            '…' => self.dots(at),
            '‼' | '⁇' | '⁈' | '⁉' => self.exclamation(at),
            '\u{2028}' => self.line_break(at, c.len_utf8()),
            '\u{2029}' => {
                self.paragraph_break(at);
                next
            }
            c if is_hard_stop(c) => self.hard_stop(at),
            c if is_bullet(c) => {
                // A bullet after white space opens a list item: "• 9. The first item • 10. …"
                if char_before(self.text, at).is_none_or(char::is_whitespace) {
                    self.cut(at);
                }
                next
            }
            _ => next,
        }
    }

    /// Ends the current sentence at `at`, recording it trimmed if it is not blank.
    fn cut(&mut self, at: usize) {
        let Some(piece) = self.text.get(self.start..at) else {
            return;
        };
        let body = piece.trim_start();
        let from = self.start + (piece.len() - body.len());
        let body = body.trim_end();
        if !body.is_empty() {
            self.out.push(from..from + body.len());
        }
        self.start = at;
        self.content = None;
    }

    fn paragraph_break(&mut self, at: usize) {
        self.cut(at);
        self.list = None;
    }

    /// The current sentence's first position that is neither white space nor a bullet.
    fn content_start(&mut self) -> usize {
        if let Some(content) = self.content {
            return content;
        }
        let rest = self.text.get(self.start..).unwrap_or("");
        let skipped = rest
            .find(|c: char| !c.is_whitespace() && !is_bullet(c))
            .unwrap_or(rest.len());
        let content = self.start + skipped;
        self.content = Some(content);
        content
    }

    /// Whether the sentence up to `at` is only a short fronted phrase such as "At 5 a.m." or
    /// "Shortly after 9 p.m.", which introduces the clause after it.
    fn fronted(&mut self, at: usize) -> bool {
        let from = self.content_start();
        let mut words = self.text.get(from..at).unwrap_or("").split_whitespace();
        words.next().is_some_and(lexicon::is_fronting)
            && words.take(FRONTED_WORDS).count() < FRONTED_WORDS
    }

    /// A blank line (a line break followed by white space holding another one) always ends the
    /// sentence; a single line break is hard wrapping and counts as a space.
    fn line_break(&mut self, at: usize, len: usize) -> usize {
        let rest = self.text.get(at + len..).unwrap_or("");
        let blank = rest
            .chars()
            .take_while(|c| c.is_whitespace())
            .any(|c| matches!(c, '\n' | '\u{2028}' | '\u{2029}'));
        if blank {
            self.paragraph_break(at);
        }
        at + len
    }

    /// A run of periods and ellipses at `at`: a full stop, an ellipsis, or both.
    fn dots(&mut self, at: usize) -> usize {
        let run = Dots::at(self.text, at);
        if run.count == 1 {
            return self.period(at);
        }
        let text = self.text;
        let before = char_before(text, at);
        // "[...]" marks words left out of a quotation, never the end of a sentence.
        if matches!(before, Some('[' | '(')) && matches!(char_at(text, run.end), Some(']' | ')')) {
            return run.end + 1;
        }
        let (end, _) = skip_closers(text, run.end);
        // An ellipsis opening a sentence leads into it: ". . . The practice was not abandoned."
        if self.content_start() >= at {
            return end;
        }
        let attached = before.is_some_and(|c| !c.is_whitespace());
        let next = NextWord::at(text, end);
        if attached && run.spaced && text.as_bytes().get(at) == Some(&b'.') {
            // "compounds. . . . The practice": a full stop, then an ellipsis that opens the next
            // sentence, which the stop ends only if something follows the ellipsis.
            let token = Token::before(text, self.start, at);
            if matches!(next.shape, Shape::Upper | Shape::Digit)
                && rules::period_ends(
                    text,
                    rules::classify(text, self.start, &token),
                    &next,
                    || self.fronted(at),
                )
            {
                self.cut(at + 1);
            }
            return end;
        }
        let ends = match next.shape {
            Shape::End | Shape::Lower => false,
            // Four dots are an ellipsis and a full stop: "I never meant that.... She left."
            _ if run.count >= 4 => next.spaced || next.is_capitalised(),
            // Three dots after a word trail off; before a capital they end the sentence. Three
            // dots between spaces mark an omission inside it: "the thing is . . . I didn't".
            Shape::Upper => attached && !run.spaced && next.spaced,
            _ => false,
        };
        if ends {
            self.cut(end);
        }
        end
    }

    /// A single period at `at`.
    fn period(&mut self, at: usize) -> usize {
        let text = self.text;
        let token = Token::before(text, self.start, at);
        if let Some(end) = self.dotted_marker(&token, at + 1) {
            return end;
        }
        let (end, _) = skip_closers(text, at + 1);
        let next = NextWord::at(text, end);
        if !next.spaced {
            // Decimals, "e.g.,", addresses and "Jr.'s" go on; "world.Today" does not.
            if self.glued(at, &token, &next) {
                self.cut(end);
            }
        } else if rules::period_ends(
            text,
            rules::classify(text, self.start, &token),
            &next,
            || self.fronted(at),
        ) {
            self.cut(end);
        }
        end
    }

    /// Whether a stop at `at` with no space before `next` still ends the sentence, as in
    /// "Hello world.Today is Tuesday.": a lower-case word or a number before it, a capitalised
    /// word after it, and no web or e-mail address around it.
    fn glued(&self, at: usize, token: &Token, next: &NextWord) -> bool {
        next.is_capitalised()
            && char_before(self.text, at).is_some_and(|c| c.is_lowercase() || c.is_ascii_digit())
            && rules::classify(self.text, self.start, token) == Before::Word
            && !text::is_address(text::run_around(self.text, at))
    }

    /// A run of `!` and `?` at `at`.
    fn exclamation(&mut self, at: usize) -> usize {
        let text = self.text;
        let rest = text.get(at..).unwrap_or("");
        let run = rest.find(|c| !is_exclamation(c)).unwrap_or(rest.len());
        let (end, quoted) = skip_closers(text, at + run);
        let next = NextWord::at(text, end);
        let ends = if !next.spaced {
            self.glued(at, &Token::before(text, self.start, at), &next)
        } else {
            match next.shape {
                // "She works at Yahoo! in accounting", "“Why?” he asked."
                Shape::End | Shape::Lower => false,
                // "“Why?” Smith asked.": a quotation, its speaker and a verb of speaking.
                Shape::Upper if quoted && !rules::opens_sentence(text, &next) => {
                    !rules::speech_follows(text, next.end)
                }
                _ => true,
            }
        };
        if ends {
            self.cut(end);
        }
        end
    }

    /// A full stop of a script that needs no space after it (。！？, ؟, ।): always a boundary.
    fn hard_stop(&mut self, at: usize) -> usize {
        let rest = self.text.get(at..).unwrap_or("");
        let run = rest
            .find(|c| !(is_hard_stop(c) || is_exclamation(c) || c == '.'))
            .unwrap_or(rest.len());
        let (end, _) = skip_closers(self.text, at + run);
        self.cut(end);
        end
    }

    /// A period after a number or letter, as in "1." or "1.)": a list marker if it opens the
    /// sentence or is the next one of the current list.
    fn dotted_marker(&mut self, token: &Token, after: usize) -> Option<usize> {
        if self.text.as_bytes().get(after) == Some(&b')') {
            self.marker(token, MarkerStyle::DotParen, after + 1)
        } else {
            self.marker(token, MarkerStyle::Dot, after)
        }
    }

    /// A `)` at `at`: maybe a list marker such as "2)".
    fn paren(&mut self, at: usize) -> usize {
        let bytes = self.text.as_bytes();
        let after_marker_char = at
            .checked_sub(1)
            .and_then(|i| bytes.get(i))
            .is_some_and(|b| b.is_ascii_digit() || b.is_ascii_lowercase());
        if after_marker_char {
            let token = Token::before(self.text, self.start, at);
            if let Some(end) = self.marker(&token, MarkerStyle::Paren, at + 1) {
                return end;
            }
        }
        at + 1
    }

    /// Handles `token` followed by list-marker punctuation ending at `end`. A marker that opens
    /// the sentence starts or continues a list; the next marker of that list, after white space,
    /// starts a new item even without a full stop before it ("1) The first item 2) The second").
    /// Returns where to resume if it was a marker.
    fn marker(&mut self, token: &Token, style: MarkerStyle, end: usize) -> Option<usize> {
        if !char_at(self.text, end).is_some_and(char::is_whitespace) {
            return None;
        }
        let marker = Marker::parse(token.word, style)?;
        if token.start != self.content_start() {
            if !(token.spaced && self.list == Some(marker)) {
                return None;
            }
            self.cut(token.start);
        }
        self.list = marker.successor();
        Some(end)
    }
}

/// A run of dots at a candidate: "." or "..." or "…" or ". . . .".
struct Dots {
    /// Where the run ends.
    end: usize,
    /// How many dots it holds, counting "…" as three.
    count: usize,
    /// Whether the dots are separated by spaces, as in ". . .".
    spaced: bool,
}

impl Dots {
    fn at(text: &str, at: usize) -> Self {
        let bytes = text.as_bytes();
        let (mut end, mut count) = (at, 0);
        loop {
            if bytes.get(end) == Some(&b'.') {
                end += 1;
                count += 1;
            } else if text.get(end..).is_some_and(|rest| rest.starts_with('…')) {
                end += '…'.len_utf8();
                count += 3;
            } else {
                break;
            }
        }
        // Dots separated by single spaces (or the line break of a wrapped line): ". . .".
        let (mut spaced_end, mut spaced) = (end, 0);
        while matches!(bytes.get(spaced_end), Some(b' ' | b'\n'))
            && bytes.get(spaced_end + 1) == Some(&b'.')
        {
            spaced_end += 2;
            spaced += 1;
        }
        if spaced >= 2 {
            Dots {
                end: spaced_end,
                count: count + spaced,
                spaced: true,
            }
        } else {
            Dots {
                end,
                count,
                spaced: false,
            }
        }
    }
}

fn is_exclamation(c: char) -> bool {
    matches!(c, '!' | '?' | '‼' | '⁇' | '⁈' | '⁉')
}

/// Full stops of scripts that put no space after them, or whose stop is unambiguous.
fn is_hard_stop(c: char) -> bool {
    matches!(c, '。' | '｡' | '！' | '？' | '؟' | '۔' | '।' | '॥' | '።')
}
