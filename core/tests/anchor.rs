//! Re-anchoring annotations in edited copies of an article: exact where the quote survived,
//! approximate where it was edited a little, orphaned where it is gone — and never attached to
//! the wrong sentence on weak evidence.

use proptest::prelude::*;
use scholia_core::anchor::fuzzy::{Pattern, Start};
use scholia_core::anchor::{ATTACH_CONFIDENCE, Anchorer, Anchoring, Candidate, anchor, target_for};
use scholia_core::annotation::{Annotation, Label, Labels, Target};
use scholia_core::article::Article;
use scholia_core::placement::{marks, place};
use scholia_core::store::Store;

const HEADLINE: &str = "City council approves a new budget for the harbour district";
const VOTE: &str = "The city council voted on Monday evening to approve a budget of forty million \
                    euros for the harbour district. The vote passed by nine votes to four after a \
                    debate that lasted more than six hours. Residents who had waited outside the \
                    town hall since the afternoon cheered when the result was anounced.";
const PLAN: &str = "The plan includes new flood barriers along the eastern quay, a renovated fish \
                    market and two kilometres of cycle paths. Engineers say the barriers will \
                    protect about three thousand homes from the storm surges that have flooded the \
                    quay twice in the last decade. Nobody knows yet.";
const OPPOSITION: &str = "Opposition members argued that the money would be better spent on \
                          schools. \u{201c}We are building walls while our classrooms are falling \
                          apart,\u{201d} said councillor Marta Lindqvist, who led the campaign. \
                          Nobody knows yet.";
const MARKET: &str = "Work on the fish market is expected to start in the spring and to last about \
                      eighteen months. Traders will move to a temporary hall near the railway \
                      station during the renovation. The market\u{2019}s oldest stall, run by the \
                      same family since 1911, will keep its place by the entrance.";
const MAYOR: &str = "The mayor promised a public meeting on the cycle paths before any route is \
                     chosen. She said the council would publish the engineers\u{2019} report on the \
                     flood barriers next week.";

fn text_of(paragraphs: &[&str]) -> String {
    paragraphs.join("\n\n")
}

fn original() -> Article {
    Article::parse(text_of(&[HEADLINE, VOTE, PLAN, OPPOSITION, MARKET, MAYOR]))
}

fn sentence(article: &Article, words: &str) -> usize {
    article
        .find_sentence(words)
        .unwrap_or_else(|| panic!("no sentence with {words:?}"))
}

/// The target of the sentence holding `words`.
fn target(article: &Article, words: &str) -> Target {
    let sid = sentence(article, words);
    target_for(article, sid, sid).unwrap_or_else(|| panic!("no target"))
}

/// Fuzzy on `sentences`, at or above the threshold.
fn assert_fuzzy(anchoring: &Anchoring, sentences: std::ops::Range<usize>) {
    match anchoring {
        Anchoring::Fuzzy {
            sentences: found,
            confidence,
        } => {
            assert_eq!(*found, sentences, "{anchoring:?}");
            assert!(*confidence >= ATTACH_CONFIDENCE && *confidence <= 1.0);
        }
        other => panic!("expected fuzzy on {sentences:?}, got {other:?}"),
    }
}

/// An orphan: nothing attached, and any candidate below the threshold.
fn assert_orphan(anchoring: &Anchoring) {
    assert_eq!(anchoring.sentences(), None, "{anchoring:?}");
    if let Anchoring::Orphan {
        best: Some(Candidate { confidence, .. }),
    } = anchoring
    {
        assert!(*confidence < ATTACH_CONFIDENCE, "{anchoring:?}");
    }
}

#[test]
fn the_unchanged_article_places_every_run_of_sentences_exactly() {
    let article = original();
    let anchorer = Anchorer::new(&article);
    let n = article.sentences().len();
    for first in 0..n {
        for last in first..n.min(first + 4) {
            let target = target_for(&article, first, last).unwrap_or_else(|| panic!("no target"));
            assert_eq!(anchorer.anchor(&target), Anchoring::Exact(first..last + 1));
        }
    }
}

