//! Keeping the reader's data: persistent storage, and what the backup reminder needs to know.

use js_sys::Promise;
use scholia_core::backup::Durability;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Storage, StorageManager};

/// The reader's data lives in localStorage under keys with this prefix.
const DATA_PREFIX: &str = "scholia:";
/// When the reader last dismissed the backup reminder (milliseconds since the epoch).
const REMINDER_DISMISSED_KEY: &str = "scholia:backup-reminder-dismissed";

/// Asks the browser to keep this site's data until the reader deletes it, and says whether it
/// will. Browsers without the API (Safari before 15.2) may evict.
pub async fn request_persistent_storage() -> Durability {
    let Some(storage) = storage_manager() else {
        return Durability::Evictable;
    };
    if resolves_true(storage.persisted()).await || resolves_true(storage.persist()).await {
        Durability::Persistent
    } else {
        Durability::Evictable
    }
}

/// Whether the reader has stored anything of their own (annotations) that a backup would keep.
pub fn has_reader_data() -> bool {
    let Some(storage) = local_storage() else {
        return false;
    };
    (0..storage.length().unwrap_or(0))
        .filter_map(|index| storage.key(index).ok().flatten())
        .any(|key| key.starts_with(DATA_PREFIX) && key != REMINDER_DISMISSED_KEY)
}

pub fn reminder_dismissed_at() -> Option<u64> {
    local_storage()?
        .get_item(REMINDER_DISMISSED_KEY)
        .ok()??
        .parse()
        .ok()
}

/// Remembers the dismissal; if storage refuses, the reminder simply comes back next visit.
pub fn dismiss_reminder() {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(REMINDER_DISMISSED_KEY, &now().to_string());
    }
}

/// Milliseconds since the Unix epoch, whole: integers keep float formatting out of the wasm.
pub fn now() -> u64 {
    js_sys::Date::now() as u64
}

/// `navigator.storage`, which old browsers and insecure pages lack.
fn storage_manager() -> Option<StorageManager> {
    let navigator = web_sys::window()?.navigator();
    js_sys::Reflect::get(&navigator, &JsValue::from_str("storage"))
        .ok()?
        .dyn_into()
        .ok()
}

/// `localStorage`, which throws when the reader has blocked site data.
fn local_storage() -> Option<Storage> {
    web_sys::window()?.local_storage().ok()?
}

async fn resolves_true(promise: Result<Promise, JsValue>) -> bool {
    let Ok(promise) = promise else {
        return false;
    };
    JsFuture::from(promise)
        .await
        .ok()
        .and_then(|value| value.as_bool())
        .unwrap_or(false)
}
