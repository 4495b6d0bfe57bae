//! The small word lists the boundary rules consult.
//!
//! Every list is a sorted slice of lower-case entries, searched by binary search with the word
//! folded to lower-case ASCII on the stack, so the lists cost a few kilobytes of read-only data,
//! no start-up work and no allocation. Abbreviations are written without their final period.

/// What an abbreviation says about the period after it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Abbreviation {
    /// Written before a name ("Mr. Smith", "Gen. Jones", "Mt. Fuji"): a name must follow.
    Title,
    /// A title that doubles as the last word of an address ("Dr. Who" but "Sunset Dr.").
    StreetTitle,
    /// Abbreviates before a number ("No. 5", "Jan. 5", "ext. 12", "ca. 1900"); before a word it
    /// ends the sentence as an ordinary word would ("The answer was no.", "in Nov. Economists").
    Number,
    /// Usually closes its clause, so it rarely stands before a name: "9 a.m.", "etc.", units
    /// after a number ("5 lbs.", "3 pct.").
    Closing,
    /// Can sit mid-sentence, before a name: companies, U.S. states (AP style), street types,
    /// scholarly shorthand. Real English words ("ill", "mass", "wash") are left out: they end
    /// sentences far more often than they abbreviate.
    Mid,
}

use Abbreviation::{Closing, Mid, Number, StreetTitle, Title};

const ABBREVIATIONS: &[(&str, Abbreviation)] = &[
    ("a.m", Closing),
    ("adm", Title),
    ("al", Mid),
    ("ala", Mid),
    ("approx", Mid),
    ("apr", Number),
    ("apt", Mid),
    ("ariz", Mid),
    ("art", Number),
    ("assn", Mid),
    ("assoc", Mid),
    ("asst", Mid),
    ("atty", Title),
    ("attys", Title),
    ("aug", Number),
    ("ave", Mid),
    ("avg", Mid),
    ("bldg", Mid),
    ("blvd", Mid),
    ("brig", Title),
    ("bros", Mid),
    ("ca", Number),
    ("calif", Mid),
    ("capt", Title),
    ("cf", Mid),
    ("ch", Number),
    ("chap", Number),
    ("cie", Mid),
    ("cmdr", Title),
    ("co", Mid),
    ("col", Title),
    ("colo", Mid),
    ("comdr", Title),
    ("conn", Mid),
    ("corp", Mid),
    ("cos", Mid),
    ("cpl", Title),
    ("dec", Number),
    ("dept", Mid),
    ("det", Title),
    ("dist", Mid),
    ("div", Mid),
    ("dr", StreetTitle),
    ("ed", Mid),
    ("eds", Mid),
    ("esp", Mid),
    ("esq", Mid),
    ("est", Number),
    ("etc", Closing),
    ("ext", Number),
    ("feb", Number),
    ("fig", Number),
    ("figs", Number),
    ("fla", Mid),
    ("fr", Title),
    ("fri", Number),
    ("ft", Mid),
    ("fwy", Mid),
    ("ga", Mid),
    ("gen", Title),
    ("gov", Title),
    ("govt", Mid),
    ("hon", Title),
    ("hr", Closing),
    ("hrs", Closing),
    ("hwy", Mid),
    ("inc", Mid),
    ("incl", Mid),
    ("insp", Title),
    ("intl", Mid),
    ("jan", Number),
    ("jr", Mid),
    ("jul", Number),
    ("jun", Number),
    ("kan", Mid),
    ("kans", Mid),
    ("ky", Mid),
    ("lb", Closing),
    ("lbs", Closing),
    ("lt", Title),
    ("ltd", Mid),
    ("maj", Title),
    ("mar", Number),
    ("md", Mid),
    ("messrs", Title),
    ("mfg", Mid),
    ("mgr", Mid),
    ("mich", Mid),
    ("min", Closing),
    ("minn", Mid),
    ("misc", Mid),
    ("mlle", Title),
    ("mme", Title),
    ("mon", Number),
    ("mont", Mid),
    ("mr", Title),
    ("mrs", Title),
    ("ms", Title),
    ("msgr", Title),
    ("mssrs", Title),
    ("mt", Title),
    ("natl", Mid),
    ("neb", Mid),
    ("nev", Mid),
    ("no", Number),
    ("nos", Number),
    ("nov", Number),
    ("nr", Number),
    ("n°", Number),
    ("nº", Number),
    ("oct", Number),
    ("okla", Mid),
    ("op", Number),
    ("oz", Closing),
    ("p.m", Closing),
    ("para", Number),
    ("pct", Closing),
    ("pkwy", Mid),
    ("pp", Number),
    ("pres", Title),
    ("prof", Title),
    ("pt", Mid),
    ("pvt", Title),
    ("qtr", Mid),
    ("rep", Title),
    ("reps", Title),
    ("rev", Title),
    ("rt", Title),
    ("sec", Mid),
    ("sen", Title),
    ("sens", Title),
    ("sep", Number),
    ("sept", Number),
    ("sgt", Title),
    ("sq", Mid),
    ("sr", Mid),
    ("st", StreetTitle),
    ("ste", Mid),
    ("supt", Title),
    ("tel", Number),
    ("tenn", Mid),
    ("tex", Mid),
    ("thu", Number),
    ("thur", Number),
    ("thurs", Number),
    ("tue", Number),
    ("tues", Number),
    ("univ", Mid),
    ("va", Mid),
    ("viz", Mid),
    ("vol", Number),
    ("vols", Number),
    ("vs", Mid),
    ("vt", Mid),
    ("wis", Mid),
    ("wk", Closing),
    ("wyo", Mid),
    ("yr", Closing),
    ("yrs", Closing),
];