#[test]
fn paragraphs_inserted_and_deleted_before_a_sentence_leave_it_exact() {
    let article = original();
    let targets = [
        target(&article, "cheered when"),
        target(&article, "oldest stall"),
        target(&article, "public meeting"),
    ];
    let edited = Article::parse(text_of(&[
        HEADLINE,
        "An editor\u{2019}s note: this report was updated on Tuesday. It adds the result.",
        VOTE,
        OPPOSITION,
        MARKET,
        "A paragraph added later. It says little.",
        MAYOR,
    ]));
    for (target, words) in targets
        .iter()
        .zip(["cheered when", "oldest stall", "public meeting"])
    {
        let sid = sentence(&edited, words);
        assert_eq!(anchor(&edited, target), Anchoring::Exact(sid..sid + 1));
    }
    let deleted = target(&article, "Engineers say");
    assert_orphan(&anchor(&edited, &deleted));
}

#[test]
fn reordered_paragraphs_take_their_annotations_along() {
    let article = original();
    let first = sentence(&article, "Opposition members");
    let runs = target_for(&article, first, first + 2).unwrap_or_else(|| panic!("no target"));
    let stall = target(&article, "oldest stall");
    let edited = Article::parse(text_of(&[HEADLINE, MAYOR, MARKET, VOTE, OPPOSITION, PLAN]));
    let moved = sentence(&edited, "Opposition members");
    assert_eq!(anchor(&edited, &runs), Anchoring::Exact(moved..moved + 3));
    let sid = sentence(&edited, "oldest stall");
    assert_eq!(anchor(&edited, &stall), Anchoring::Exact(sid..sid + 1));
}

#[test]
fn a_fixed_typo_and_a_changed_word_are_followed() {
    let article = original();
    let typo = target(&article, "anounced");
    let word = target(&article, "forty million");
    let edited_vote = VOTE
        .replace("anounced", "announced")
        .replace("forty million", "forty-two million");
    // Something inserted before as well, so that the old position is stale.
    let edited = Article::parse(text_of(&[
        HEADLINE,
        "Updated with the final figures.",
        &edited_vote,
        PLAN,
        OPPOSITION,
        MARKET,
        MAYOR,
    ]));
    let sid = sentence(&edited, "announced");
    assert_fuzzy(&anchor(&edited, &typo), sid..sid + 1);
    let sid = sentence(&edited, "forty-two million");
    assert_fuzzy(&anchor(&edited, &word), sid..sid + 1);
}

#[test]
fn a_rewritten_sentence_is_an_orphan() {
    let article = original();
    let engineers = target(&article, "Engineers say");
    let rewritten = PLAN.replace(
        "Engineers say the barriers will protect about three thousand homes from the storm \
         surges that have flooded the quay twice in the last decade.",
        "Critics doubt that the walls can be finished before the winter storms arrive.",
    );
    let edited = Article::parse(text_of(&[
        HEADLINE, VOTE, &rewritten, OPPOSITION, MARKET, MAYOR,
    ]));
    assert_orphan(&anchor(&edited, &engineers));
}

#[test]
fn context_tells_repeated_sentences_apart() {
    let article = original();
    // The sentence after each of these is "Nobody knows yet.".
    let target_after = |words: &str| {
        let sid = sentence(&article, words) + 1;
        target_for(&article, sid, sid).unwrap_or_else(|| panic!("no target"))
    };
    let first = target_after("last decade");
    let second = target_after("led the campaign");
    assert_eq!(
        (first.exact.as_str(), second.exact.as_str()),
        ("Nobody knows yet.", "Nobody knows yet.")
    );

    // Exactly, with stale positions: the context decides.
    let shifted = Article::parse(text_of(&[
        HEADLINE,
        "A new first paragraph. It moves everything.",
        VOTE,
        PLAN,
        OPPOSITION,
        MARKET,
        MAYOR,
    ]));
    let in_plan = sentence(&shifted, "last decade") + 1;
    let in_opposition = sentence(&shifted, "led the campaign") + 1;
    assert_eq!(
        anchor(&shifted, &first),
        Anchoring::Exact(in_plan..in_plan + 1)
    );
    assert_eq!(
        anchor(&shifted, &second),
        Anchoring::Exact(in_opposition..in_opposition + 1)
    );

    // Both copies edited the same way: still the context decides.
    let edit = |p: &str| p.replace("Nobody knows yet.", "Nobody knows it yet.");
    let edited = Article::parse(text_of(&[
        HEADLINE,
        "A new first paragraph. It moves everything.",
        VOTE,
        &edit(PLAN),
        &edit(OPPOSITION),
        MARKET,
        MAYOR,
    ]));
    assert_fuzzy(&anchor(&edited, &first), in_plan..in_plan + 1);
    assert_fuzzy(&anchor(&edited, &second), in_opposition..in_opposition + 1);
}

