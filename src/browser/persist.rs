//! Keeping the reader's data: persistent storage, and what the backup reminder needs to know.

use js_sys::Promise;
use scholia_core::backup::Durability;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use web_sys::StorageManager;

use super::storage::LocalStorage;

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
    LocalStorage::open().is_ok_and(|storage| {
        storage
            .keys()
            .any(|key| key.starts_with(DATA_PREFIX) && key != REMINDER_DISMISSED_KEY)
    })
}

pub fn reminder_dismissed_at() -> Option<u64> {
    LocalStorage::open()
        .ok()?
        .get(REMINDER_DISMISSED_KEY)
        .ok()??
        .parse()
        .ok()
}

/// Remembers the dismissal; if storage refuses, the reminder simply comes back next visit.
pub fn dismiss_reminder() {
    if let Ok(storage) = LocalStorage::open() {
        let _ = storage.set(REMINDER_DISMISSED_KEY, &super::now_ms().to_string());
    }
}

/// `navigator.storage`, which old browsers and insecure pages lack.
fn storage_manager() -> Option<StorageManager> {
    super::navigator_property("storage")
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
