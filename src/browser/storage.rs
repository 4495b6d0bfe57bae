//! localStorage, without exceptions: every access returns a `Result`, so a browser that blocks
//! storage, or one that is full, is a case the app handles rather than a crash.

use wasm_bindgen::{JsCast, JsValue};

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

fn classify(error: JsValue) -> StorageError {
    match error.dyn_into::<web_sys::DomException>() {
        // Code 22 and the name are the standard; 1014 and the NS_ name are older Firefoxes.
        Ok(e)
            if e.name() == "QuotaExceededError"
                || e.name() == "NS_ERROR_DOM_QUOTA_REACHED"
                || e.code() == 22
                || e.code() == 1014 =>
        {
            StorageError::QuotaExceeded
        }
        Ok(e) if e.name() == "SecurityError" => StorageError::Unavailable,
        Ok(e) => StorageError::Failed(e.message()),
        Err(other) => StorageError::Failed(other.as_string().unwrap_or_default()),
    }
}
