//! Feeds arbitrary text to the Markdown reader: it must return, never panic, and every block it
//! gives must make an article whose sentences quote its text.

#![no_main]

use libfuzzer_sys::fuzz_target;
use scholia_core::article::Article;
use scholia_core::source::markdown;

fuzz_target!(|text: &str| {
    let draft = markdown::read(text);
    assert!(draft.blocks.iter().all(|b| !b.text.is_empty()));
    let article = Article::from_draft(draft);
    for span in article.sentences() {
        assert!(article.text().get(span.clone()).is_some());
    }
});
