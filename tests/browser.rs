//! Browser tests of the wasm shell, run in headless Chromium by `scripts/test`
//! (`cargo test --target wasm32-unknown-unknown`).
#![cfg(target_arch = "wasm32")]

use scholia_core::article::Article;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a browser test has a document")
}

/// Mounts the app into a fresh container and returns it.
fn mount_app() -> HtmlElement {
    let container: HtmlElement = document()
        .create_element("div")
        .expect("create a div")
        .unchecked_into();
    document()
        .body()
        .expect("a body")
        .append_child(&container)
        .expect("append the container");
    scholia::ui::mount_to(container.clone());
    container
}

#[wasm_bindgen_test]
fn renders_every_sentence_of_the_default_article_in_order() {
    let container = mount_app();
    let article = Article::parse(include_str!("../articles/assad-flees-damascus.txt"));
    let sentences = container
        .query_selector_all("[data-sid]")
        .expect("a valid selector");
    assert_eq!(sentences.length() as usize, article.sentences().len());
    for sid in 0..article.sentences().len() {
        let element: HtmlElement = sentences
            .item(sid as u32)
            .expect("an element per sentence")
            .unchecked_into();
        assert_eq!(element.dataset().get("sid"), Some(sid.to_string()));
        assert_eq!(
            element.text_content().as_deref(),
            article.sentence_text(sid),
            "sentence {sid}"
        );
    }
}

#[wasm_bindgen_test]
fn the_headline_is_the_h1_and_sets_the_tab_title() {
    let container = mount_app();
    let h1 = container
        .query_selector("h1")
        .ok()
        .flatten()
        .and_then(|h| h.text_content());
    let headline = "Bashar al-Assad has fled Damascus. Rebels enter presidential palace";
    assert_eq!(h1.as_deref(), Some(headline));
    assert_eq!(document().title(), format!("{headline} · Scholia"));
}

mod storage {
    use scholia::browser::storage::{LocalStorage, StorageError};
    use wasm_bindgen_test::*;

    #[wasm_bindgen_test]
    fn values_round_trip_and_are_listed() {
        let storage = LocalStorage::open().expect("localStorage in a test page");
        storage
            .set("scholia:test", "value ✓")
            .expect("a small write");
        assert_eq!(storage.get("scholia:test"), Ok(Some("value ✓".to_owned())));
        assert!(storage.keys().any(|k| k == "scholia:test"));
        storage.remove("scholia:test").expect("remove");
        assert_eq!(storage.get("scholia:test"), Ok(None));
    }

    #[wasm_bindgen_test]
    fn a_write_past_the_quota_is_reported_as_such() {
        let storage = LocalStorage::open().expect("localStorage in a test page");
        // Chromium allows about 5 MB of UTF-16 per origin: 6 million characters is past it.
        let too_big = "x".repeat(6_000_000);
        assert_eq!(
            storage.set("scholia:too-big", &too_big),
            Err(StorageError::QuotaExceeded)
        );
        assert_eq!(storage.get("scholia:too-big"), Ok(None));
    }
}

/// The browser's `JSON.parse` and `JSON.stringify` read and write what serde_json does.
mod json {
    use scholia::browser::json::BrowserJson;
    use scholia_core::anchor::target_for;
    use scholia_core::annotation::{Annotation, Label, Labels};
    use scholia_core::article::Article;
    use scholia_core::codec::SerdeJson;
    use scholia_core::formats::share::share_draft;
    use scholia_core::formats::{ImportError, import, markdown, w3c};
    use scholia_core::storage::{decode, encode};
    use scholia_core::store::Store;
    use wasm_bindgen_test::*;

    /// What readers' browsers hold today.
    const STORED_V2: &str = include_str!("../core/tests/data/stored-v2.json");

    fn sample_store(article: &Article) -> Store {
        let annotation = |id: &str, sentence: usize, note: &str, tags: &[&str]| Annotation {
            id: id.into(),
            target: target_for(article, sentence, sentence).expect("a sentence"),
            label: Label::new(sentence % 5).unwrap_or_default(),
            note: note.into(),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            created: 1_733_652_000_000,
            modified: 1_733_652_060_250,
            deleted: false,
        };
        let mut labels = Labels::default();
        labels.rename(Label::default(), "Claim \"quoted\"");
        Store::new(
            labels,
            [
                annotation("a1", 0, "", &[]),
                annotation(
                    "a2",
                    3,
                    "Line\nbreak, \u{1} control, <b>tag</b>, é 🙂",
                    &["x", "y"],
                ),
                Annotation {
                    deleted: true,
                    ..annotation("gone", 5, "", &[])
                },
            ],
        )
    }

