//! Exports and imports: round trips, merges, other tools' Web Annotations, and hostile input.

use std::fs;
use std::path::PathBuf;
use std::sync::LazyLock;

use proptest::prelude::*;
use scholia_core::anchor::target_for;
use scholia_core::annotation::{Annotation, Label, Labels, clean_tags};
use scholia_core::article::Article;
use scholia_core::codec::SerdeJson;
use scholia_core::formats::limits::{MAX_ANNOTATIONS, MAX_FILE_BYTES};
use scholia_core::formats::share::{LINK_PREFIX, ShareLink, share_draft, text_fragment};
use scholia_core::formats::{Format, ImportError, ImportPreview, clean_note, csv, markdown, w3c};
use scholia_core::history::Annotator;
use scholia_core::store::Store;

const SEED: &str = include_str!("../../articles/assad-flees-damascus.txt");

fn seed() -> Article {
    SEED_ARTICLE.clone()
}

static SEED_ARTICLE: LazyLock<Article> = LazyLock::new(|| Article::parse(SEED));

fn sentence_with(article: &Article, words: &str) -> usize {
    article
        .find_sentence(words)
        .unwrap_or_else(|| panic!("no sentence with {words:?}"))
}

fn annotation(article: &Article, id: &str, first: usize, last: usize) -> Annotation {
    Annotation {
        id: id.into(),
        target: target_for(article, first, last).unwrap_or_else(|| panic!("no target")),
        label: Label::new(1).unwrap_or_default(),
        note: "A note.".into(),
        tags: vec!["tag".into()],
        created: 1_733_652_000_000,
        modified: 1_733_652_060_000,
        deleted: false,
    }
}

fn import(bytes: &[u8], article: &Article, store: &Store) -> Result<ImportPreview, ImportError> {
    scholia_core::formats::import(&SerdeJson, bytes, article, store)
}

fn w3c_export(article: &Article, store: &Store) -> String {
    w3c::export(&SerdeJson, article, store).unwrap_or_else(|e| panic!("{e}"))
}

fn markdown_export(article: &Article, store: &Store) -> String {
    markdown::export(&SerdeJson, article, store).unwrap_or_else(|e| panic!("{e}"))
}

fn preview(file: &str, article: &Article, store: &Store) -> ImportPreview {
    import(file.as_bytes(), article, store).unwrap_or_else(|e| panic!("refused: {e}"))
}

/// A share link deflated as the browser does it in the app (raw DEFLATE).
fn share_link(article: &Article, store: &Store) -> ShareLink {
    let draft = share_draft(&SerdeJson, article, store).unwrap_or_else(|e| panic!("{e}"));
    let deflated = miniz_oxide::deflate::compress_to_vec(draft.data(), 6);
    draft.link(&deflated)
}

fn refusal(bytes: &[u8]) -> ImportError {
    match import(bytes, &seed(), &Store::default()) {
        Err(e) => e,
        Ok(p) => panic!("imported: {p}"),
    }
}

/// The preview's new annotations in id order, as a store lists them.
fn new_by_id(preview: &ImportPreview) -> Vec<Annotation> {
    let mut new = preview.new.clone();
    new.sort_by(|a, b| a.id.cmp(&b.id));
    new
}

// ---- Properties ----

/// Text that is hard to carry through Markdown and JSON: arbitrary Unicode mixed with the
/// syntax of both.
fn awkward_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => any::<String>(),
        1 => prop::sample::select(vec![
            "```", "````note", "~~~", "-->", "<!--", "<!-- scholia:annotation {}", "# ", "## 2. x",
            "> ", ">", "\n", "\r\n", "\r", "\t", "Tags:", "\n- ", "- ", "`", "\\", "\"", "<script>",
            "&amp;", "\u{feff}", "\u{202e}", "é", "🙂", " ", "=1+1", "share=v1.",
        ])
        .prop_map(str::to_owned),
    ];
    prop::collection::vec(piece, 0..8).prop_map(|pieces| pieces.concat())
}

fn id_strategy() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<u64>().prop_map(|n| format!("{n:016x}")),
        (0..1000u32).prop_map(|n| format!("https://example.org/annotations/{n}")),
        "[A-Za-z0-9_-]{1,24}",
    ]
}

