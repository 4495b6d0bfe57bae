//! Keeps the annotator and localStorage in step: loads on open, saves at most ~300 ms after a
//! change (the core's [`Saver`] decides what to write), flushes when the page is hidden, merges
//! what other tabs save, and turns every way storage can fail into an alert without losing what
//! is on screen.

use gloo_timers::callback::Timeout;
use leptos::ev;
use leptos::prelude::*;
use scholia_core::saving::{Keys, Saver, Stored};
use scholia_core::storage::{DecodeError, storage_key};
use scholia_core::store::Store;

use super::state::{Alert, AlertKind, Reader};
use crate::browser::json::BrowserJson;
use crate::browser::storage::{LocalStorage, StorageError};
use crate::browser::{measure, now_ms, random_id};

const SAVE_DELAY_MS: u32 = 300;
const QUOTA_RETRY_MS: u32 = 30_000;

fn decode(value: &str) -> Result<Store, DecodeError> {
    scholia_core::storage::decode(&BrowserJson, value)
}

/// What was found in storage when the article opened.
pub struct Loaded {
    pub store: Store,
    pub alerts: Vec<Alert>,
    pub read_only: bool,
}

/// The stored part another tab wrote.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Entry,
    Journal,
}

pub struct Persistence {
    /// `None` when storage is blocked, or must not be written (see [`Persistence::open`]).
    storage: Option<LocalStorage>,
    read_only: bool,
    /// The save to come; dropping it cancels it.
    pending: Option<Timeout>,
    saver: Saver,
}

fn alert(kind: AlertKind, message: impl Into<String>) -> Alert {
    Alert {
        kind,
        message: message.into(),
    }
}

fn blocked_alert() -> Alert {
    alert(
        AlertKind::StorageBlocked,
        "Your browser is blocking storage for this page, so annotations will not be saved when \
         you leave. You can keep working; export your annotations before you close the page.",
    )
}

fn quota_alert() -> Alert {
    alert(
        AlertKind::QuotaExceeded,
        "Your browser's storage is full, so your latest changes are not saved yet. They stay on \
         screen and Scholia will keep trying; export a copy to be safe, or free some space.",
    )
}

fn newer_alert(version: u64) -> Alert {
    alert(
        AlertKind::NewerVersion,
        format!(
            "These annotations were saved by a newer version of Scholia (format {version}). They \
             are shown read-only so that nothing is overwritten; reload the page to update."
        ),
    )
}

impl Persistence {
    /// Opens the article's entry. An unreadable value is copied to a backup key before anything
    /// else happens; if even that fails, nothing is written this session so it survives.
    pub fn open(article_text: &str) -> (Self, Loaded) {
        let mut persistence = Persistence {
            storage: None,
            read_only: false,
            pending: None,
            saver: Saver::new(Keys::new(storage_key(article_text))),
        };
        let mut loaded = Loaded {
            store: Store::default(),
            alerts: Vec::new(),
            read_only: false,
        };
        let Ok(storage) = LocalStorage::open() else {
            loaded.alerts.push(blocked_alert());
            return (persistence, loaded);
        };
        let keys = persistence.saver.keys().clone();
        let Ok(stored) = Stored::read(&storage, &keys) else {
            loaded.alerts.push(blocked_alert());
            return (persistence, loaded);
        };
        if stored.is_empty() {
            persistence.storage = Some(storage);
            return (persistence, loaded);
        }
        match stored.decode(&BrowserJson) {
            Ok(store) => {
                loaded.store = store;
                let revision = storage.get(&keys.revision).ok().flatten();
                persistence.saver.read_at(revision);
                persistence.storage = Some(storage);
            }
            Err(DecodeError::Unreadable(_)) => match stored.move_aside(&storage, &keys, now_ms()) {
                Ok(backup) => {
                    loaded.alerts.push(alert(
                        AlertKind::UnreadableMovedAside,
                        format!(
                            "The annotations saved for this article could not be read, so they \
                             were moved aside, untouched, to the storage key “{backup}”, and \
                             Scholia started clean."
                        ),
                    ));
                    persistence.storage = Some(storage);
                }
                Err(_) => loaded.alerts.push(alert(
                    AlertKind::UnreadableKept,
                    "The annotations saved for this article could not be read, and there was \
                     no room to move them aside. They are left untouched, so nothing you do now \
                     will be saved: export your annotations before you leave.",
                )),
            },
            Err(DecodeError::Newer { version, store }) => {
                loaded.store = store.map(|s| *s).unwrap_or_default();
                loaded.read_only = true;
                loaded.alerts.push(newer_alert(version));
                persistence.read_only = true;
            }
        }
        (persistence, loaded)
    }

    /// Saves `SAVE_DELAY_MS` after the first of a burst of changes.
    pub fn schedule_save(reader: Reader) {
        Self::schedule(reader, SAVE_DELAY_MS);
    }

