//! Re-anchors targets in an edited copy of an article: it must return, never panic, attach only to
//! sentences of the edited copy and only at or above the threshold, and place every target of
//! the unchanged article exactly on its own sentences.
//!
//! The input is the article, then a NUL, then its edited copy (each read as UTF-8, lossily); with
//! no NUL, the edited copy is the seed article, so that the fuzzer starts from real prose.

#![no_main]

use libfuzzer_sys::fuzz_target;
use scholia_core::anchor::{ATTACH_CONFIDENCE, Anchorer, Anchoring, target_for};
use scholia_core::article::Article;

/// Runs of sentences anchored per input, at most, so that each run stays quick.
const MAX_TARGETS: usize = 64;

const SEED: &str = include_str!("../../../articles/assad-flees-damascus.txt");

fuzz_target!(|data: &[u8]| {
    let (original, edited) = match data.iter().position(|&b| b == 0) {
        Some(at) => (
            String::from_utf8_lossy(&data[..at]),
            String::from_utf8_lossy(&data[at + 1..]),
        ),
        None => (String::from_utf8_lossy(data), SEED.into()),
    };
    let original = Article::parse(original.as_ref());
    let edited = Article::parse(edited.as_ref());
    let same = Anchorer::new(&original);
    let other = Anchorer::new(&edited);
    let n = original.sentences().len();
    let runs = (0..n).flat_map(|first| (first..n.min(first + 2)).map(move |last| (first, last)));
    for (first, last) in runs.take(MAX_TARGETS) {
        let Some(target) = target_for(&original, first, last) else {
            panic!("no target for sentences {first}..={last}");
        };
        assert_eq!(same.anchor(&target), Anchoring::Exact(first..last + 1));
        let fits = |s: &std::ops::Range<usize>| s.start < s.end && s.end <= edited.sentences().len();
        match other.anchor(&target) {
            Anchoring::Exact(s) => assert!(fits(&s)),
            Anchoring::Fuzzy {
                sentences,
                confidence,
            } => assert!(fits(&sentences) && (ATTACH_CONFIDENCE..=1.0).contains(&confidence)),
            Anchoring::Orphan { best } => assert!(best.is_none_or(|c| {
                fits(&c.sentences) && (0.0..ATTACH_CONFIDENCE).contains(&c.confidence)
            })),
        }
    }
});
