//! The decisions: does this full stop end its sentence, and is this token a list marker?

use super::lexicon::{self, Abbreviation};
use super::text::{NextWord, Shape, Token, char_at};

/// What the word before a full stop says about the stop.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Before {
    /// An ordinary word, a number or an address: the stop ends the sentence unless the next word
    /// is in lower case.
    Word,
    /// A title written before a name ("Mr.", "Gen.", "Mt."): a name follows, so never an end.
    Title,
    /// "No.", "Jan.": an abbreviation before a number, an ordinary word before anything else.
    NumberAbbreviation,
    /// An abbreviation, dotted acronym or initial that often sits mid-sentence ("Inc.", "U.S.",
    /// "E."): it ends the sentence only before a word that typically opens one.
    Abbreviation,
    /// "a.m.", "etc.", "lbs.": usually the last word of a clause, so a capital after it starts a
    /// sentence.
    Closing,
}

/// Classifies the word before a full stop; `floor` is where the sentence began.
pub(super) fn classify(text: &str, floor: usize, token: &Token) -> Before {
    let word = token.word;
    match lexicon::abbreviation(word) {
        Some(Abbreviation::Title) => Before::Title,
        Some(Abbreviation::StreetTitle) => {
            // "Main St.", "5th St.": after a name or number it is a street, not a title.
            let after_name = previous_word(text, floor, token)
                .and_then(|word| word.chars().next())
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
            if after_name {
                Before::Abbreviation
            } else {
                Before::Title
            }
        }
        Some(Abbreviation::Mid) => Before::Abbreviation,
        Some(Abbreviation::Number) => Before::NumberAbbreviation,
        Some(Abbreviation::Closing) => Before::Closing,
        None if is_initial(text, floor, token) || is_dotted(word) => Before::Abbreviation,
        // Addresses never look like initials or dotted abbreviations: their parts are longer or
        // hold '@', ':' or '/'.
        None => Before::Word,
    }
}

/// The word before `token` in the same sentence, if any.
fn previous_word<'a>(text: &'a str, floor: usize, token: &Token) -> Option<&'a str> {
    let head = text.get(floor..token.start)?;
    let end = floor + head.trim_end().len();
    let word = Token::before(text, floor, end).word;
    (!word.is_empty()).then_some(word)
}

/// A single letter: a lower-case one abbreviates ("p. 55", "c. 1900"); a capital is an initial
/// when it opens the sentence or follows a name or another initial ("Jonas E. Smith",
/// "J. K. Rowling"), but not after a number or a lower-case word ("hit 40 C.", "you and I.").
fn is_initial(text: &str, floor: usize, token: &Token) -> bool {
    let mut chars = token.word.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if c.is_lowercase() => true,
        (Some(c), None) if c.is_alphabetic() => previous_word(text, floor, token)
            .and_then(|word| word.chars().next())
            .is_none_or(char::is_uppercase),
        _ => false,
    }
}

/// Letters in groups of one or two joined by periods: "U.S", "e.g", "Ph.D", "U.S.A".
fn is_dotted(word: &str) -> bool {
    word.contains('.')
        && word.split('.').all(|part| {
            let mut letters = part.chars();
            letters.next().is_some_and(char::is_alphabetic)
                && letters.next().is_none_or(char::is_alphabetic)
                && letters.next().is_none()
        })
}

/// Whether a word that opens a sentence far more often than it continues a name follows:
/// "the U.S. How …", "and co. They …", "the E.U. Mr. Smith …".
pub(super) fn opens_sentence(text: &str, next: &NextWord) -> bool {
    let dotted = char_at(text, next.end) == Some('.');
    let initial = dotted && next.word.chars().nth(1).is_none();
    !initial && (lexicon::is_starter(next.word) || dotted && lexicon::is_title(next.word))
}

/// Whether a verb of speaking, perhaps after an adverb, follows `at`: "“Why?” Smith asked",
/// "“I’m done!” Assad reportedly told aides".
pub(super) fn speech_follows(text: &str, at: usize) -> bool {
    let lower_word =
        |at| Some(NextWord::at(text, at)).filter(|w| w.spaced && w.shape == Shape::Lower);
    let Some(verb) = lower_word(at) else {
        return false;
    };
    lexicon::is_speech_verb(verb.word)
        || verb.word.ends_with("ly")
            && lower_word(verb.end).is_some_and(|verb| lexicon::is_speech_verb(verb.word))
}

