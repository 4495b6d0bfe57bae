//! Small adapters around browser APIs. Each one turns the browser's exceptions and missing
//! features into plain results, so that nothing here can panic on a hostile or old browser.

pub mod persist;
pub mod service_worker;

/// Sets the tab's title; a page without a document (a worker) has none to set.
pub fn set_document_title(title: &str) {
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title(title);
    }
}
