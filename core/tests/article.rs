//! Properties of the article parser on arbitrary text: it never panics, and the model it builds
//! always points back into the source consistently.

use proptest::prelude::*;
use scholia_core::article::{Article, Block};

/// Text shaped like a copied article: lines of words, punctuation, bullets, headings, blank lines.
fn article_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("The".to_owned()),
        Just("rebels".to_owned()),
        Just("Mr.".to_owned()),
        Just("U.S.".to_owned()),
        Just("3.5".to_owned()),
        Just("said.".to_owned()),
        Just("“quote,”".to_owned()),
        Just("Comments (2)".to_owned()),
        Just("  • Ana".to_owned()),
        Just("Add Comment".to_owned()),
        Just("Tags:".to_owned()),
        Just("fledSyria".to_owned()),
        Just("\u{a0}".to_owned()),
        Just("\u{feff}".to_owned()),
        Just("é\u{301}".to_owned()),
        Just("🙂".to_owned()),
        Just("?!".to_owned()),
        Just("\r\n".to_owned()),
        Just("\n".to_owned()),
        Just("\n\n".to_owned()),
        "[a-zA-Z]{1,12}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..120).prop_map(|pieces| pieces.join(" "))
}

fn check(article: &Article) {
    let text = article.text();
    let mut blocks: Vec<&Block> = article.body().iter().collect();
    if let Some(section) = article.comments() {
        assert!(text.get(section.heading.clone()).is_some());
        for comment in &section.comments {
            if let Some(author) = &comment.author {
                assert!(
                    text.get(author.clone())
                        .is_some_and(|a| !a.trim().is_empty())
                );
            }
            blocks.extend(&comment.paragraphs);
        }
    }

    // Blocks, in document order, own consecutive runs of sentence ids that cover them all.
    let mut next_sid = 0;
    let mut last_end = 0;
    for block in blocks {
        assert!(
            text.get(block.span.clone()).is_some(),
            "block off char boundaries"
        );
        assert!(block.span.start >= last_end, "blocks out of order");
        assert_eq!(block.sentences.start, next_sid);
        next_sid = block.sentences.end;
        for sid in block.sentences.clone() {
            let span = &article.sentences()[sid];
            assert!(span.start >= block.span.start && span.end <= block.span.end);
            let sentence = text.get(span.clone()).expect("sentence on char boundaries");
            assert!(!sentence.is_empty());
            assert_eq!(sentence.trim(), sentence, "sentence not trimmed");
            assert!(
                span.start >= last_end,
                "sentences out of order or overlapping"
            );
            last_end = span.end;
        }
        last_end = last_end.max(block.span.end);
    }
    assert_eq!(next_sid, article.sentences().len());

    // Code point ranges agree with the byte ranges.
    assert_eq!(article.sentence_chars().len(), article.sentences().len());
    for (bytes, chars) in article.sentences().iter().zip(article.sentence_chars()) {
        let by_chars: String = text.chars().skip(chars.start).take(chars.len()).collect();
        assert_eq!(Some(by_chars.as_str()), text.get(bytes.clone()));
    }
    for tag in article.tags() {
        assert!(text.get(tag.clone()).is_some_and(|t| !t.is_empty()));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn any_text_parses_consistently(text in any::<String>()) {
        check(&Article::parse(text));
    }

    #[test]
    fn article_like_text_parses_consistently(text in article_like()) {
        check(&Article::parse(text));
    }
}

mod drafts {
    use scholia_core::article::{Article, BlockKind};
    use scholia_core::source::Draft;
    use scholia_core::source::language::Direction;

    fn draft(lang: Option<&str>, blocks: &[(BlockKind, &str)]) -> Draft {
        let mut draft = Draft {
            lang: lang.map(str::to_owned),
            ..Draft::default()
        };
        for (kind, text) in blocks {
            draft.push(*kind, text);
        }
        draft
    }

    #[test]
    fn every_block_is_split_into_sentences_that_quote_the_text() {
        use BlockKind::*;
        let article = Article::from_draft(draft(
            Some("en"),
            &[
                (Headline, "A  headline"),
                (Byline, "By Jane Doe, 3 May 2024"),
                (Paragraph, "First one. Second\n one."),
                (ListItem, "An item"),
                (Quote, "A quote. Another."),
                (Caption, "A caption"),
            ],
        ));
        let kinds: Vec<_> = article.body().iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [Headline, Byline, Paragraph, ListItem, Quote, Caption]
        );
        let sentences: Vec<_> = (0..article.sentences().len())
            .filter_map(|sid| article.sentence_text(sid))
            .collect();
        assert_eq!(
            sentences,
            [
                "A headline",
                "By Jane Doe, 3 May 2024",
                "First one.",
                "Second one.",
                "An item",
                "A quote.",
                "Another.",
                "A caption"
            ]
        );
        assert_eq!(
            article.headline().map(|h| article.slice(&h.span)),
            Some("A headline")
        );
        assert_eq!(article.lang(), Some("en"));
        assert_eq!(article.direction(), Direction::LeftToRight);
    }

    #[test]
    fn the_direction_follows_the_language_or_the_script() {
        let declared = Article::from_draft(draft(Some("he-IL"), &[(BlockKind::Headline, "Title")]));
        assert_eq!(declared.direction(), Direction::RightToLeft);
        let arabic = Article::parse("عنوان المقال\n\nهذه جملة. وهذه أخرى.");
        assert_eq!(arabic.lang(), Some("ar"));
        assert_eq!(arabic.direction(), Direction::RightToLeft);
        let malformed = Article::from_draft(draft(Some("x\"y"), &[(BlockKind::Headline, "Plain")]));
        assert_eq!(malformed.lang(), None);
        assert_eq!(malformed.direction(), Direction::LeftToRight);
    }
}
