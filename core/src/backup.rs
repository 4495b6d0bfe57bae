//! When to remind the reader to export a backup of their annotations.
//!
//! Unless a site's storage is persistent, browsers may delete it on their own: under storage
//! pressure, or, in Safari, after 7 days without a visit. A reader whose data is at risk is reminded
//! to keep a copy, at most once a week after they dismiss the reminder.

/// Whether the browser keeps the site's data until the reader deletes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Durability {
    /// Granted persistent storage: only the reader deletes it.
    Persistent,
    /// The browser may delete it without asking.
    Evictable,
}

/// A week, in milliseconds: Safari's eviction period, and how long a dismissal lasts.
pub const REMIND_EVERY_MS: u64 = 7 * 24 * 60 * 60 * 1000;

/// Whether to show the reminder now. `dismissed_at` and `now` are milliseconds since the Unix
/// epoch; a dismissal "in the future" (the clock was set back) no longer counts.
pub fn should_remind(durability: Durability, dismissed_at: Option<u64>, now: u64) -> bool {
    durability == Durability::Evictable
        && dismissed_at.is_none_or(|at| now.checked_sub(at).is_none_or(|t| t >= REMIND_EVERY_MS))
}
