//! Panic-free views of the text on either side of a candidate boundary.
//!
//! Every function here takes byte offsets and goes through `str::get`, so an offset that is out of
//! range or inside a character yields "nothing there" instead of a panic.

/// How far the rules look for a word on either side of a candidate. Longer runs are never
/// abbreviations or list markers, and the bound keeps pathological input (megabytes without a
/// space) linear.
const MAX_WORD: usize = 64;

/// How far an address (URL or e-mail) is followed on either side of a glued full stop.
const MAX_ADDRESS: usize = 256;

pub(super) fn char_at(text: &str, at: usize) -> Option<char> {
    text.get(at..)?.chars().next()
}

pub(super) fn char_before(text: &str, at: usize) -> Option<char> {
    text.get(..at)?.chars().next_back()
}

/// Closing quotes and brackets, which stay with the sentence they close.
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | ')'
            | ']'
            | '}'
            | '”'
            | '’'
            | '»'
            | '›'
            | '」'
            | '』'
            | '）'
            | '】'
            | '〕'
            | '》'
            | '〉'
    )
}

/// Opening quotes and brackets (and Spanish ¿ ¡), skipped to find the first word after them.
fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '('
            | '['
            | '{'
            | '“'
            | '‘'
            | '„'
            | '‚'
            | '«'
            | '‹'
            | '¿'
            | '¡'
            | '「'
            | '『'
            | '（'
            | '【'
            | '〔'
            | '《'
            | '〈'
    )
}

/// Quotation marks that can close a quotation.
fn is_quote(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | '›' | '」' | '』')
}

/// Letters of any script and ASCII digits. (Other digits are rare in running text, and leaving
/// them out keeps Unicode's numeric table out of the WebAssembly binary.)
fn is_word_char(c: char) -> bool {
    c.is_alphabetic() || c.is_ascii_digit()
}

/// List bullets, each of which opens a new item.
pub(super) fn is_bullet(c: char) -> bool {
    matches!(c, '•' | '‣' | '⁃' | '◦' | '▪' | '●')
}

/// Skips the closing quotes and brackets at `at`; returns where they end and whether a quote was
/// among them.
pub(super) fn skip_closers(text: &str, at: usize) -> (usize, bool) {
    let rest = text.get(at..).unwrap_or("");
    let mut body = rest.trim_start_matches(is_closer);
    // French sets closing guillemets off with a space: « Il est parti. » A guillemet followed by
    // a letter opens a quotation instead, as German »…« do.
    if let Some(after) = body
        .strip_prefix(char::is_whitespace)
        .and_then(|spaced| spaced.strip_prefix(['»', '›']))
        .filter(|after| !after.starts_with(is_word_char))
    {
        body = after.trim_start_matches(is_closer);
    }
    let closers = rest.get(..rest.len() - body.len()).unwrap_or("");
    (at + closers.len(), closers.chars().any(is_quote))
}

/// Whether `word` is (part of) a web or e-mail address, whose periods are not full stops.
pub(super) fn is_address(word: &str) -> bool {
    word.contains('@') || word.contains("://") || word.starts_with("www.")
}

/// The run of non-white-space text around `at`, at most [`MAX_ADDRESS`] bytes either way.
pub(super) fn run_around(text: &str, at: usize) -> &str {
    let head = text.get(..at).unwrap_or("");
    let tail = text.get(at..).unwrap_or("");
    let start = head
        .char_indices()
        .rev()
        .take_while(|&(i, c)| !c.is_whitespace() && at - i <= MAX_ADDRESS)
        .last()
        .map_or(at, |(i, _)| i);
    let end = tail
        .char_indices()
        .take_while(|&(i, c)| !c.is_whitespace() && i <= MAX_ADDRESS)
        .last()
        .map_or(at, |(i, c)| at + i + c.len_utf8());
    text.get(start..end).unwrap_or("")
}

/// The word that ends right before a candidate stop.
#[derive(Clone, Copy, Debug)]
pub(super) struct Token<'a> {
    /// Where the word starts, after any opening quotes, brackets or bullets.
    pub start: usize,
    /// The word, empty if there is none or it is longer than [`MAX_WORD`] bytes.
    pub word: &'a str,
    /// Whether the word follows white space (or the start of the text) directly.
    pub spaced: bool,
}

