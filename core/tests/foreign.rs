//! Annotations made by other tools: Hypothesis' JSON export, Recogito's Web Annotations, and Web
//! Annotation selectors refined by a quote. Each is placed by its quote on sentences of the seed
//! article; other tools' positions only break ties.

use std::sync::LazyLock;

use scholia_core::anchor::target_for;
use scholia_core::annotation::{Annotation, Label, Target};
use scholia_core::article::Article;
use scholia_core::codec::SerdeJson;
use scholia_core::formats::limits::MAX_ANNOTATIONS;
use scholia_core::formats::{Format, ImportError, ImportPreview, article_iri};
use scholia_core::history::Annotator;
use scholia_core::store::Store;

const SEED: &str = include_str!("../../articles/assad-flees-damascus.txt");
const HYPOTHESIS: &str = include_str!("data/hypothesis-export.json");
const RECOGITO: &str = include_str!("data/recogito.json");
const REFINED_BY: &str = include_str!("data/refined-by.json");

static SEED_ARTICLE: LazyLock<Article> = LazyLock::new(|| Article::parse(SEED));

fn seed() -> &'static Article {
    &SEED_ARTICLE
}

fn import(file: &str, article: &Article, store: &Store) -> Result<ImportPreview, ImportError> {
    scholia_core::formats::import(&SerdeJson, file.as_bytes(), article, store)
}

fn preview(file: &str) -> ImportPreview {
    import(file, seed(), &Store::default()).unwrap_or_else(|e| panic!("refused: {e}"))
}

fn refusal(file: &str) -> ImportError {
    match import(file, seed(), &Store::default()) {
        Err(e) => e,
        Ok(p) => panic!("imported: {p}"),
    }
}

/// The target of the sentences from the one with `first` to the one with `last` in them.
fn sentences(article: &Article, first: &str, last: &str) -> Target {
    let sid = |words: &str| {
        article
            .find_sentence(words)
            .unwrap_or_else(|| panic!("no sentence with {words:?}"))
    };
    target_for(article, sid(first), sid(last)).unwrap_or_else(|| panic!("no target"))
}

fn placed<'p>(preview: &'p ImportPreview, id: &str) -> &'p Annotation {
    preview
        .new
        .iter()
        .find(|a| a.id == id)
        .unwrap_or_else(|| panic!("{id} not placed: {preview:#?}"))
}

/// Imports `file` as the app does (the placed annotations and those it could not place, as one
/// step), then again: the second time changes nothing.
fn assert_idempotent(file: &str) {
    let mut annotator = Annotator::new(Store::default());
    let once = import(file, seed(), annotator.store()).unwrap_or_else(|e| panic!("{e}"));
    let all = |p: &ImportPreview| -> Vec<Annotation> {
        p.to_apply().into_iter().chain(p.unplaced.clone()).collect()
    };
    let first = all(&once);
    assert_eq!(annotator.put_many("import", first.clone()), first.len());
    let after_once = annotator.store().clone();
    let twice = import(file, seed(), annotator.store()).unwrap_or_else(|e| panic!("{e}"));
    assert!(twice.new.is_empty() && twice.updated.is_empty(), "{twice}");
    assert_eq!(twice.unchanged, once.new.len());
    assert_eq!(twice.unplaced, once.unplaced, "the same ids again");
    assert_eq!(annotator.put_many("import", all(&twice)), 0);
    assert_eq!(annotator.store(), &after_once);
}

// ---- Hypothesis ----

