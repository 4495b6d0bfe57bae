//! Sentence segmentation: invariants on arbitrary input, and each rule on news-like prose.

use proptest::prelude::*;
use scholia_core::segment::sentences;

/// The sentences of `text` as strings, after checking the ranges' invariants.
fn split(text: &str) -> Vec<&str> {
    assert_invariants(text);
    sentences(text)
        .into_iter()
        .filter_map(|range| text.get(range))
        .collect()
}

/// Ranges are in order, disjoint, on char boundaries, non-empty, trimmed, and together hold every
/// non-white-space character.
fn assert_invariants(text: &str) {
    let ranges = sentences(text);
    let mut previous_end = 0;
    for range in &ranges {
        assert!(
            range.start >= previous_end,
            "{ranges:?} overlap or are out of order in {text:?}"
        );
        assert!(range.start < range.end, "empty range {range:?} in {text:?}");
        let Some(sentence) = text.get(range.clone()) else {
            panic!("{range:?} is not on char boundaries of {text:?}");
        };
        assert_eq!(
            sentence,
            sentence.trim(),
            "{range:?} is not trimmed in {text:?}"
        );
        previous_end = range.end;
    }
    let mut ranges = ranges.iter().peekable();
    for (i, c) in text.char_indices() {
        while ranges.next_if(|range| range.end <= i).is_some() {}
        if !c.is_whitespace() {
            let covered = ranges.peek().is_some_and(|range| range.start <= i);
            assert!(covered, "{c:?} at {i} is in no sentence of {text:?}");
        }
    }
}

#[track_caller]
fn assert_sentences(text: &str, expected: &[&str]) {
    assert_eq!(split(text), expected, "segmenting {text:?}");
}

#[track_caller]
fn assert_one(text: &str) {
    assert_sentences(text, &[text.trim()]);
}

// Plain prose.

#[test]
fn a_long_news_sentence_is_one() {
    assert_one(
        "Syrian President Bashar al-Assad has left Damascus on a plane for an unknown \
         destination, Reuters news agency reported, citing two senior Syrian officials.",
    );
}

#[test]
fn full_stops_question_and_exclamation_marks_end_sentences() {
    assert_sentences(
        "Rebels entered the capital. Did the army resist? It did not! Crowds gathered.",
        &[
            "Rebels entered the capital.",
            "Did the army resist?",
            "It did not!",
            "Crowds gathered.",
        ],
    );
}

#[test]
fn empty_and_blank_text_has_no_sentences() {
    assert!(split("").is_empty());
    assert!(split(" \n\t\u{a0}\n ").is_empty());
}

#[test]
fn text_without_a_stop_is_one_sentence() {
    assert_one("  Assad’s plane reportedly disappeared from radar ");
}

// Titles, initials, acronyms and abbreviations.

#[test]
fn titles_never_end_a_sentence() {
    assert_sentences(
        "Dr. Smith met Gen. Jones at 5 p.m. They talked.",
        &["Dr. Smith met Gen. Jones at 5 p.m.", "They talked."],
    );
    assert_one("Sen. Warren, Prof. Lee and Mrs. Brown visited St. Mary’s hospital with Mr. Ali.");
    assert_one("Climbers can see Mt. Everest from the camp.");
}

#[test]
fn street_names_can_end_a_sentence() {
    assert_sentences(
        "The embassy is on Main St. It was closed on Sunday.",
        &["The embassy is on Main St.", "It was closed on Sunday."],
    );
}

#[test]
fn initials_stay_inside_names() {
    assert_one("George W. Bush met John F. Kennedy Jr. in a dream.");
    assert_sentences(
        "The prize went to Maria K. Lopez. She thanked the jury.",
        &["The prize went to Maria K. Lopez.", "She thanked the jury."],
    );
}

#[test]
fn acronyms_end_a_sentence_only_before_a_typical_opener() {
    assert_one("The U.N. Security Council met on Friday.");
    assert_one("E.U. officials said the U.S. dollar fell against the euro.");
    assert_one("She earned a Ph.D. in chemistry at 24.");
    assert_sentences(
        "Troops left the U.K. They returned in May.",
        &["Troops left the U.K.", "They returned in May."],
    );
    assert_sentences(
        "The envoy flew to the U.S. Mr. Pedersen then met officials.",
        &[
            "The envoy flew to the U.S.",
            "Mr. Pedersen then met officials.",
        ],
    );
}