#[test]
fn a_sentence_split_in_two_carries_its_annotation_onto_both() {
    let article = original();
    let debate = target(&article, "after a debate");
    let split = VOTE.replace(
        "to four after a debate that lasted",
        "to four. The debate had lasted",
    );
    let edited = Article::parse(text_of(&[
        HEADLINE, &split, PLAN, OPPOSITION, MARKET, MAYOR,
    ]));
    let sid = sentence(&edited, "nine votes to four.");
    assert_eq!(
        edited.sentence_text(sid + 1),
        Some("The debate had lasted more than six hours.")
    );
    assert_fuzzy(&anchor(&edited, &debate), sid..sid + 2);
}

#[test]
fn two_sentences_merged_carry_both_annotations() {
    let article = original();
    let traders = target(&article, "Traders will move");
    let stall = target(&article, "oldest stall");
    let merged = MARKET.replace(
        "during the renovation. The market\u{2019}s oldest",
        "during the renovation, but the market\u{2019}s oldest",
    );
    let edited = Article::parse(text_of(&[HEADLINE, VOTE, PLAN, OPPOSITION, &merged, MAYOR]));
    let sid = sentence(&edited, "Traders will move");
    assert_eq!(sid, sentence(&edited, "oldest stall"));
    assert_fuzzy(&anchor(&edited, &traders), sid..sid + 1);
    assert_fuzzy(&anchor(&edited, &stall), sid..sid + 1);
}

#[test]
fn a_look_alike_elsewhere_is_not_taken_for_a_removed_sentence() {
    let article = original();
    let market = target(&article, "Work on the fish market");
    let without = MARKET.replace(
        "Work on the fish market is expected to start in the spring and to last about eighteen \
         months. ",
        "",
    );
    let look_alike = format!(
        "{MAYOR} Work on the cycle paths is expected to start in the summer and to last about \
         eight months."
    );
    let edited = Article::parse(text_of(&[
        HEADLINE,
        VOTE,
        PLAN,
        OPPOSITION,
        &without,
        &look_alike,
    ]));
    let anchoring = anchor(&edited, &market);
    assert_orphan(&anchoring);
    // The look-alike is within the error budget, so it is found, and reported, but not attached.
    let cycle = sentence(&edited, "Work on the cycle paths");
    assert!(
        matches!(&anchoring, Anchoring::Orphan { best: Some(c) } if c.sentences == (cycle..cycle + 1)),
        "{anchoring:?}"
    );
}

#[test]
fn ever_larger_edits_go_from_exact_to_fuzzy_to_orphan_and_never_elsewhere() {
    let article = original();
    let stall = target(&article, "oldest stall");
    let words: Vec<&str> = stall.exact.split(' ').collect();
    let mut kinds = Vec::new();
    for changed in 0..=words.len() {
        let edited_sentence: Vec<String> = words
            .iter()
            .enumerate()
            .map(|(i, w)| {
                if i < changed {
                    // Capitalised, so that the sentence still starts where it did.
                    format!("Q{}", "z".repeat(w.chars().count() - 1))
                } else {
                    (*w).to_owned()
                }
            })
            .collect();
        let edited_market = MARKET.replace(&stall.exact, &edited_sentence.join(" "));
        let edited = Article::parse(text_of(&[
            HEADLINE,
            VOTE,
            PLAN,
            OPPOSITION,
            &edited_market,
            MAYOR,
        ]));
        let sid = sentence(&edited, "Traders will move") + 1;
        let anchoring = anchor(&edited, &stall);
        match &anchoring {
            Anchoring::Exact(s) | Anchoring::Fuzzy { sentences: s, .. } => {
                assert_eq!(*s, sid..sid + 1, "{changed} words changed: {anchoring:?}")
            }
            Anchoring::Orphan { .. } => assert_orphan(&anchoring),
        }
        kinds.push(match anchoring {
            Anchoring::Exact(_) => 'e',
            Anchoring::Fuzzy { .. } => 'f',
            Anchoring::Orphan { .. } => 'o',
        });
    }
    let kinds: String = kinds.into_iter().collect();
    let (exact, rest) = kinds.split_at(1);
    assert_eq!(exact, "e");
    assert!(rest.starts_with('f') && rest.ends_with('o'), "{kinds}");
    assert!(!rest.contains("of") && !rest.contains('e'), "{kinds}");
}