prop_compose! {
    fn arbitrary_annotation(sentences: usize)(
        id in id_strategy(),
        first in 0..sentences,
        len in 0..3usize,
        label in 0..5usize,
        note in awkward_text(),
        tags in prop::collection::vec(awkward_text(), 0..4),
        created in 0..253_402_000_000_000u64,
        age in 0..10_000_000_000u64,
    ) -> Annotation {
        let last = (first + len).min(sentences - 1);
        Annotation {
            id,
            target: target_for(&SEED_ARTICLE, first, last).unwrap_or_else(|| panic!("no target")),
            label: Label::new(label).unwrap_or_default(),
            // What the app holds: notes and tags as the import cleans them.
            note: clean_note(&note),
            tags: clean_tags(tags.iter().map(String::as_str)),
            created,
            modified: created + age,
            deleted: false,
        }
    }
}

fn arbitrary_store() -> impl Strategy<Value = Store> {
    let sentences = seed().sentences().len();
    (
        prop::collection::vec(arbitrary_annotation(sentences), 0..12),
        prop::collection::vec(awkward_text(), 5),
    )
        .prop_map(|(annotations, names)| {
            let mut labels = Labels::default();
            for (label, name) in Label::all().zip(&names) {
                labels.rename(label, name);
            }
            Store::new(labels, annotations)
        })
}

fn exports(article: &Article, store: &Store) -> [(Format, String); 3] {
    [
        (Format::WebAnnotation, w3c_export(article, store)),
        (Format::Markdown, markdown_export(article, store)),
        (Format::ShareLink, share_link(article, store).fragment),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn export_then_import_is_the_identity(store in arbitrary_store()) {
        let article = seed();
        let live: Vec<Annotation> = store.live().cloned().collect();
        for (format, file) in exports(&article, &store) {
            let preview = preview(&file, &article, &Store::default());
            prop_assert_eq!(preview.format, format);
            prop_assert_eq!(&new_by_id(&preview), &live, "{:?}\n{}", format, file);
            prop_assert!(preview.updated.is_empty() && preview.unplaced.is_empty());
            let names: Vec<(Label, String)> = preview
                .sender_labels
                .iter()
                .filter(|(l, _)| live.iter().any(|a| a.label == *l) || format != Format::WebAnnotation)
                .cloned()
                .collect();
            for (label, name) in names {
                // Label names are cleaned again on the way in (a name cut to its length limit
                // may end in a space).
                let mut cleaned = Labels::default();
                cleaned.rename(label, store.labels().name(label));
                prop_assert_eq!(cleaned.name(label), name);
            }
        }
    }

    #[test]
    fn importing_twice_changes_nothing_more(store in arbitrary_store(), first_half in any::<bool>()) {
        let article = seed();
        for (_, file) in exports(&article, &store) {
            // The reader may already hold some of the annotations.
            let held = store.live().enumerate().filter(|(i, _)| (i % 2 == 0) == first_half);
            let mut annotator = Annotator::new(Store::new(Labels::default(), held.map(|(_, a)| a.clone())));
            let once = preview(&file, &article, annotator.store());
            annotator.put_many("import", once.to_apply());
            let after_once = annotator.store().clone();
            let twice = preview(&file, &article, annotator.store());
            prop_assert!(twice.new.is_empty() && twice.updated.is_empty(), "{}", twice);
            prop_assert_eq!(twice.unchanged, store.live().count());
            prop_assert_eq!(annotator.put_many("import", twice.to_apply()), 0);
            prop_assert_eq!(annotator.store(), &after_once);
        }
    }

    #[test]
    fn import_never_panics_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = import(&bytes, &seed(), &Store::default());
    }

    #[test]
    fn import_never_panics_on_damaged_exports(
        store in arbitrary_store(),
        cut in any::<prop::sample::Index>(),
        at in any::<prop::sample::Index>(),
        byte in any::<u8>(),
    ) {
        let article = seed();
        for (_, file) in exports(&article, &store) {
            let bytes = file.as_bytes();
            let _ = import(&bytes[..cut.index(bytes.len() + 1)], &article, &store);
            let mut flipped = bytes.to_vec();
            if !flipped.is_empty() {
                flipped[at.index(bytes.len())] = byte;
            }
            let _ = import(&flipped, &article, &store);
        }
    }
}

