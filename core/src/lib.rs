//! Scholia's functional core.
//!
//! Everything here is plain Rust on plain types: no browser, no UI framework. The app crate wraps
//! it in a thin shell of Leptos components and browser adapters, so every rule about articles,
//! sentences and annotations is testable natively and fuzzable.

pub mod article;
pub mod backup;
pub mod segment;