#[test]
fn a_hypothesis_export_places_every_annotation_on_its_sentences() {
    let article = seed();
    let p = preview(HYPOTHESIS);
    assert_eq!(p.format, Format::Hypothesis);
    assert_eq!(p.format.name(), "Hypothesis export");
    assert_eq!(
        p.to_string(),
        "5 new, 0 updated, 0 unchanged, 1 could not be placed, 1 reply not imported"
    );
    assert!(p.sender_labels.is_empty());

    let highlight = placed(&p, "Jy0B-Dx0EeiD2bPyaG-0Zw");
    assert_eq!(
        highlight.target,
        sentences(
            article,
            "has left Damascus on a plane",
            "has left Damascus on a plane"
        )
    );
    assert_eq!((highlight.note.as_str(), highlight.tags.len()), ("", 0));
    assert_eq!(
        highlight.label,
        Label::default(),
        "Hypothesis has no labels"
    );
    assert_eq!(highlight.created, 1_733_654_650_201);
    assert_eq!(highlight.modified, highlight.created);

    let noted = placed(&p, "K2pX4Bx0Ee-8mCPwJ3vNqA");
    assert_eq!(noted.target, sentences(article, "“dark era”", "“dark era”"));
    assert_eq!(
        noted.note,
        "Who speaks for *the opposition* here?\n\n- compare the AFP wire\n- [HTS \
         statement](https://example.org/hts)",
        "the note's Markdown is kept as it was written"
    );
    assert_eq!(noted.tags, ["opposition", "Sources"], "tags are cleaned");
    assert_eq!(noted.created, 1_733_654_875_018);
    assert_eq!(
        noted.modified, 1_733_655_751_774,
        "`updated` is the modification"
    );

    let tagged = placed(&p, "L9fQ0Bx1Ee-4x_OOm2kd1w");
    assert_eq!(
        tagged.target,
        sentences(article, "which they found empty", "which they found empty")
    );
    assert_eq!(tagged.tags, ["palace"]);

    let far_position = placed(&p, "M1aa8Bx1Ee-Qpy9nT1bwXg");
    assert_eq!(
        far_position.target,
        sentences(article, "Jake Sullivan", "Jake Sullivan"),
        "a position nowhere near the quote does not keep the quote from being placed"
    );
    assert_eq!(far_position.tags, ["US"]);

    let two = placed(&p, "N7cd2Bx1Ee-Ku0_9hHqRzQ");
    assert_eq!(
        two.target,
        sentences(article, "Dozens of people gathered", "In Umayyad Square")
    );

    let [page_note] = p.unplaced.as_slice() else {
        panic!("one page note: {:?}", p.unplaced);
    };
    assert_eq!(page_note.id, "P3eg6Bx1Ee-m7Fq2vLw0nA");
    assert_eq!(page_note.target.exact, "", "a page note quotes nothing");
    assert_eq!(
        page_note.note,
        "Compare with the Reuters timeline of the day."
    );
    assert_eq!(page_note.tags, ["timeline"]);
    assert_eq!(p.replies_left_out, 1);
    assert!(
        p.new.iter().all(|a| a.id != "Q5hk0Bx2Ee-Jm1vYcD3sUg"),
        "the reply is not imported"
    );
}

#[test]
fn importing_a_hypothesis_export_twice_changes_nothing() {
    assert_idempotent(HYPOTHESIS);
    assert_eq!(preview(HYPOTHESIS), preview(HYPOTHESIS));
}

/// A Hypothesis export holding `annotations`, which is spliced in as JSON.
fn export_of(annotations: &str) -> String {
    format!(
        r#"{{"export_date":"2024-12-09T08:15:03.412Z","export_userid":"acct:reader@hypothes.is",
            "client_version":"1.1546.0","annotations":{annotations}}}"#
    )
}

/// A Hypothesis annotation of the headline's first sentence, with `fields` spliced in.
fn annotation_with(fields: &str) -> String {
    format!(
        r#"{{"id":"a1","created":"2024-12-08T10:44:10.201634+00:00",
            "updated":"2024-12-08T10:44:10.201634+00:00","text":"","tags":[],
            "uri":"https://news.example/assad",
            "target":[{{"source":"https://news.example/assad","selector":[
                {{"type":"TextPositionSelector","start":61,"end":95}},
                {{"type":"TextQuoteSelector","exact":"Bashar al-Assad has fled Damascus.",
                  "prefix":"Middle East\n08.12.2024 10:42\n","suffix":" Rebels enter presidential palace"}}]}}]
            {fields}}}"#
    )
}

