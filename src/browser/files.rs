//! Files in and out: reading a file the reader picked or dropped, and saving text as a download.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

/// How long a download's object URL stays valid: revoking it at once can cancel the download.
const REVOKE_AFTER_MS: i32 = 10_000;

/// Why a file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// Larger than the limit given, in bytes; the file was not read.
    TooLarge { bytes: usize },
    /// The browser could not read it (removed, no permission).
    Unreadable,
}

/// The bytes of `file`, unless it is larger than `max_bytes`: its size is checked first, so a
/// huge file is never read into memory.
pub async fn read_bytes(file: &web_sys::File, max_bytes: usize) -> Result<Vec<u8>, ReadError> {
    // A file's size is a whole number of bytes; anything past usize is too large anyway.
    let size = file.size();
    if size > max_bytes as f64 {
        return Err(ReadError::TooLarge {
            bytes: size.min(usize::MAX as f64) as usize,
        });
    }
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| ReadError::Unreadable)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Saves `text` as a file called `name`, of type `mime`, through the browser's downloads.
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), JsValue> {
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    let document = window
        .document()
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = Url::create_object_url_with_blob(&blob)?;
    let link: HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    link.set_href(&url);
    link.set_download(name);
    // Firefox downloads only from a link that is in the document.
    let body = document
        .body()
        .ok_or_else(|| JsValue::from_str("no body"))?;
    body.append_child(&link)?;
    link.click();
    link.remove();
    let revoke = Closure::once_into_js(move || {
        let _ = Url::revoke_object_url(&url);
    });
    window.set_timeout_with_callback_and_timeout_and_arguments_0(
        revoke.unchecked_ref(),
        REVOKE_AFTER_MS,
    )?;
    Ok(())
}
