//! Where the library keeps its articles' content: the Cache API, which has room for megabytes
//! where localStorage has a few in all. Where the page cannot use it (a page opened from a file,
//! an old browser), localStorage instead, so that an article is kept either way.

use js_sys::{Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Cache, Response};

use super::storage::{LocalStorage, StorageError, classify};

/// Not under the service worker's prefix, so that a new version of the app never clears it.
const CACHE_NAME: &str = "scholia-articles";

fn url(id: &str) -> String {
    format!("./scholia-article/{id}.json")
}

fn fallback_key(id: &str) -> String {
    format!("scholia:article:{id}")
}

async fn settle<T: JsCast>(promise: Result<Promise, JsValue>) -> Result<T, JsValue> {
    JsFuture::from(promise?).await?.dyn_into()
}

async fn cache() -> Option<Cache> {
    let caches = web_sys::window()?.caches().ok()?;
    settle(Ok(caches.open(CACHE_NAME))).await.ok()
}

/// Keeps `content` as article `id`.
pub async fn put(id: &str, content: &str) -> Result<(), StorageError> {
    if let Some(cache) = cache().await {
        let response = Response::new_with_opt_str(Some(content))
            .map_err(|e| StorageError::Failed(format!("{e:?}")))?;
        let stored = JsFuture::from(cache.put_with_str(&url(id), &response)).await;
        match stored.map_err(classify) {
            Ok(_) => return Ok(()),
            Err(StorageError::QuotaExceeded) => return Err(StorageError::QuotaExceeded),
            // Anything else: localStorage may still take it.
            Err(_) => {}
        }
    }
    LocalStorage::open()?.set(&fallback_key(id), content)
}

/// The content of article `id`, if it is kept.
pub async fn get(id: &str) -> Result<Option<String>, StorageError> {
    if let Some(cache) = cache().await {
        let found = JsFuture::from(cache.match_with_str(&url(id))).await;
        if let Ok(response) = found.and_then(JsCast::dyn_into::<Response>) {
            let text = JsFuture::from(response.text().map_err(failed)?)
                .await
                .map_err(failed)?;
            return Ok(text.as_string());
        }
    }
    LocalStorage::open()?.get(&fallback_key(id))
}

/// Forgets article `id`, wherever it was kept.
pub async fn delete(id: &str) {
    if let Some(cache) = cache().await {
        let _ = JsFuture::from(cache.delete_with_str(&url(id))).await;
    }
    if let Ok(storage) = LocalStorage::open() {
        let _ = storage.remove(&fallback_key(id));
    }
}

fn failed(error: JsValue) -> StorageError {
    StorageError::Failed(format!("{error:?}"))
}

/// What the site's storage holds and may hold, in bytes, as the browser estimates it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Usage {
    pub used: f64,
    pub quota: f64,
}

pub async fn usage() -> Option<Usage> {
    let storage: web_sys::StorageManager = super::navigator_property("storage")?;
    let estimate: JsValue = JsFuture::from(storage.estimate().ok()?).await.ok()?;
    let number = |name: &str| {
        Reflect::get(&estimate, &JsValue::from_str(name))
            .ok()?
            .as_f64()
    };
    Some(Usage {
        used: number("usage")?,
        quota: number("quota")?,
    })
}