#[test]
fn hypothesis_page_notes_and_replies_are_told_apart() {
    let article = seed();
    let file = export_of(&format!(
        "[{}, {}, {}, {}]",
        annotation_with(""),
        // A page note without any target, and a reply written before `references` was set.
        r#"{"id":"n1","created":"2024-12-08T11:00:00Z","updated":"2024-12-08T11:00:00Z","text":"On the whole page.","tags":[]}"#,
        r#"{"id":"r1","references":["a1"],"text":"A reply.","target":[{"source":"https://news.example/assad"}]}"#,
        r#"{"id":"r2","references":["a1","r1"],"text":"A reply to the reply.","target":[{"source":"https://news.example/assad"}]}"#,
    ));
    let p = preview(&file);
    assert_eq!(
        p.to_string(),
        "1 new, 0 updated, 0 unchanged, 1 could not be placed, 2 replies not imported"
    );
    assert_eq!(
        p.new[0].target,
        sentences(article, "has fled Damascus", "has fled Damascus")
    );
    assert_eq!(p.unplaced[0].note, "On the whole page.");

    let empty = preview(&export_of("[]"));
    assert_eq!(empty.format, Format::Hypothesis);
    assert_eq!(
        empty.to_string(),
        "0 new, 0 updated, 0 unchanged, 0 could not be placed"
    );

    // Without an id, the id is made from the content: the same every time.
    let no_id = export_of(&format!(
        "[{}]",
        annotation_with("").replace(r#""id":"a1","#, "")
    ));
    let id = preview(&no_id).new[0].id.clone();
    assert!(id.starts_with("urn:scholia:import:"), "{id}");
    assert_eq!(preview(&no_id).new[0].id, id);
}

#[test]
fn a_damaged_hypothesis_export_is_refused_with_the_field() {
    let wrong = |file: &str, at: &str, field: &str| match refusal(file) {
        ImportError::WrongType {
            at: refused_at,
            field: refused_field,
            ..
        } => assert_eq!(
            (refused_at.as_str(), refused_field.as_str()),
            (at, field),
            "{file}"
        ),
        e => panic!("{file}: {e}"),
    };
    wrong(&export_of("{}"), "the file", "annotations");
    wrong(&export_of("[7]"), "the file", "annotations");
    wrong(
        &export_of(&format!("[{}, \"a2\"]", annotation_with(""))),
        "the file",
        "annotations",
    );
    let one = |fields: &str| export_of(&format!("[{}]", annotation_with(fields)));
    wrong(&one(r#","text":{"markdown":"x"}"#), "annotation 1", "text");
    wrong(&one(r#","tags":["ok",7]"#), "annotation 1", "tags");
    wrong(
        &one(r#","references":[null]"#),
        "annotation 1",
        "references",
    );
    wrong(&one(r#","created":"yesterday""#), "annotation 1", "created");
    wrong(&one(r#","id":42"#), "annotation 1", "id");
    wrong(
        &one("").replace(
            r#""exact":"Bashar al-Assad has fled Damascus.""#,
            r#""exact":34"#,
        ),
        "annotation 1",
        "exact",
    );
    wrong(
        &one("").replace(r#""selector":["#, r#""selector":[5,"#),
        "annotation 1",
        "selector",
    );
    assert!(
        refusal(&one(r#","tags":["ok",7]"#))
            .to_string()
            .starts_with("annotation 1: `tags` should be "),
    );

    let negative = one("").replace(r#""start":61"#, r#""start":-61"#);
    assert_eq!(
        refusal(&negative),
        ImportError::OutOfRange {
            at: "annotation 1".into(),
            start: Some(-61),
            end: Some(95)
        }
    );
    let file = one("");
    let cut = &file[..file.len() / 2];
    assert_eq!(refusal(cut), ImportError::Truncated);

    let many = export_of(&format!("[{}]", vec!["{}"; MAX_ANNOTATIONS + 1].join(",")));
    assert_eq!(
        refusal(&many),
        ImportError::TooMany {
            count: MAX_ANNOTATIONS + 1
        }
    );
}

#[test]
fn json_that_is_no_known_shape_is_refused() {
    // `annotations` without the export's other members, and the Hypothesis API's search results.
    for file in [
        format!(r#"{{"annotations":[{}]}}"#, annotation_with("")),
        format!(r#"{{"total":1,"rows":[{}]}}"#, annotation_with("")),
    ] {
        let e = refusal(&file);
        assert!(matches!(e, ImportError::NotAnnotations { .. }), "{e}");
        assert!(
            e.to_string().contains("not a Hypothesis export either"),
            "{e}"
        );
    }
}

// ---- Recogito ----

#[test]
fn recogitos_annotations_are_placed_with_comments_replies_and_tags() {
    let article = seed();
    let p = preview(RECOGITO);
    assert_eq!(p.format, Format::WebAnnotation);
    assert_eq!(
        p.to_string(),
        "4 new, 0 updated, 0 unchanged, 0 could not be placed"
    );

    let commented = placed(&p, "#a88b22d0-6106-4872-9435-c78b5e89fede");
    assert_eq!(
        commented.target,
        sentences(
            article,
            "In the statement read on television",
            "In the statement read"
        )
    );
    assert_eq!(
        commented.note,
        "Is this the same statement as the one on state TV?\n\nYes: read on television, per AFP.",
        "a reply is part of the annotation's conversation: it follows the comment"
    );
    assert_eq!(commented.label, Label::default());
    assert_eq!(commented.created, 0, "the file gives no time");

    let tagged = placed(&p, "5f0c3f2e-7b0e-4f3c-9d1a-2b6c8e4a9d17");
    assert_eq!(
        tagged.target,
        sentences(
            article,
            "Saydnaya military prison",
            "Saydnaya military prison"
        )
    );
    assert_eq!(
        (tagged.note.as_str(), tagged.tags.clone()),
        ("", vec!["HTS".to_owned(), "prison".to_owned()])
    );
    assert_eq!(tagged.created, 1_733_659_500_000);
    assert_eq!(tagged.modified, 1_733_659_570_000);

    let both = placed(&p, "c3d5e7f9-2a4b-4c6d-8e0f-1a3b5c7d9e2f");
    assert_eq!(
        both.target,
        sentences(article, "al-Jalali announced", "al-Jalali announced")
    );
    assert_eq!(both.note, "He stays: a sign of an orderly handover?");
    assert_eq!(both.tags, ["transition"]);

    let bare = placed(&p, "e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b");
    assert_eq!(
        bare.target,
        sentences(article, "The city of Homs fell", "The city of Homs fell")
    );
    assert_eq!((bare.note.as_str(), bare.tags.len()), ("", 0));
}

#[test]
fn importing_recogitos_file_twice_changes_nothing() {
    assert_idempotent(RECOGITO);
}

// ---- Selectors refined by a quote ----

#[test]
fn a_quote_that_refines_another_selector_places_the_annotation() {
    let article = seed();
    let p = preview(REFINED_BY);
    assert_eq!(
        p.to_string(),
        "3 new, 0 updated, 0 unchanged, 0 could not be placed"
    );
    let fragment = placed(&p, "https://annotations.example/a/fragment");
    assert_eq!(
        fragment.target,
        sentences(
            article,
            "granted asylum by Russian",
            "granted asylum by Russian"
        )
    );
    assert_eq!(fragment.note, "Where is the Kremlin source named?");
    let range = placed(&p, "https://annotations.example/a/range");
    assert_eq!(
        range.target,
        sentences(article, "Hayat Tahrir al-Sham", "Hayat Tahrir al-Sham")
    );
    let css = placed(&p, "https://annotations.example/a/css");
    assert_eq!(
        css.target,
        sentences(article, "We call on all parties", "We call on all parties"),
        "the refinements of a list are read too; their position counts within the element"
    );
    assert_eq!(css.tags, ["humanitarian law"]);
    assert_idempotent(REFINED_BY);
}

#[test]
fn a_refinement_that_is_not_a_selector_is_refused() {
    let file = r#"{"type":"Annotation","target":{"selector":{"type":"FragmentSelector","value":"p1",
        "refinedBy":[{"type":"TextQuoteSelector","exact":"Bashar al-Assad has fled Damascus."},true]}}}"#;
    match refusal(file) {
        ImportError::WrongType { field, .. } => assert_eq!(field, "refinedBy"),
        e => panic!("{e}"),
    }
    // A refinement published elsewhere is not fetched: the quote among its siblings still counts.
    let linked = file.replace("true", r#""https://annotations.example/selectors/1""#);
    assert_eq!(preview(&linked).new.len(), 1);
}

// ---- Positions are hints ----

/// `exact` with `prefix`, as another tool quotes it, at `start` in its copy of the page.
fn quoted(exact: &str, prefix: &str, start: usize) -> [String; 2] {
    let end = start + exact.encode_utf16().count();
    let selectors = format!(
        r#"[{{"type":"TextPositionSelector","start":{start},"end":{end}}},
            {{"type":"TextQuoteSelector","exact":"{exact}","prefix":"{prefix}"}}]"#
    );
    let hypothesis = export_of(&format!(
        r#"[{{"id":"h1","text":"","tags":[],"target":[{{"source":"https://news.example/assad","selector":{selectors}}}]}}]"#
    ));
    let web_annotation = format!(
        r#"[{{"type":"Annotation","id":"w1","target":{{"source":"https://news.example/assad","selector":{selectors}}}}}]"#
    );
    [hypothesis, web_annotation]
}

/// Where `needle` starts in the seed article, in code points, after `after`.
fn char_offset(needle: &str, after: &str) -> usize {
    let from = SEED.find(after).unwrap_or_else(|| panic!("no {after:?}"));
    let at = from
        + SEED[from..]
            .find(needle)
            .unwrap_or_else(|| panic!("no {needle:?}"));
    SEED[..at].chars().count()
}

#[test]
fn a_repeated_quote_is_placed_by_its_context_not_by_another_tools_position() {
    let article = seed();
    let quote = "the capital Damascus";
    assert!(SEED.matches(quote).count() >= 3);
    // The position is exactly where this article has the quote in another sentence: it counts
    // something else, so the context decides.
    let elsewhere = char_offset(quote, "in the center of");
    for file in quoted(quote, "and the liberation of ", elsewhere) {
        assert_eq!(
            preview(&file).new[0].target,
            sentences(article, "In the statement read", "In the statement read"),
            "{file}"
        );
    }
    // In Scholia's own file a position counts code points of a copy of this very article.
    let ours = w3c_of_ours(quote, "and the liberation of ", elsewhere);
    assert_eq!(
        preview(&ours).new[0].target,
        sentences(
            article,
            "Dozens of people gathered",
            "Dozens of people gathered"
        )
    );
}

/// A Web Annotation that says it was made by Scholia on this article.
fn w3c_of_ours(exact: &str, prefix: &str, start: usize) -> String {
    let source = article_iri(seed());
    let end = start + exact.chars().count();
    format!(
        r#"{{"type":"Annotation","id":"s1","target":{{"source":"{source}","selector":[
            {{"type":"TextQuoteSelector","exact":"{exact}","prefix":"{prefix}"}},
            {{"type":"TextPositionSelector","start":{start},"end":{end}}}]}}}}"#
    )
}

#[test]
fn another_tools_position_breaks_a_tie_that_the_context_leaves() {
    let text = "Two cats\n\nThe cat sat. The dog ran. The cat sat.";
    let article = Article::parse(text);
    let first = text.find("The cat sat.").unwrap_or_default();
    let second = text.rfind("The cat sat.").unwrap_or_default();
    assert!(first < second);
    // Their page has a few more code units before the article: the position is still nearer
    // the occurrence they quoted.
    for (start, sid) in [(first + 3, 1), (second + 3, 3)] {
        for file in quoted("The cat sat.", "", start) {
            let p = import(&file, &article, &Store::default()).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(
                p.new[0].target,
                target_for(&article, sid, sid).unwrap_or_else(|| panic!()),
                "{file}"
            );
        }
    }
}

#[test]
fn a_quote_that_is_not_in_this_article_is_listed_with_its_note() {
    let other = Article::parse("Another article\n\nNothing in common here.");
    let p = import(HYPOTHESIS, &other, &Store::default()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        p.to_string(),
        "0 new, 0 updated, 0 unchanged, 6 could not be placed, 1 reply not imported"
    );
    assert!(p.unplaced.iter().any(|a| {
        a.target
            .exact
            .starts_with("Syrian President Bashar al-Assad")
    }));
}
