//! The page's address: where a share link points, and the share data in its fragment.

/// The page's address without its fragment.
pub fn page_url() -> Option<String> {
    let href = web_sys::window()?.location().href().ok()?;
    Some(match href.split_once('#') {
        Some((url, _)) => url.to_owned(),
        None => href,
    })
}

/// The page's fragment with its `#`, or an empty string. Browsers keep a Text Fragment
/// directive (`:~:text=…`) out of it, which leaves the share data that comes before it.
pub fn fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Drops the fragment from the address, without a reload or a new history entry.
pub fn clear_fragment() {
    let (Some(window), Some(url)) = (web_sys::window(), page_url()) else {
        return;
    };
    if let Ok(history) = window.history() {
        // If the browser refuses, the link stays in the address bar; nothing else depends on it.
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}