#[test]
fn an_orphan_is_kept_with_its_best_candidate_and_marks_nothing() {
    let article = original();
    let annotation = |id: &str, target: Target| Annotation {
        id: id.into(),
        target,
        label: Label::new(1).unwrap_or_default(),
        note: "A note.".into(),
        tags: Vec::new(),
        created: 1,
        modified: 1,
        deleted: false,
    };
    let store = Store::new(
        Labels::default(),
        [
            annotation("market", target(&article, "Work on the fish market")),
            annotation("stall", target(&article, "oldest stall")),
        ],
    );
    let edited = Article::parse(text_of(&[
        HEADLINE,
        VOTE,
        PLAN,
        OPPOSITION,
        &MARKET
            .replace("spring", "autumn")
            .replace("fish market", "old fish hall"),
        MAYOR,
    ]));
    let placed = place(&edited, &store);
    let stall = sentence(&edited, "oldest stall");
    let market = sentence(&edited, "old fish hall");
    assert_eq!(placed[0].annotation.id, "market");
    assert!(matches!(placed[0].anchoring, Anchoring::Fuzzy { .. }));
    assert_eq!(placed[0].sentences(), Some(market..market + 1));
    assert_eq!(placed[1].anchoring, Anchoring::Exact(stall..stall + 1));

    // The sentence removed, and one like it added elsewhere.
    let rewritten = Article::parse(text_of(&[
        HEADLINE,
        VOTE,
        PLAN,
        OPPOSITION,
        &MARKET.replace(
            "Work on the fish market is expected to start in the spring and to last about \
             eighteen months. ",
            "",
        ),
        &format!(
            "{MAYOR} Work on the cycle paths is expected to start in the summer and to last \
             about eight months."
        ),
    ]));
    let placed = place(&rewritten, &store);
    assert_eq!(placed[1].annotation.id, "market", "orphans come last");
    assert_orphan(&placed[1].anchoring);
    let cycle = sentence(&rewritten, "Work on the cycle paths");
    assert!(
        matches!(&placed[1].anchoring, Anchoring::Orphan { best: Some(c) } if c.sentences == (cycle..cycle + 1)),
        "{:?}",
        placed[1].anchoring
    );
    let marks = marks(rewritten.sentences().len(), &placed);
    let marked: Vec<usize> = (0..marks.len())
        .filter(|&sid| marks[sid].count > 0)
        .collect();
    let stall = sentence(&rewritten, "oldest stall");
    assert_eq!(marked, [stall]);
}

#[test]
fn hostile_sizes_are_bounded() {
    // A long quote nearly everywhere in a long, repetitive text.
    let text = format!("Title\n\n{}", "ab ".repeat(100_000));
    let article = Article::parse(text.as_str());
    let huge = Target {
        exact: format!("{}c", "ab ".repeat(20_000)),
        prefix: "ab ".repeat(10),
        suffix: String::new(),
        start: 7,
        end: 60_008,
    };
    assert_orphan(&anchor(&article, &huge));
    // A quote just short enough to be matched approximately, in a text it is not in.
    let long = Target {
        exact: "ba ".repeat(650),
        ..huge
    };
    let anchoring = anchor(&article, &long);
    if let Some(s) = anchoring.sentences() {
        assert!(s.end <= article.sentences().len());
    }
    // Contexts as long as the article, around a quote that is everywhere, or nearly.
    for exact in ["ab ab ab", "ab ab ac"] {
        let context = Target {
            exact: exact.into(),
            prefix: text.clone(),
            suffix: text.clone(),
            start: 150_000,
            end: 150_008,
        };
        assert!(anchor(&article, &context).sentences().is_some());
    }
}

