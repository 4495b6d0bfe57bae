//! Small adapters around browser APIs. Each one turns the browser's exceptions and missing
//! features into plain results, so that nothing here can panic on a hostile or old browser.

pub mod address;
pub mod article_store;
pub mod clipboard;
pub mod compression;
pub mod files;
pub mod json;
pub mod page;
pub mod persist;
pub mod service_worker;
pub mod storage;

use wasm_bindgen::JsCast;

fn document() -> Option<web_sys::Document> {
    web_sys::window().and_then(|w| w.document())
}

/// A property of `navigator` that old browsers or insecure pages may lack, such as `storage` or
/// `serviceWorker`: read by name, so that a missing one is `None`, not an exception.
pub fn navigator_property<T: JsCast>(name: &str) -> Option<T> {
    let navigator = web_sys::window()?.navigator();
    js_sys::Reflect::get(&navigator, &wasm_bindgen::JsValue::from_str(name))
        .ok()?
        .dyn_into()
        .ok()
}

/// Resumes in a task of its own, so that the browser handles input, and paints if a frame is due,
/// before the next step of a long piece of work.
pub async fn yield_to_browser() {
    gloo_timers::future::TimeoutFuture::new(0).await;
}

/// Runs `f` once the browser has painted the next frame: a frame callback runs before its frame is
/// painted, a task queued from it after. Where frames cannot be asked for, it runs in a later task.
pub fn after_first_paint(f: impl FnOnce() + 'static) {
    let later = move || {
        wasm_bindgen_futures::spawn_local(async move {
            yield_to_browser().await;
            f();
        })
    };
    let Some(window) = web_sys::window() else {
        return later();
    };
    // Freed once it has run.
    let frame = wasm_bindgen::closure::Closure::once_into_js(later);
    let _ = window.request_animation_frame(frame.unchecked_ref());
}

/// The id of the copy of the first screen that `index.html` paints before the wasm arrives
/// (scripts/lib/first-screen.mjs).
const FIRST_SCREEN_ID: &str = "first-screen";

/// Takes the copy of the first screen off the page, once the app is on it: in the same task, so
/// that no frame shows both or neither.
pub fn remove_first_screen() {
    if let Some(copy) = document().and_then(|d| d.get_element_by_id(FIRST_SCREEN_ID)) {
        copy.remove();
    }
}

/// Sets which way the page's layout runs, as the `dir` of its root element.
pub fn set_document_direction(dir: &str) {
    if let Some(root) = document().and_then(|d| d.document_element()) {
        let _ = root.set_attribute("dir", dir);
    }
}

/// Sets the tab's title.
pub fn set_document_title(title: &str) {
    if let Some(document) = document() {
        document.set_title(title);
    }
}

/// Wall-clock time in milliseconds since the epoch, for annotation times.
pub fn now_ms() -> u64 {
    // Date.now() is a whole, positive number of milliseconds well inside u64.
    js_sys::Date::now() as u64
}

/// A fresh annotation id: 16 hex digits from the browser's random source.
pub fn random_id() -> String {
    let mut bytes = [0u8; 8];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        // No Web Crypto: Math.random is weaker but ids only need to be unique, not secret.
        for b in &mut bytes {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The elements under `root` that match `selector`, in document order.
pub fn elements(root: &web_sys::Element, selector: &str) -> Vec<web_sys::HtmlElement> {
    let Ok(list) = root.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into().ok())
        .collect()
}

/// Focuses the element with `id`, if there is one.
pub fn focus_id(id: &str) {
    let element = document()
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        let _ = element.focus();
    }
}

/// Brackets `work` with User Timing marks so that its duration shows as `name` in the browser's
/// performance tools (and to the benchmark).
pub fn measure<T>(name: &str, work: impl FnOnce() -> T) -> T {
    let performance = web_sys::window().and_then(|w| w.performance());
    let start = format!("{name}:start");
    if let Some(p) = &performance {
        let _ = p.mark(&start);
    }
    let result = work();
    if let Some(p) = &performance {
        let _ = p.measure_with_start_mark(name, &start);
        p.clear_marks_with_mark_name(&start);
    }
    result
}