// ---- Exports ----

#[test]
fn the_export_is_a_collection_with_the_articles_metadata() {
    let article = seed();
    let fled = sentence_with(&article, "has left Damascus on a plane");
    let store = Store::new(
        Labels::default(),
        [
            annotation(&article, "a1", fled, fled),
            Annotation {
                deleted: true,
                ..annotation(&article, "gone", 0, 0)
            },
        ],
    );
    let json: serde_json::Value =
        serde_json::from_str(&w3c_export(&article, &store)).unwrap_or_default();
    assert_eq!(json["@context"], "http://www.w3.org/ns/anno.jsonld");
    assert_eq!(json["type"], "AnnotationCollection");
    assert_eq!(
        json["label"],
        "Bashar al-Assad has fled Damascus. Rebels enter presidential palace"
    );
    assert_eq!(json["total"], 1, "tombstones are not exported");
    let item = &json["first"]["items"][0];
    assert_eq!(item["id"], "urn:scholia:annotation:a1");
    assert_eq!(item["created"], "2024-12-08T10:00:00Z");
    let target = &item["target"];
    assert!(
        target["source"]
            .as_str()
            .is_some_and(|s| s.starts_with("urn:scholia:article:"))
    );
    assert_eq!(target["styleClass"], "scholia-label-2");
    assert_eq!(target["selector"][0]["type"], "TextQuoteSelector");
    assert_eq!(target["selector"][1]["type"], "TextPositionSelector");
    let exact = target["selector"][0]["exact"].as_str().unwrap_or_default();
    let start = target["selector"][1]["start"].as_u64().unwrap_or_default() as usize;
    let by_position: String = SEED
        .chars()
        .skip(start)
        .take(exact.chars().count())
        .collect();
    assert_eq!(by_position, exact, "positions count code points");

    let empty = w3c_export(&article, &Store::default());
    assert!(!empty.contains("\"first\""), "no empty page: {empty}");
}

#[test]
fn csv_has_a_header_crlf_rows_and_no_formulas() {
    let article = seed();
    let mut a = annotation(&article, "a1", 0, 0);
    a.note = "=HYPERLINK(\"http://evil.example\",\"click\")".into();
    a.tags = vec!["@import".into(), "+1".into()];
    let out = csv::export(&article, &Store::new(Labels::default(), [a]));
    let rows: Vec<&str> = out.split_terminator("\r\n").collect();
    assert_eq!(rows.len(), 2, "{out}");
    assert!(rows[0].starts_with("Quote,Label,Label number,Note,Tags"));
    assert!(rows[1].contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\","));
    assert!(rows[1].contains(",'@import; +1,"));
}

#[test]
fn the_share_link_starts_with_a_text_fragment_for_the_first_highlight() {
    let article = seed();
    let fled = sentence_with(&article, "has left Damascus on a plane");
    let mut gone = annotation(&article, "gone", 0, 0);
    gone.target.exact = "Not in this article.".into();
    let store = Store::new(
        Labels::default(),
        [
            annotation(&article, "b", fled, fled),
            annotation(&article, "a", 0, 0),
            gone,
        ],
    );
    let link = share_link(&article, &store);
    assert_eq!(link.left_out, 1);
    assert!(link.fragment.starts_with(&format!("#{LINK_PREFIX}")));
    assert!(
        link.fragment
            .ends_with(&text_fragment("Bashar al-Assad has fled Damascus.")),
        "{}",
        link.fragment
    );
}

// ---- Imports ----

#[test]
fn web_annotations_from_other_tools_are_read() {
    let article = seed();
    let file = include_str!("../../tests/hostile/other-tool.json");
    let p = preview(file, &article, &Store::default());
    assert_eq!(
        p.to_string(),
        "2 new, 0 updated, 0 unchanged, 1 could not be placed"
    );
    let comment = p
        .new
        .iter()
        .find(|a| a.id == "https://other-tool.example/a/1");
    assert_eq!(
        comment.map(|a| a.note.as_str()),
        Some("Who confirmed this?")
    );
    let sentence = sentence_with(&article, "citing two senior Syrian officials");
    assert_eq!(
        comment.map(|a| &a.target),
        target_for(&article, sentence, sentence).as_ref(),
        "placed on whole sentences of this copy"
    );
    let tagged = p
        .new
        .iter()
        .find(|a| a.id == "https://other-tool.example/a/2");
    assert_eq!(
        tagged.map(|a| a.tags.clone()),
        Some(vec!["asylum".to_owned()])
    );
    assert_eq!(p.unplaced[0].id, "https://other-tool.example/a/3");
    assert_eq!(p.unplaced[0].target.exact, "");
}