// ---- Properties ----

/// Words few enough that sentences repeat and resemble one another.
const WORDS: &[&str] = &[
    "the", "council", "vote", "Été", "budget", "harbour", "🙂", "market", "said", "on", "a",
    "Monday", "fish", "quay", "naïve", "it",
];

fn sentence_strategy() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(prop::sample::select(WORDS), 1..10),
        0..3usize,
    )
        .prop_map(|(words, end)| {
            let mut s = words.join(" ");
            s.push(['.', '?', '!'][end]);
            s
        })
}

fn article_strategy() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::collection::vec(sentence_strategy(), 1..5), 1..6).prop_map(
        |paragraphs| {
            let paragraphs: Vec<String> = paragraphs.iter().map(|p| p.join(" ")).collect();
            format!("Headline here\n\n{}", paragraphs.join("\n\n"))
        },
    )
}

#[derive(Debug, Clone)]
enum Edit {
    Insert(usize, String),
    Delete(usize, usize),
    Replace(usize, usize, String),
}

fn edit_strategy() -> impl Strategy<Value = Edit> {
    let piece = prop_oneof![
        sentence_strategy().prop_map(|s| format!(" {s}")),
        "[a-zé🙂 .\n]{0,12}",
    ];
    prop_oneof![
        (any::<usize>(), piece.clone()).prop_map(|(at, s)| Edit::Insert(at, s)),
        (any::<usize>(), 0..40usize).prop_map(|(at, n)| Edit::Delete(at, n)),
        (any::<usize>(), 0..12usize, piece).prop_map(|(at, n, s)| Edit::Replace(at, n, s)),
    ]
}

/// Applies an edit at code point positions (taken modulo the text's length).
fn apply(text: &str, edit: &Edit) -> String {
    let chars: Vec<char> = text.chars().collect();
    let at = |i: usize| i % (chars.len() + 1);
    let (from, to, with) = match edit {
        Edit::Insert(i, s) => (at(*i), at(*i), s.as_str()),
        Edit::Delete(i, n) => (at(*i), (at(*i) + n).min(chars.len()), ""),
        Edit::Replace(i, n, s) => (at(*i), (at(*i) + n).min(chars.len()), s.as_str()),
    };
    let mut out: String = chars[..from].iter().collect();
    out.push_str(with);
    out.extend(&chars[to..]);
    out
}

fn check_bounds(article: &Article, anchoring: &Anchoring) -> Result<(), TestCaseError> {
    let n = article.sentences().len();
    let fits = |s: &std::ops::Range<usize>| s.start < s.end && s.end <= n;
    match anchoring {
        Anchoring::Exact(s) => prop_assert!(fits(s), "{anchoring:?}"),
        Anchoring::Fuzzy {
            sentences,
            confidence,
        } => {
            prop_assert!(fits(sentences), "{anchoring:?}");
            prop_assert!(
                (ATTACH_CONFIDENCE..=1.0).contains(confidence),
                "{anchoring:?}"
            );
        }
        Anchoring::Orphan { best } => {
            if let Some(c) = best {
                prop_assert!(fits(&c.sentences), "{anchoring:?}");
                prop_assert!(
                    (0.0..ATTACH_CONFIDENCE).contains(&c.confidence),
                    "{anchoring:?}"
                );
            }
        }
    }
    Ok(())
}

/// The textbook dynamic programme for the distances of `Pattern::distances`.
fn distances_by_table(pattern: &[char], text: &[char], start: Start) -> Vec<usize> {
    let mut column: Vec<usize> = (0..=pattern.len()).collect();
    let mut out = Vec::new();
    for (j, &t) in text.iter().enumerate() {
        let mut diagonal = column[0];
        column[0] = if start == Start::Anywhere { 0 } else { j + 1 };
        for i in 1..=pattern.len() {
            let next = (diagonal + usize::from(pattern[i - 1] != t))
                .min(column[i] + 1)
                .min(column[i - 1] + 1);
            diagonal = column[i];
            column[i] = next;
        }
        out.push(column[pattern.len()]);
    }
    out
}

