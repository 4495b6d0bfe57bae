//! Copying text to the clipboard.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Copies `text`; `false` when the browser has no clipboard API (insecure pages, old browsers) or
/// refuses (no permission, the page not focused).
pub async fn copy(text: &str) -> bool {
    let Some(clipboard) = clipboard() else {
        return false;
    };
    JsFuture::from(clipboard.write_text(text)).await.is_ok()
}

/// `navigator.clipboard`, which is missing where it is not allowed.
fn clipboard() -> Option<web_sys::Clipboard> {
    let navigator = web_sys::window()?.navigator();
    js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard"))
        .ok()?
        .dyn_into()
        .ok()
}