    fn schedule(reader: Reader, delay_ms: u32) {
        let already = reader.with_persistence(|p| p.pending.is_some());
        if already != Some(false) {
            return;
        }
        let timeout = Timeout::new(delay_ms, move || {
            reader.with_persistence(|p| p.pending = None);
            Self::save_now(reader);
        });
        reader.with_persistence(|p| p.pending = Some(timeout));
    }

    /// Saves a pending change now (the page is being hidden or closed).
    pub fn flush(reader: Reader) {
        let pending = reader.with_persistence(|p| p.pending.take()).flatten();
        if let Some(timeout) = pending {
            timeout.cancel();
            Self::save_now(reader);
        }
    }

    /// Merges what is stored if another tab saved since, and writes the result.
    fn save_now(reader: Reader) {
        let Some(storage) = reader
            .with_persistence(|p| p.storage.clone().filter(|_| !p.read_only))
            .flatten()
        else {
            return;
        };
        let result = measure("scholia:save", || {
            let elsewhere = reader
                .with_persistence(|p| p.saver.saved_elsewhere(&storage))
                .transpose()?
                .flatten();
            if let Some(stored) = elsewhere {
                match stored.decode(&BrowserJson) {
                    Ok(stored) => reader.merge_from_elsewhere(&stored),
                    Err(DecodeError::Newer { version, .. }) => {
                        reader.with_persistence(|p| p.read_only = true);
                        reader.read_only.set(true);
                        reader.alert(AlertKind::NewerVersion, newer_alert(version).message);
                        return Ok(());
                    }
                    Err(DecodeError::Unreadable(_)) => {
                        let keys = reader.with_persistence(|p| p.saver.keys().clone());
                        if let Some(keys) = keys {
                            stored.move_aside(&storage, &keys, now_ms())?;
                        }
                    }
                }
            }
            // A reader closed since the save was scheduled has nothing left to write.
            reader
                .annotator
                .try_with_untracked(|a| {
                    reader.with_persistence(|p| {
                        p.saver
                            .write(&storage, &BrowserJson, a.store(), random_id())
                    })
                })
                .flatten()
                .unwrap_or(Ok(()))
        });
        match result {
            Ok(()) => reader.dismiss_alert(AlertKind::QuotaExceeded),
            Err(StorageError::QuotaExceeded) => {
                let quota = quota_alert();
                reader.alert(quota.kind, quota.message);
                Self::schedule(reader, QUOTA_RETRY_MS);
            }
            Err(StorageError::Unavailable) => {
                let blocked = blocked_alert();
                reader.alert(blocked.kind, blocked.message);
            }
            Err(StorageError::Failed(why)) => {
                let quota = quota_alert();
                reader.alert(
                    quota.kind,
                    format!("Saving failed ({why}). Your changes stay on screen; Scholia will try again."),
                );
                Self::schedule(reader, QUOTA_RETRY_MS);
            }
        }
    }

    /// Another tab saved this article's annotations: its entry, or a journal of its changes.
    fn on_storage_event(reader: Reader, event: &web_sys::StorageEvent) {
        let part = reader.with_persistence(|p| {
            let keys = p.saver.keys();
            match event.key() {
                Some(key) if key == keys.entry => Some(Part::Entry),
                Some(key) if key == keys.journal => Some(Part::Journal),
                _ => None,
            }
        });
        let Some(Some(part)) = part else {
            return;
        };
        match event.new_value().as_deref().map(decode) {
            Some(Ok(store)) => reader.merge_from_elsewhere(&store),
            Some(Err(DecodeError::Newer { version, .. })) => {
                reader.with_persistence(|p| p.read_only = true);
                reader.read_only.set(true);
                reader.alert(AlertKind::NewerVersion, newer_alert(version).message);
            }
            // A journal is removed when its tab writes the entry whole, which says it all.
            None if part == Part::Journal => {}
            // Unreadable or removed: our next save writes our copy back.
            _ => Self::schedule_save(reader),
        }
    }

    /// Listens for page hiding (to flush) and for other tabs' saves, for the reader's lifetime.
    pub fn listen(reader: Reader) {
        let hide = window_event_listener(ev::pagehide, move |_| Self::flush(reader));
        let visibility = window_event_listener(ev::visibilitychange, move |_| {
            let hidden = document().visibility_state() == web_sys::VisibilityState::Hidden;
            if hidden {
                Self::flush(reader);
            }
        });
        let storage = window_event_listener(ev::storage, move |event| {
            Self::on_storage_event(reader, &event)
        });
        on_cleanup(move || {
            // Another article is opening: what this one has pending is saved first.
            Self::flush(reader);
            hide.remove();
            visibility.remove();
            storage.remove();
        });
    }
}