impl<'a> Token<'a> {
    /// The run of non-white-space text that ends at `at` and starts at `floor` or later, without
    /// its leading openers. `floor` is the start of the sentence: a word glued to the end of the
    /// previous one ("Tuesday.Mr.") is read from there.
    pub(super) fn before(text: &'a str, floor: usize, at: usize) -> Self {
        let none = Token {
            start: at,
            word: "",
            spaced: false,
        };
        let Some(head) = text.get(floor..at) else {
            return none;
        };
        let mut start = head.len();
        for (i, c) in head.char_indices().rev() {
            if c.is_whitespace() {
                break;
            }
            if head.len() - i > MAX_WORD {
                return none;
            }
            start = i;
        }
        let raw = head.get(start..).unwrap_or("");
        let word = raw.trim_start_matches(|c| is_opener(c) || is_bullet(c));
        Token {
            start: at - word.len(),
            word,
            spaced: word.len() == raw.len(),
        }
    }
}

/// How the word after a candidate stop begins.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Shape {
    /// Nothing but white space follows.
    End,
    /// A lower-case letter: the sentence goes on ("Yahoo! in", "co. at noon").
    Lower,
    /// A capital, a camel-cased brand ("iPhone", "eBay") or a letter of a script without case.
    Upper,
    /// An ASCII digit, or a currency sign before one ("$3.5").
    Digit,
    /// Anything else: a dash, a symbol, an emoji.
    Other,
}

/// The first word after a candidate stop and its closers.
#[derive(Clone, Copy, Debug)]
pub(super) struct NextWord<'a> {
    pub shape: Shape,
    /// Its leading letters and digits (at most about [`MAX_WORD`] bytes), for word-list look-ups.
    pub word: &'a str,
    /// The offset right after `word`.
    pub end: usize,
    /// Whether white space separates it from the stop.
    pub spaced: bool,
}

impl<'a> NextWord<'a> {
    /// The word at or after `at`, skipping white space and opening quotes and brackets.
    pub(super) fn at(text: &'a str, at: usize) -> Self {
        let rest = text.get(at..).unwrap_or("");
        let trimmed = rest.trim_start();
        let body = trimmed.trim_start_matches(is_opener);
        let start = at + rest.len() - body.len();
        let len = body
            .char_indices()
            .find(|&(i, c)| !is_word_char(c) || i > MAX_WORD)
            .map_or(body.len(), |(i, _)| i);
        let mut chars = body.chars();
        let (first, second) = (chars.next(), chars.next());
        let shape = match first {
            None => Shape::End,
            Some(c) if c.is_lowercase() => {
                if second.is_some_and(char::is_uppercase) {
                    Shape::Upper
                } else {
                    Shape::Lower
                }
            }
            Some(c) if c.is_alphabetic() => Shape::Upper,
            Some(c) if c.is_ascii_digit() => Shape::Digit,
            Some('$' | '€' | '£' | '¥' | '₹' | '₽')
                if second.is_some_and(|c| c.is_ascii_digit()) =>
            {
                Shape::Digit
            }
            Some(_) => Shape::Other,
        };
        NextWord {
            shape,
            word: body.get(..len).unwrap_or(""),
            end: start + len,
            spaced: trimmed.len() < rest.len(),
        }
    }

    /// Whether the word starts with a capital and goes on in lower case ("Today", "Mr").
    pub(super) fn is_capitalised(&self) -> bool {
        let mut chars = self.word.chars();
        chars.next().is_some_and(char::is_uppercase) && chars.next().is_some_and(char::is_lowercase)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_strips_openers_and_bullets() {
        let text = "said (“Mr.";
        let token = Token::before(text, 0, text.len() - 1);
        assert_eq!(token.word, "Mr");
        assert!(!token.spaced);
        let token = Token::before("item 2.", 0, 6);
        assert_eq!((token.word, token.start, token.spaced), ("2", 5, true));
    }

    #[test]
    fn next_word_shapes() {
        assert_eq!(NextWord::at(" “The", 0).shape, Shape::Upper);
        assert_eq!(NextWord::at(" iPhone", 0).shape, Shape::Upper);
        assert_eq!(NextWord::at(" in", 0).shape, Shape::Lower);
        assert_eq!(NextWord::at(" $5", 0).shape, Shape::Digit);
        assert_eq!(NextWord::at(" —", 0).shape, Shape::Other);
        assert_eq!(NextWord::at("  ", 0).shape, Shape::End);
        let next = NextWord::at(" (Smith 55)", 0);
        assert_eq!((next.word, next.end, next.spaced), ("Smith", 7, true));
    }

    #[test]
    fn run_around_stops_at_white_space() {
        let text = "mail Jane.Doe@example.com now";
        assert_eq!(run_around(text, 9), "Jane.Doe@example.com");
    }
}