/// The matcher against the table on one pattern and text, for both kinds of start.
fn check_distances(pattern: &str, text: &str) {
    let (p, t): (Vec<char>, Vec<char>) = (pattern.chars().collect(), text.chars().collect());
    for start in [Start::Anywhere, Start::AtTextStart] {
        let fast: Vec<usize> = Pattern::new(p.iter().copied())
            .distances(t.iter().copied(), start)
            .collect();
        assert_eq!(
            fast,
            distances_by_table(&p, &t, start),
            "{pattern:?} in {text:?}"
        );
    }
}

#[test]
fn the_matcher_agrees_with_the_table_on_short_patterns() {
    check_distances("cat", "the cat sat on a cart");
    check_distances("kitten", "sitting");
    check_distances("", "abc");
    check_distances("abc", "");
}

#[test]
fn the_matcher_agrees_with_the_table_on_patterns_of_several_blocks() {
    let sentence = "The council voted on Monday to approve the new budget, which adds \
                    money for schools and for repairs to the city's roads and bridges.";
    let edited = sentence
        .replace("Monday", "Tuesday")
        .replace("roads", "streets");
    check_distances(sentence, &format!("Before it. {edited} After it."));
    check_distances(&"ab".repeat(64), &"ab".repeat(70));
    check_distances(&"a".repeat(65), &"a".repeat(130));
    check_distances(&"a".repeat(128), &"b".repeat(3));
}

#[test]
fn the_matcher_agrees_with_the_table_beyond_ascii() {
    check_distances("Été 🙂 arrive", "Il dit : l’été 🙂 arrive vite");
    check_distances("日本語の文", "これは日本語の文章です");
}

proptest! {
    #[test]
    fn an_unchanged_article_anchors_every_target_exactly_to_its_sentences(
        text in article_strategy(),
        picks in prop::collection::vec((any::<usize>(), 0..3usize), 1..8),
    ) {
        let article = Article::parse(text.as_str());
        let n = article.sentences().len();
        let anchorer = Anchorer::new(&article);
        for (first, extra) in picks {
            let first = first % n;
            let last = (first + extra).min(n - 1);
            let target = target_for(&article, first, last);
            prop_assert!(target.is_some());
            if let Some(target) = target {
                prop_assert_eq!(anchorer.anchor(&target), Anchoring::Exact(first..last + 1));
            }
        }
    }

    #[test]
    fn random_edits_never_panic_nor_leave_the_article(
        text in article_strategy(),
        edits in prop::collection::vec(edit_strategy(), 0..6),
    ) {
        let article = Article::parse(text.as_str());
        let edited_text = edits.iter().fold(text.clone(), |t, e| apply(&t, e));
        let edited = Article::parse(edited_text.as_str());
        let anchorer = Anchorer::new(&edited);
        for first in 0..article.sentences().len() {
            for last in first..article.sentences().len().min(first + 2) {
                if let Some(target) = target_for(&article, first, last) {
                    check_bounds(&edited, &anchorer.anchor(&target))?;
                }
            }
        }
    }

    #[test]
    fn arbitrary_targets_never_panic_nor_leave_the_article(
        text in article_strategy(),
        exact in "[a-zé🙂 .\n]{0,40}",
        prefix in "[a-zé🙂 .]{0,40}",
        suffix in "[a-zé🙂 .]{0,40}",
        start in any::<usize>(),
        end in any::<usize>(),
    ) {
        let article = Article::parse(text.as_str());
        let target = Target { exact, prefix, suffix, start, end };
        check_bounds(&article, &anchor(&article, &target))?;
    }

    #[test]
    fn the_matcher_agrees_with_the_dynamic_programme(
        pattern in prop::collection::vec(prop::sample::select(&['a', 'b', 'c', 'é', '🙂'][..]), 0..150),
        text in prop::collection::vec(prop::sample::select(&['a', 'b', 'c', 'é', '🙂', 'x'][..]), 0..200),
    ) {
        let matcher = Pattern::new(pattern.iter().copied());
        for start in [Start::Anywhere, Start::AtTextStart] {
            let fast: Vec<usize> = matcher.distances(text.iter().copied(), start).collect();
            prop_assert_eq!(fast, distances_by_table(&pattern, &text, start));
        }
    }
}
