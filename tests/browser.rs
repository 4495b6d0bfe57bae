//! Browser tests of the wasm shell, run in headless Chromium by `scripts/test`
//! (`cargo test --target wasm32-unknown-unknown`).
#![cfg(target_arch = "wasm32")]

use scholia::ui::App;
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
    leptos::mount::mount_to(container.clone(), App).forget();
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