#[test]
fn the_shapes_of_a_web_annotation_document() {
    let article = seed();
    let one = r#"{"type":"Annotation","id":"x1","body":{"type":"TextualBody","value":"n"},
        "target":{"selector":{"type":"TextQuoteSelector","exact":"Bashar al-Assad has fled Damascus."}}}"#;
    let page = format!(r#"{{"type":"AnnotationPage","items":[{one}]}}"#);
    let collection_items = format!(r#"{{"type":"AnnotationCollection","items":[{one}]}}"#);
    let collection_pages = format!(
        r#"{{"type":"AnnotationCollection","first":{{"type":"AnnotationPage","items":[],
            "next":{{"type":"AnnotationPage","items":[{one}]}}}}}}"#
    );
    let array = format!("[{one}]");
    for file in [
        one.to_owned(),
        page,
        collection_items,
        collection_pages,
        array,
    ] {
        let p = preview(&file, &article, &Store::default());
        assert_eq!(p.new.len(), 1, "{file}");
        assert_eq!(p.new[0].note, "n");
        assert_eq!(p.new[0].label, Label::default());
    }
    for partial in [
        r#"{"type":"AnnotationPage","items":[],"next":"http://example.org/page2"}"#,
        r#"{"type":"AnnotationCollection","first":"http://example.org/page1"}"#,
        r#"[{"type":"Annotation","target":"http://example.org/page"}, 7]"#,
    ] {
        let e = refusal(partial.as_bytes());
        assert!(matches!(e, ImportError::NotAnnotations { .. }), "{e}");
    }
}

#[test]
fn a_newer_version_updates_and_an_older_one_changes_nothing() {
    let article = seed();
    let held = annotation(&article, "a1", 0, 0);
    let newer = Annotation {
        note: "Edited.".into(),
        modified: held.modified + 1,
        ..held.clone()
    };
    let older = Annotation {
        note: "Stale.".into(),
        modified: held.modified - 1,
        ..held.clone()
    };
    let existing = Store::new(Labels::default(), [held.clone()]);
    for (sent, updated, unchanged) in [(&newer, 1, 0), (&older, 0, 1), (&held, 0, 1)] {
        let file = w3c_export(&article, &Store::new(Labels::default(), [sent.clone()]));
        let p = preview(&file, &article, &existing);
        assert_eq!(
            (p.new.len(), p.updated.len(), p.unchanged),
            (0, updated, unchanged)
        );
    }
    let mut annotator = Annotator::new(existing);
    let file = markdown_export(&article, &Store::new(Labels::default(), [newer.clone()]));
    let p = preview(&file, &article, annotator.store());
    assert_eq!(annotator.put_many("import", p.to_apply()), 1);
    assert_eq!(annotator.store().get("a1"), Some(&newer));
    assert_eq!(annotator.undo(2_000_000_000_000).as_deref(), Some("import"));
    assert_eq!(
        annotator.store().get("a1").map(|a| a.note.as_str()),
        Some("A note.")
    );
}

#[test]
fn a_label_number_is_kept_and_a_name_alone_is_matched() {
    let article = seed();
    let mut mine = Labels::default();
    mine.rename(Label::new(3).unwrap_or_default(), "Sources");
    let existing = Store::new(mine, []);
    let file = r#"{"type":"Annotation","body":{"type":"TextualBody","purpose":"highlighting","value":"sources"},
        "target":{"selector":{"type":"TextQuoteSelector","exact":"Bashar al-Assad has fled Damascus."}}}"#;
    let p = preview(file, &article, &existing);
    assert_eq!(p.new[0].label, Label::new(3).unwrap_or_default());
    assert!(p.new[0].id.starts_with("urn:scholia:import:"));
    let again = preview(file, &article, &existing);
    assert_eq!(again.new[0].id, p.new[0].id, "a derived id is stable");

    let mut theirs = Labels::default();
    theirs.rename(Label::new(1).unwrap_or_default(), "Claim");
    let sent = Store::new(theirs, [annotation(&article, "a1", 0, 0)]);
    let p = preview(&w3c_export(&article, &sent), &article, &existing);
    assert_eq!(p.new[0].label, Label::new(1).unwrap_or_default());
    assert_eq!(
        p.sender_labels,
        vec![(Label::new(1).unwrap_or_default(), "Claim".to_owned())]
    );
}