#[test]
fn common_abbreviations() {
    assert_one("Staples, e.g. bread and rice, cost more, i.e. twice as much.");
    assert_one("Acme Inc. reported a loss, and Smith vs. Jones is still pending.");
    assert_one("Prices rose approx. 5% in Jan. and fell in Feb. after the vote.");
    assert_one("No. 10 Downing Street issued a statement on p. 3 of the report.");
    assert_sentences(
        "He works for Acme Co. They make rockets.",
        &["He works for Acme Co.", "They make rockets."],
    );
    assert_sentences(
        "The answer was no. Officials left the room.",
        &["The answer was no.", "Officials left the room."],
    );
}

#[test]
fn months_and_units_abbreviate_before_numbers_and_end_sentences_before_words() {
    assert_one("The talks began on Dec. 8 and ended on Jan. 3, officials said.");
    assert_sentences(
        "Prices fell 0.3 pct. in Nov. Economists had expected a rise.",
        &[
            "Prices fell 0.3 pct. in Nov.",
            "Economists had expected a rise.",
        ],
    );
    assert_sentences(
        "The parcel weighed 5 lbs. Customs held it.",
        &["The parcel weighed 5 lbs.", "Customs held it."],
    );
    assert_one("Call the desk on ext. 12 for details.");
}

#[test]
fn a_capital_letter_after_a_number_is_no_initial() {
    assert_sentences(
        "The temperature hit 40 C. Residents stayed indoors.",
        &["The temperature hit 40 C.", "Residents stayed indoors."],
    );
}

#[test]
fn et_cetera_ends_a_list_and_the_sentence() {
    assert_sentences(
        "They seized tanks, trucks, etc. Rebels later showed them off.",
        &[
            "They seized tanks, trucks, etc.",
            "Rebels later showed them off.",
        ],
    );
}

// Numbers.

#[test]
fn decimals_money_and_percentages() {
    assert_sentences(
        "The deal was worth $3.5 billion. Shares rose 2.5% by 9 a.m. on Monday.",
        &[
            "The deal was worth $3.5 billion.",
            "Shares rose 2.5% by 9 a.m. on Monday.",
        ],
    );
    assert_sentences(
        "Inflation was 3.2% in 2023. 2024 was calmer.",
        &["Inflation was 3.2% in 2023.", "2024 was calmer."],
    );
    assert_one("It cost €1.5 million, or £1.27 million, at version 2.0.1 of the plan.");
}

#[test]
fn times() {
    assert_one("The vote closed at 9 p.m. ET on Tuesday.");
    assert_sentences(
        "Polls closed at 8 p.m. Counting began at once.",
        &["Polls closed at 8 p.m.", "Counting began at once."],
    );
    assert_sentences(
        "The convoy left at 6 P.M. Reuters saw it leave.",
        &["The convoy left at 6 P.M.", "Reuters saw it leave."],
    );
    // A fronted time phrase introduces the clause after it.
    assert_one("At 6 a.m. Reuters reported the news.");
}

#[test]
fn numbered_and_bulleted_lists() {
    assert_sentences(
        "1. Open the door. 2. Walk in.",
        &["1. Open the door.", "2. Walk in."],
    );
    assert_sentences(
        "1) Rebels entered Damascus 2) The army withdrew",
        &["1) Rebels entered Damascus", "2) The army withdrew"],
    );
    assert_sentences(
        "a. Damascus fell b. Homs fell c. Aleppo fell",
        &["a. Damascus fell", "b. Homs fell", "c. Aleppo fell"],
    );
    assert_sentences(
        "• Rebels entered Damascus • Assad fled to Moscow",
        &["• Rebels entered Damascus", "• Assad fled to Moscow"],
    );
    // Without a list, a number followed by ")" is just text.
    assert_one("Saydnaya (built in 1987) held thousands, as noted 2) above.");
}

// Punctuation.

#[test]
fn ellipses() {
    assert_sentences(
        "He hesitated... Then he spoke.",
        &["He hesitated...", "Then he spoke."],
    );
    assert_one("The plan was ... well, unclear . . . at best.");
    assert_sentences(
        "It was over.... Nobody came.",
        &["It was over....", "Nobody came."],
    );
    assert_one("“We will rebuild […] our country,” he said.");
    assert_one("It was … I don’t know … strange.");
}