    #[wasm_bindgen_test]
    fn the_stored_form_of_todays_readers_reads_and_writes_back_byte_for_byte() {
        let stored = STORED_V2.trim_end();
        let store = decode(&BrowserJson, stored).expect("version 2 reads");
        assert_eq!(store.all().count(), 2);
        assert_eq!(encode(&BrowserJson, &store).as_deref(), Ok(stored));
    }

    #[wasm_bindgen_test]
    fn exports_and_share_data_are_written_as_serde_json_writes_them() {
        let article = Article::parse(include_str!("../articles/assad-flees-damascus.txt"));
        let store = sample_store(&article);
        assert_eq!(
            w3c::export(&BrowserJson, &article, &store),
            w3c::export(&SerdeJson, &article, &store)
        );
        assert_eq!(
            markdown::export(&BrowserJson, &article, &store),
            markdown::export(&SerdeJson, &article, &store)
        );
        assert_eq!(encode(&BrowserJson, &store), encode(&SerdeJson, &store));
        assert_eq!(
            share_draft(&BrowserJson, &article, &store).map(|d| d.data().to_vec()),
            share_draft(&SerdeJson, &article, &store).map(|d| d.data().to_vec())
        );
    }

    #[wasm_bindgen_test]
    fn imports_read_as_they_do_natively() {
        let article = Article::parse(include_str!("../articles/assad-flees-damascus.txt"));
        let store = sample_store(&article);
        let file = w3c::export(&SerdeJson, &article, &store).expect("an export");
        let in_browser = import(&BrowserJson, file.as_bytes(), &article, &Store::default());
        assert_eq!(in_browser.as_ref().map(|p| p.new.len()), Ok(2));
        assert_eq!(
            in_browser,
            import(&SerdeJson, file.as_bytes(), &article, &Store::default())
        );
        for hostile in [
            &include_bytes!("hostile/wrong-types.json")[..],
            include_bytes!("hostile/out-of-range.json"),
            include_bytes!("hostile/negative-offset.json"),
            include_bytes!("hostile/other-tool.json"),
            include_bytes!("hostile/remote-page.json"),
            include_bytes!("../core/tests/data/hypothesis-export.json"),
            include_bytes!("../core/tests/data/recogito.json"),
            include_bytes!("../core/tests/data/refined-by.json"),
        ] {
            assert_eq!(
                import(&BrowserJson, hostile, &article, &Store::default()),
                import(&SerdeJson, hostile, &article, &Store::default())
            );
        }
        // The browser's parser words its errors its own way.
        let invalid = import(&BrowserJson, b"{'a': 1}", &article, &Store::default());
        assert!(
            matches!(invalid, Err(ImportError::InvalidJson { .. })),
            "{invalid:?}"
        );
    }
}

/// The browser's `DOMParser`, copied into the core's plain tree for the extractor.
mod page_parsing {
    use scholia::browser::page;
    use scholia_core::source::tree::{Node, Tree};
    use wasm_bindgen_test::*;

    #[wasm_bindgen_test]
    fn elements_attributes_and_text_arrive_in_document_order() {
        let tree = page::parse(
            "<html lang=ar><body><P CLASS='lead' data-x=1>One <b>two</b> three</P><!-- c --><script>x()</script></body></html>",
        )
        .expect("the browser parses HTML");
        let html = tree.element(tree.children(Tree::ROOT)[0]).expect("html");
        assert_eq!(html.name, "html");
        assert_eq!(html.attribute("lang"), Some("ar"));
        let p = tree.find("p").expect("a p");
        let element = tree.element(p).expect("an element");
        assert_eq!(element.attribute("class"), Some("lead"));
        assert_eq!(element.attribute("data-x"), Some("1"));
        let texts: Vec<&str> = tree
            .descendants(p)
            .filter_map(|id| match tree.node(id) {
                Some(Node::Text(text)) => Some(text.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(texts, ["One ", "two", " three"]);
        // Kept in the tree for the extractor to drop; the parser ran nothing.
        assert!(tree.find("script").is_some());
    }

    #[wasm_bindgen_test]
    fn deep_nesting_is_copied_without_overflowing_the_stack() {
        let depth = 20_000;
        let html = format!("{}deep{}", "<div>".repeat(depth), "</div>".repeat(depth));
        let tree = page::parse(&html).expect("the browser parses HTML");
        assert!(tree.len() > 1_000);
    }
}
