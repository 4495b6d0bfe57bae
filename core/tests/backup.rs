use scholia_core::backup::{Durability, REMIND_EVERY_MS, should_remind};

const NOW: u64 = 1_800_000_000_000;

#[test]
fn persistent_storage_needs_no_reminder() {
    assert!(!should_remind(Durability::Persistent, None, NOW));
    assert!(!should_remind(Durability::Persistent, Some(0), NOW));
}

#[test]
fn evictable_storage_is_reminded_until_dismissed() {
    assert!(should_remind(Durability::Evictable, None, NOW));
    assert!(!should_remind(Durability::Evictable, Some(NOW), NOW));
}

#[test]
fn a_dismissal_lasts_a_week() {
    let day = REMIND_EVERY_MS / 7;
    assert!(!should_remind(
        Durability::Evictable,
        Some(NOW - 6 * day),
        NOW
    ));
    assert!(should_remind(
        Durability::Evictable,
        Some(NOW - REMIND_EVERY_MS),
        NOW
    ));
    assert!(should_remind(
        Durability::Evictable,
        Some(NOW - 30 * day),
        NOW
    ));
}

#[test]
fn a_dismissal_from_the_future_does_not_silence_the_reminder() {
    assert!(should_remind(Durability::Evictable, Some(NOW + 1), NOW));
}