#[test]
fn repeated_question_and_exclamation_marks() {
    assert_sentences(
        "Is it over?! Nobody knows.",
        &["Is it over?!", "Nobody knows."],
    );
    assert_sentences("Really?? Yes!!", &["Really??", "Yes!!"]);
    assert_one("He worked at Yahoo! in 2010 and left.");
}

#[test]
fn closing_quotes_and_brackets_stay_with_their_sentence() {
    assert_sentences(
        "He said: \"We are leaving.\" Then he left.",
        &["He said: \"We are leaving.\"", "Then he left."],
    );
    assert_sentences(
        "“It is over.” The crowd cheered.",
        &["“It is over.”", "The crowd cheered."],
    );
    assert_sentences(
        "‘It is over.’ The crowd cheered.",
        &["‘It is over.’", "The crowd cheered."],
    );
    assert_sentences(
        "(The army fled.) Rebels cheered.",
        &["(The army fled.)", "Rebels cheered."],
    );
    assert_one("The statement (issued on Sunday.) was brief.");
}

#[test]
fn a_quotation_keeps_its_speaker() {
    assert_one("“This is great,” he said.");
    assert_one("\"This is great,\" he said.");
    assert_one("“Is it over?” she asked.");
    assert_one("'We won!' they shouted.");
    assert_one("“Why now?” Smith asked reporters.");
    assert_one("“I’m done!” Assad reportedly told aides.");
    assert_sentences(
        "“Why now?” He did not answer.",
        &["“Why now?”", "He did not answer."],
    );
}

#[test]
fn web_and_email_addresses() {
    assert_sentences(
        "Read it at https://www.reuters.com/world/Syria.Html today. Or write to news@example.co.uk. Thanks.",
        &[
            "Read it at https://www.reuters.com/world/Syria.Html today.",
            "Or write to news@example.co.uk.",
            "Thanks.",
        ],
    );
    assert_one("Contact Jane.Doe@example.com or visit example.org for more.");
}

#[test]
fn a_missing_space_after_a_full_stop() {
    assert_sentences(
        "The rebels won.Assad fled.He landed in Moscow.",
        &["The rebels won.", "Assad fled.", "He landed in Moscow."],
    );
    assert_sentences(
        "Prices rose to 1,200.That was a record.",
        &["Prices rose to 1,200.", "That was a record."],
    );
}

#[test]
fn brand_names_in_lower_case_start_sentences() {
    assert_sentences(
        "Apple sold a new phone. iPhone sales rose.",
        &["Apple sold a new phone.", "iPhone sales rose."],
    );
    assert_sentences(
        "He sold it online. eBay took a fee.",
        &["He sold it online.", "eBay took a fee."],
    );
}

// Lines and paragraphs.

#[test]
fn hard_wrapped_lines_are_joined() {
    let text = "Syrian President Bashar al-Assad has left Damascus on a plane for an\n\
                unknown destination, Reuters reported. Two senior Syrian officials\n\
                confirmed it.";
    let got = split(text);
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(got[0].ends_with("reported.") && got[1].starts_with("Two senior"));
    assert_sentences(
        "Mr.\nSmith left at 9 a.m.\non Monday.",
        &["Mr.\nSmith left at 9 a.m.\non Monday."],
    );
}

#[test]
fn blank_lines_always_break() {
    assert_sentences(
        "Assad’s plane disappeared from radar\n\nJust before the fall, he left",
        &[
            "Assad’s plane disappeared from radar",
            "Just before the fall, he left",
        ],
    );
    assert_sentences("Dr.\r\n \t\r\nSmith", &["Dr.", "Smith"]);
    assert_sentences("One\u{2029}Two", &["One", "Two"]);
}

#[test]
fn ranges_point_into_the_source() {
    let text = "  First one.\n  Second\u{a0}one.  ";
    let ranges = sentences(text);
    assert_eq!(ranges, [2..12, 15..27]);
}

// Other scripts.

