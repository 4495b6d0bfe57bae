//! Files in and out, with gloo-file: reading a file the reader picked or dropped, and saving text
//! as a download.

use gloo_file::futures::{read_as_bytes, read_as_text};
use gloo_file::{Blob, File, ObjectUrl};
use gloo_timers::future::TimeoutFuture;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlAnchorElement;

/// How long a download's object URL stays valid: revoking it at once can cancel the download.
const REVOKE_AFTER_MS: u32 = 10_000;

/// Why a file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// Larger than the limit given, in bytes; the file was not read.
    TooLarge { bytes: usize },
    /// The browser could not read it (removed, no permission), or it is not text.
    Unreadable,
}

/// Refuses `file` if it is larger than `max_bytes`, before anything is read: a huge file is never
/// read into memory.
fn within(file: &File, max_bytes: usize) -> Result<(), ReadError> {
    let size = usize::try_from(file.size()).unwrap_or(usize::MAX);
    if size > max_bytes {
        return Err(ReadError::TooLarge { bytes: size });
    }
    Ok(())
}

/// The bytes of `file`, unless it is larger than `max_bytes`.
pub async fn read_bytes(file: web_sys::File, max_bytes: usize) -> Result<Vec<u8>, ReadError> {
    let file = File::from(file);
    within(&file, max_bytes)?;
    read_as_bytes(&file)
        .await
        .map_err(|_| ReadError::Unreadable)
}

/// The text of `file`, decoded as UTF-8, unless it is larger than `max_bytes`.
pub async fn read_text(file: web_sys::File, max_bytes: usize) -> Result<String, ReadError> {
    let file = File::from(file);
    within(&file, max_bytes)?;
    read_as_text(&file).await.map_err(|_| ReadError::Unreadable)
}

/// Saves `text` as a file called `name`, of type `mime`, through the browser's downloads.
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), JsValue> {
    let document = super::document().ok_or_else(|| JsValue::from_str("no document"))?;
    let url = ObjectUrl::from(Blob::new_with_options(text, Some(mime)));
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
    // The URL is revoked when it is dropped.
    wasm_bindgen_futures::spawn_local(async move {
        TimeoutFuture::new(REVOKE_AFTER_MS).await;
        drop(url);
    });
    Ok(())
}
