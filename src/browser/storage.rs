//! localStorage, without exceptions: every access returns a `Result`, so a browser that blocks
//! storage, or one that is full, is a case the app handles rather than a crash. (gloo-storage's
//! `LocalStorage` panics where storage is blocked: this is web-sys's `Storage`, with the browser's
//! exceptions read through gloo's `JsError` as gloo-storage reads them.)

use gloo_utils::errors::JsError;
use scholia_core::codec::JsonError;
use scholia_core::saving::Entries;
use wasm_bindgen::JsValue;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageError {
    /// No localStorage, or access to it throws (blocked cookies, some private modes).
    Unavailable,
    /// The browser refused to store more.
    QuotaExceeded,
    /// Anything else the browser threw, with its message.
    Failed(String),
}

#[derive(Clone)]
pub struct LocalStorage(web_sys::Storage);

impl LocalStorage {
    pub fn open() -> Result<Self, StorageError> {
        let window = web_sys::window().ok_or(StorageError::Unavailable)?;
        match window.local_storage() {
            Ok(Some(storage)) => Ok(LocalStorage(storage)),
            _ => Err(StorageError::Unavailable),
        }
    }

    pub fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        self.0.get_item(key).map_err(classify)
    }

    pub fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        self.0.set_item(key, value).map_err(classify)
    }

    /// Every key, in the browser's order; keys that vanish while listing are skipped.
    pub fn keys(&self) -> impl Iterator<Item = String> + '_ {
        (0..self.0.length().unwrap_or(0)).filter_map(|index| self.0.key(index).ok().flatten())
    }

    pub fn remove(&self, key: &str) -> Result<(), StorageError> {
        self.0.remove_item(key).map_err(classify)
    }
}

impl From<JsonError> for StorageError {
    fn from(error: JsonError) -> Self {
        StorageError::Failed(error.to_string())
    }
}

/// The core's saves write through this.
impl Entries for LocalStorage {
    type Error = StorageError;
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        LocalStorage::get(self, key)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        LocalStorage::set(self, key, value)
    }
    fn remove(&self, key: &str) -> Result<(), StorageError> {
        LocalStorage::remove(self, key)
    }
}

pub(super) fn classify(error: JsValue) -> StorageError {
    match JsError::try_from(error) {
        // The NS_ name is older Firefoxes'.
        Ok(e) if e.name == "QuotaExceededError" || e.name == "NS_ERROR_DOM_QUOTA_REACHED" => {
            StorageError::QuotaExceeded
        }
        Ok(e) if e.name == "SecurityError" => StorageError::Unavailable,
        Ok(e) => StorageError::Failed(e.message),
        Err(other) => StorageError::Failed(other.to_string()),
    }
}