/// Capitalised words that typically open a sentence but rarely continue a proper name after an
/// abbreviation: pronouns, determiners, question words, auxiliaries, conjunctions and sentence
/// adverbs. "the U.S. How" is a boundary, "the U.S. Government" is not.
const STARTERS: &[&str] = &[
    "a",
    "about",
    "according",
    "after",
    "afterwards",
    "again",
    "all",
    "also",
    "although",
    "an",
    "and",
    "another",
    "any",
    "are",
    "as",
    "at",
    "because",
    "before",
    "both",
    "but",
    "by",
    "can",
    "could",
    "despite",
    "did",
    "do",
    "does",
    "during",
    "each",
    "earlier",
    "even",
    "every",
    "finally",
    "for",
    "from",
    "furthermore",
    "had",
    "has",
    "have",
    "he",
    "her",
    "here",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "indeed",
    "instead",
    "is",
    "it",
    "its",
    "just",
    "last",
    "later",
    "many",
    "meanwhile",
    "more",
    "moreover",
    "most",
    "much",
    "my",
    "neither",
    "nevertheless",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "perhaps",
    "several",
    "she",
    "should",
    "since",
    "so",
    "some",
    "still",
    "such",
    "that",
    "the",
    "their",
    "then",
    "there",
    "therefore",
    "these",
    "they",
    "this",
    "those",
    "though",
    "thus",
    "to",
    "today",
    "tomorrow",
    "under",
    "unlike",
    "until",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whose",
    "why",
    "will",
    "with",
    "without",
    "would",
    "yes",
    "yesterday",
    "yet",
    "you",
    "your",
];

/// Words that open a fronted time or place phrase ("At 5 a.m. Mr. Smith left.").
const FRONTING: &[&str] = &[
    "about", "after", "around", "at", "before", "between", "by", "early", "from", "in", "late",
    "on", "shortly", "since", "starting", "till", "until",
];

/// Verbs of speaking that follow a quotation and its speaker ("“Why?” Smith asked.").
const SPEECH_VERBS: &[&str] = &[
    "added",
    "adds",
    "announced",
    "asked",
    "asks",
    "cried",
    "declared",
    "explained",
    "insisted",
    "said",
    "says",
    "shouted",
    "stated",
    "told",
    "tweeted",
    "wrote",
    "yelled",
];

/// Time zones written after a clock time ("9 a.m. ET").
const TIME_ZONES: &[&str] = &[
    "aest", "bst", "cdt", "cest", "cet", "cst", "ct", "edt", "eest", "eet", "est", "et", "gmt",
    "ist", "jst", "mdt", "msk", "mst", "mt", "pdt", "pst", "pt", "utc",
];