#[test]
fn other_scripts() {
    assert_sentences(
        "他走了。她来了！你好吗？",
        &["他走了。", "她来了！", "你好吗？"],
    );
    assert_sentences(
        "「行くよ。」彼は言った。",
        &["「行くよ。」", "彼は言った。"],
    );
    assert_sentences("Он ушёл. Она пришла.", &["Он ушёл.", "Она пришла."]);
    assert_sentences("¿Qué pasa? ¡Nada!", &["¿Qué pasa?", "¡Nada!"]);
    assert_sentences("उसने कहा। वह गया।", &["उसने कहा।", "वह गया।"]);
    assert_sentences("هل ذهب؟ نعم.", &["هل ذهب؟", "نعم."]);
    assert_sentences(
        "Great news 🎉. Rebels won.",
        &["Great news 🎉.", "Rebels won."],
    );
    assert_sentences(
        "« Il est parti. » Les rebelles ont gagné.",
        &["« Il est parti. »", "Les rebelles ont gagné."],
    );
    assert_sentences(
        "Er ging. »Wohin?« fragte sie.",
        &["Er ging.", "»Wohin?« fragte sie."],
    );
    assert_sentences(
        "The cafe\u{301} opened. It closed.\u{a0}Then it reopened.",
        &["The cafe\u{301} opened.", "It closed.", "Then it reopened."],
    );
}

// Properties.

/// Words, abbreviations, numbers, punctuation and quotes that exercise the rules.
const FRAGMENTS: &[&str] = &[
    "the",
    "The",
    "He",
    "said",
    "Syria",
    "Damascus",
    "Mr.",
    "Dr.",
    "Gen.",
    "St.",
    "U.S.",
    "U.S",
    "Ph.D.",
    "e.g.",
    "i.e.,",
    "Inc.",
    "No.",
    "p.",
    "a.m.",
    "P.M.",
    "etc.",
    "E.",
    "I.",
    "1.",
    "2.",
    "2)",
    "1.)",
    "a.",
    "b.",
    "10.",
    "$3.5",
    "2.5%",
    "1,000.",
    ".",
    "..",
    "...",
    ". . .",
    ". . . .",
    "…",
    "?",
    "!",
    "?!",
    "‼",
    "“",
    "”",
    "‘",
    "’",
    "\"",
    "'",
    "(",
    ")",
    "[...]",
    "[",
    "]",
    "•",
    "⁃",
    "iPhone",
    "eBay",
    "https://x.org/a.B",
    "a@b.co.",
    "world.Today",
    "N°.",
    "。",
    "！",
    "؟",
    "।",
    "é",
    "e\u{301}",
    "🎉",
    "Ωμέγα.",
    "日本",
    ",",
    ";",
    ":",
    "—",
    "-",
    "0",
    "9",
];

/// Separators between fragments, including none, hard wraps, blank lines and NBSP.
const SEPARATORS: &[&str] = &[
    " ", " ", " ", "", "\n", "\n\n", "\n \n", "\u{a0}", "\r\n", "\t",
];

fn prose() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        (
            proptest::sample::select(FRAGMENTS),
            proptest::sample::select(SEPARATORS),
        ),
        0..40,
    )
    .prop_map(|parts| {
        parts
            .into_iter()
            .flat_map(|(word, sep)| [word, sep])
            .collect()
    })
}

/// Fragments joined by single spaces or single line breaks, in the same positions.
fn wrapped_prose() -> impl Strategy<Value = (String, String)> {
    proptest::collection::vec((proptest::sample::select(FRAGMENTS), any::<bool>()), 1..40).prop_map(
        |parts| {
            let (mut spaced, mut wrapped) = (String::new(), String::new());
            for (word, wrap) in parts {
                spaced.push_str(word);
                spaced.push(' ');
                wrapped.push_str(word);
                wrapped.push(if wrap { '\n' } else { ' ' });
            }
            (spaced, wrapped)
        },
    )
}

proptest! {
    #[test]
    fn invariants_hold_for_any_chars(chars in proptest::collection::vec(any::<char>(), 0..80)) {
        assert_invariants(&chars.into_iter().collect::<String>());
    }

    #[test]
    fn invariants_hold_for_printable_text(text in any::<String>()) {
        assert_invariants(&text);
    }

    #[test]
    fn invariants_hold_for_prose(text in prose()) {
        assert_invariants(&text);
    }

    #[test]
    fn invariants_hold_for_punctuation_soup(text in "[ .!?()\"'“”‘’…•\n\u{a0}a-cA-C0-2@/:。]{0,60}") {
        assert_invariants(&text);
    }

    /// A single line break inside a paragraph is hard wrapping: it segments like a space.
    #[test]
    fn a_single_line_break_counts_as_a_space((spaced, wrapped) in wrapped_prose()) {
        prop_assert_eq!(sentences(&spaced), sentences(&wrapped));
    }
}