#[test]
fn a_share_link_finds_its_sentences_in_a_slightly_different_copy() {
    let article = seed();
    let fled = sentence_with(&article, "has left Damascus on a plane");
    let sent = Store::new(
        Labels::default(),
        [annotation(&article, "a1", fled, fled + 1)],
    );
    let link = share_link(&article, &sent).fragment;
    let edited = Article::parse(SEED.replacen(
        "\n\n",
        "\n\nAn editor's note added at the top. It has two sentences.\n\n",
        1,
    ));
    let url = format!("https://scholia.example/app{link}");
    let p = preview(&url, &edited, &Store::default());
    let moved = sentence_with(&edited, "has left Damascus on a plane");
    assert_eq!(moved, fled + 2);
    assert_eq!(
        p.new[0].target,
        target_for(&edited, moved, moved + 1).unwrap_or_else(|| panic!())
    );
    let elsewhere = Article::parse("Another article\n\nNothing in common here.");
    let p = preview(&url, &elsewhere, &Store::default());
    assert_eq!(p.unplaced.len(), 1);
    assert!(p.unplaced[0].target.exact.starts_with("Syrian President"));
}

#[test]
fn a_markdown_export_of_a_crlf_article_survives_line_end_changes() {
    let crlf = SEED.replace('\n', "\r\n");
    let article = Article::parse(crlf.as_str());
    let last = article.sentences().len() - 1;
    // Two sentences across a paragraph break: the quote holds "\r\n\r\n".
    let a = Annotation {
        id: "a1".into(),
        target: target_for(&article, 1, 2).unwrap_or_else(|| panic!()),
        ..annotation(&article, "a1", last, last)
    };
    let store = Store::new(Labels::default(), [a.clone()]);
    for file in [
        markdown_export(&article, &store),
        markdown_export(&article, &store).replace("\r\n", "\n"),
    ] {
        assert_eq!(
            preview(&file, &article, &Store::default()).new,
            vec![a.clone()]
        );
    }
}

#[test]
fn damaged_markdown_is_refused_with_the_line() {
    let article = seed();
    let store = Store::new(Labels::default(), [annotation(&article, "a1", 0, 0)]);
    let file = markdown_export(&article, &store);
    let unclosed = file.replace("\n```\n", "\n");
    let e = import(unclosed.as_bytes(), &article, &store).err();
    assert!(
        e.as_ref()
            .is_some_and(|e| e.to_string().contains("is not closed")),
        "{e:?}"
    );
    let extra = file.replace("Tags:", "Some words typed here\n\nTags:");
    let e = import(extra.as_bytes(), &article, &store).err();
    assert!(
        matches!(&e, Some(ImportError::Markdown { problem, .. }) if problem.contains("Some words typed here")),
        "{e:?}"
    );
}

#[test]
fn files_over_the_limits_are_refused() {
    let mut big = vec![b' '; MAX_FILE_BYTES + 1];
    big[0] = b'[';
    assert_eq!(
        refusal(&big),
        ImportError::TooLarge {
            bytes: MAX_FILE_BYTES + 1
        }
    );
    assert!(
        refusal(&big)
            .to_string()
            .contains("files over 10 MB are refused")
    );

    let one = r#"{"type":"Annotation","target":"http://example.org/page"}"#;
    let many = format!("[{}]", vec![one; MAX_ANNOTATIONS + 1].join(","));
    assert_eq!(
        refusal(many.as_bytes()),
        ImportError::TooMany {
            count: MAX_ANNOTATIONS + 1
        }
    );
    let at_the_limit = format!("[{}]", vec![one; MAX_ANNOTATIONS].join(","));
    let p = import(at_the_limit.as_bytes(), &seed(), &Store::default());
    assert_eq!(p.map(|p| p.unplaced.len()), Ok(MAX_ANNOTATIONS));
}