/// Longer than any entry of any list.
const MAX_ENTRY: usize = 16;

/// The length of the longest abbreviation ("messrs").
const LONGEST_ABBREVIATION: usize = 6;

/// Looks `word` up in the sorted `table`, folded to lower-case ASCII on the stack. Words longer
/// than `longest` are rejected without a search: most words before a full stop are longer than
/// any abbreviation.
fn find<T>(table: &[T], longest: usize, entry: impl Fn(&T) -> &str, word: &str) -> Option<usize> {
    if word.len() > longest {
        return None;
    }
    let mut key = [0; MAX_ENTRY];
    let key = key.get_mut(..word.len())?;
    key.copy_from_slice(word.as_bytes());
    key.make_ascii_lowercase();
    table
        .binary_search_by(|item| entry(item).as_bytes().cmp(key))
        .ok()
}

fn contains(table: &[&str], word: &str) -> bool {
    find(table, MAX_ENTRY, |entry| entry, word).is_some()
}

/// The kind of abbreviation `word` (without its final period) is, if it is one of the listed
/// ones. Dotted abbreviations made of one- and two-letter parts ("U.S.", "e.g.", "Ph.D.") are not
/// listed: the rules recognise their shape.
pub(super) fn abbreviation(word: &str) -> Option<Abbreviation> {
    let index = find(
        ABBREVIATIONS,
        LONGEST_ABBREVIATION,
        |(entry, _)| entry,
        word,
    )?;
    ABBREVIATIONS.get(index).map(|&(_, kind)| kind)
}

pub(super) fn is_title(word: &str) -> bool {
    matches!(abbreviation(word), Some(Title | StreetTitle))
}

pub(super) fn is_starter(word: &str) -> bool {
    contains(STARTERS, word)
}

pub(super) fn is_fronting(word: &str) -> bool {
    contains(FRONTING, word)
}

pub(super) fn is_speech_verb(word: &str) -> bool {
    contains(SPEECH_VERBS, word)
}

/// Time zones are only recognised in capitals, so "at 9 a.m. Et" is not one.
pub(super) fn is_time_zone(word: &str) -> bool {
    !word.bytes().any(|b| b.is_ascii_lowercase()) && contains(TIME_ZONES, word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_sorted_and_folded<'a>(entries: impl Iterator<Item = &'a str>, limit: usize) {
        let entries: Vec<&str> = entries.collect();
        for pair in entries.windows(2) {
            assert!(
                pair[0] < pair[1],
                "{:?} must sort before {:?}",
                pair[0],
                pair[1]
            );
        }
        for entry in entries {
            assert_eq!(
                entry,
                entry.to_ascii_lowercase(),
                "{entry:?} must be lower case"
            );
            assert!(
                entry.len() <= MAX_ENTRY,
                "{entry:?} is longer than MAX_ENTRY"
            );
            assert!(
                entry.len() <= limit,
                "{entry:?} is longer than the table's limit"
            );
        }
    }

    #[test]
    fn tables_are_sorted_unique_and_folded() {
        assert_sorted_and_folded(
            ABBREVIATIONS.iter().map(|&(entry, _)| entry),
            LONGEST_ABBREVIATION,
        );
        for table in [STARTERS, FRONTING, SPEECH_VERBS, TIME_ZONES] {
            assert_sorted_and_folded(table.iter().copied(), MAX_ENTRY);
        }
    }

    #[test]
    fn lookups_ignore_ascii_case() {
        assert!(is_title("Mr") && is_title("MRS") && is_title("St") && !is_title("Mister"));
        assert_eq!(abbreviation("Inc"), Some(Mid));
        assert_eq!(abbreviation("N°"), Some(Number));
        assert_eq!(abbreviation("P.M"), Some(Closing));
        assert_eq!(abbreviation("Government"), None);
        assert!(is_starter("The") && !is_starter("Government"));
        assert!(is_time_zone("ET") && !is_time_zone("Et"));
        assert!(!is_starter("a-very-long-word-that-is-in-no-list"));
    }
}