/// Whether a full stop after `before`, followed by white space and `next`, ends the sentence.
/// `fronted` tells whether the sentence so far is only a fronted phrase ("At 5 a.m.").
pub(super) fn period_ends(
    text: &str,
    before: Before,
    next: &NextWord,
    fronted: impl FnOnce() -> bool,
) -> bool {
    match (before, next.shape) {
        (_, Shape::End | Shape::Lower) | (Before::Title, _) => false,
        (Before::Word, _) => true,
        (Before::NumberAbbreviation, shape) => shape != Shape::Digit,
        (Before::Abbreviation, Shape::Upper) => opens_sentence(text, next),
        // "at 6 p.m. Mr. Smith left" ends a sentence, "At 5 a.m. Mr. Smith left" and
        // "at 9 a.m. ET" do not.
        (Before::Closing, Shape::Upper) => !lexicon::is_time_zone(next.word) && !fronted(),
        (Before::Abbreviation | Before::Closing, Shape::Digit | Shape::Other) => false,
    }
}

/// The punctuation after a list marker's number or letter.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum MarkerStyle {
    /// "1."
    Dot,
    /// "1.)"
    DotParen,
    /// "1)"
    Paren,
}

/// A list item's number or letter and how it is written.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) struct Marker {
    ordinal: Ordinal,
    style: MarkerStyle,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Ordinal {
    Number(u16),
    Letter(u8),
}

impl Marker {
    /// Reads "1" to "999" or a single lower-case ASCII letter as a marker.
    pub(super) fn parse(word: &str, style: MarkerStyle) -> Option<Self> {
        let bytes = word.as_bytes();
        let ordinal = match bytes {
            [letter] if letter.is_ascii_lowercase() => Ordinal::Letter(*letter),
            [_, ..] if bytes.len() <= 3 && bytes.iter().all(u8::is_ascii_digit) => {
                Ordinal::Number(word.parse().ok()?)
            }
            _ => return None,
        };
        Some(Marker { ordinal, style })
    }

    /// The marker of the next item: "2." after "1.", "b)" after "a)".
    pub(super) fn successor(self) -> Option<Self> {
        let ordinal = match self.ordinal {
            Ordinal::Number(n) => Ordinal::Number(n.checked_add(1)?),
            Ordinal::Letter(b'z') => return None,
            Ordinal::Letter(letter) => Ordinal::Letter(letter + 1),
        };
        Some(Marker { ordinal, ..self })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class(text: &str) -> Before {
        classify(text, 0, &Token::before(text, 0, text.len()))
    }

    #[test]
    fn classifies_the_word_before_a_stop() {
        assert_eq!(class("met Dr"), Before::Title);
        assert_eq!(class("on Main St"), Before::Abbreviation);
        assert_eq!(class("in the U.S"), Before::Abbreviation);
        assert_eq!(class("a Ph.D"), Before::Abbreviation);
        assert_eq!(class("Jonas E"), Before::Abbreviation);
        assert_eq!(class("E"), Before::Abbreviation);
        assert_eq!(class("to p"), Before::Abbreviation);
        assert_eq!(class("you and I"), Before::Word);
        assert_eq!(class("hit 40 C"), Before::Word);
        assert_eq!(class("St"), Before::Title);
        assert_eq!(class("Jan"), Before::NumberAbbreviation);
        assert_eq!(class("5 lbs"), Before::Closing);
        assert_eq!(class("at 5 p.m"), Before::Closing);
        assert_eq!(class("No"), Before::NumberAbbreviation);
        assert_eq!(class("worth $100.00"), Before::Word);
        assert_eq!(class("is Jane.Doe@example.com"), Before::Word);
        assert_eq!(class("the example.com"), Before::Word);
    }

    #[test]
    fn markers_count_up() {
        let one = Marker::parse("1", MarkerStyle::Dot);
        assert_eq!(
            one.and_then(Marker::successor),
            Marker::parse("2", MarkerStyle::Dot)
        );
        let a = Marker::parse("a", MarkerStyle::Paren);
        assert_eq!(
            a.and_then(Marker::successor),
            Marker::parse("b", MarkerStyle::Paren)
        );
        assert_eq!(
            Marker::parse("z", MarkerStyle::Dot).and_then(Marker::successor),
            None
        );
        assert_eq!(Marker::parse("1990", MarkerStyle::Dot), None);
        assert_eq!(Marker::parse("A", MarkerStyle::Dot), None);
    }
}