#[test]
fn positions_that_are_not_whole_numbers_of_characters_are_out_of_range() {
    let with_position = |start: &str, end: &str| {
        format!(
            r#"{{"type":"Annotation","target":{{"selector":[
                {{"type":"TextQuoteSelector","exact":"Bashar al-Assad has fled Damascus."}},
                {{"type":"TextPositionSelector","start":{start},"end":{end}}}]}}}}"#
        )
    };
    for (start, end, shown) in [
        ("0", "2.5", None),
        ("1e30", "2", None),
        ("-1", "2", Some((-1, 2))),
        ("3", "2", Some((3, 2))),
        ("0", "4294967296", Some((0, 4_294_967_296))),
    ] {
        match refusal(with_position(start, end).as_bytes()) {
            ImportError::OutOfRange { start, end, .. } => {
                assert_eq!(start.zip(end), shown);
            }
            e => panic!("{e}"),
        }
    }
    // Too long for a double: serde_json refuses it as it parses (the browser reads it as
    // Infinity, which is out of range).
    let digits = "9".repeat(5000);
    assert!(matches!(
        refusal(with_position("0", &digits).as_bytes()),
        ImportError::InvalidJson { .. }
    ));
}

#[test]
fn hostile_content_imports_as_inert_text() {
    let article = seed();
    let json = fs::read(hostile_dir().join("script-in-note.json")).unwrap_or_default();
    let p = import(&json, &article, &Store::default()).unwrap_or_else(|e| panic!("{e}"));
    let a = &p.new[0];
    assert_eq!(
        a.note,
        "<script>alert(document.cookie)</script><img src=x onerror=\"alert(1)\">"
    );
    assert_eq!(a.tags, ["<b onmouseover=alert(1)>bold</b>"]);
    assert_eq!(a.id, "javascript:alert(1)", "ids are data, kept as given");

    let md = fs::read(hostile_dir().join("javascript-link.md")).unwrap_or_default();
    let p = import(&md, &article, &Store::default()).unwrap_or_else(|e| panic!("{e}"));
    assert!(p.new.iter().any(|a| {
        a.note
            .contains("[click me](javascript:alert(document.cookie))")
            && a.tags == ["javascript:alert(3)"]
    }));
}

// ---- The hostile corpus ----

fn hostile_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/hostile")
}

/// `(file, outcome, expected)` from the table in `tests/hostile/README.md`.
fn corpus_table() -> Vec<(String, String, String)> {
    let readme = fs::read_to_string(hostile_dir().join("README.md")).unwrap_or_default();
    readme
        .lines()
        .filter(|line| line.starts_with("| `"))
        .map(|line| {
            let cells: Vec<&str> = line
                .split(" | ")
                .map(|c| c.trim_matches(['|', ' ']))
                .collect();
            let unquote = |s: &str| s.trim_matches('`').trim().to_owned();
            (unquote(cells[0]), cells[1].to_owned(), unquote(cells[2]))
        })
        .collect()
}

#[test]
fn every_file_of_the_hostile_corpus_has_its_expected_outcome() {
    let article = seed();
    let table = corpus_table();
    let mut files: Vec<String> = fs::read_dir(hostile_dir())
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name != "README.md")
        .collect();
    files.sort();
    let mut listed: Vec<String> = table.iter().map(|(file, _, _)| file.clone()).collect();
    listed.sort();
    assert_eq!(files, listed, "the README lists every file, and only those");
    for (file, outcome, expected) in table {
        let bytes = fs::read(hostile_dir().join(&file)).unwrap_or_default();
        let result = import(&bytes, &article, &Store::default());
        match (outcome.as_str(), result) {
            ("refused", Err(e)) => {
                assert!(e.to_string().contains(&expected), "{file}: {e}")
            }
            ("imported", Ok(p)) => assert_eq!(p.to_string(), expected, "{file}"),
            (_, result) => panic!("{file}: expected {outcome} ({expected}), got {result:?}"),
        }
    }
}
