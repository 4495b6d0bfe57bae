//! Feeds arbitrary bytes to `scholia_core::formats::import`: it must return, never panic, never
//! overflow the stack, and whatever it imports must sit exactly on sentences of the article.
//!
//! The first byte picks how the input is dressed, so that the fuzzer reaches every parser quickly:
//! as it is, after the header line of a Markdown export, as the data of a share link, or as the
//! annotations of a Hypothesis export.

#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use scholia_core::anchor::{anchor, target_for};
use scholia_core::article::Article;
use scholia_core::codec::SerdeJson;
use scholia_core::formats::import;
use scholia_core::store::Store;

static ARTICLE: LazyLock<Article> =
    LazyLock::new(|| Article::parse(include_str!("../../../articles/assad-flees-damascus.txt")));

fuzz_target!(|data: &[u8]| {
    let Some((&how, rest)) = data.split_first() else {
        return;
    };
    let input: Vec<u8> = match how % 4 {
        0 => rest.to_vec(),
        1 => [
            &b"<!-- scholia:markdown v1 {\"source\":\"x\"} -->\n"[..],
            rest,
        ]
        .concat(),
        2 => [&b"#share=v1."[..], rest].concat(),
        _ => [
            &b"{\"client_version\":\"1\",\"annotations\":"[..],
            rest,
            b"}",
        ]
        .concat(),
    };
    let article = &*ARTICLE;
    if let Ok(preview) = import(&SerdeJson, &input, article, &Store::default()) {
        for annotation in preview.to_apply() {
            let sentences = anchor(article, &annotation.target).sentences();
            let again = sentences.and_then(|s| target_for(article, s.start, s.end - 1));
            assert_eq!(again.as_ref(), Some(&annotation.target));
        }
    }
});
