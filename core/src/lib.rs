//! Scholia's functional core.
//!
//! Everything here is plain Rust on plain types: no browser, no UI framework. The app crate wraps
//! it in a thin shell of Leptos components and browser adapters, so every rule about articles,
//! sentences and annotations is testable natively and fuzzable.
//!
//! - [`article`]: the plain-text article parser and document model;
//! - [`segment`]: sentence segmentation;
//! - [`source`]: the reader's own articles: web pages (the article without the site around it),
//!   Markdown, and their language;
//! - [`annotation`]: annotations, labels and their selectors;
//! - [`anchor`]: from sentences to selectors and back;
//! - [`store`]: one article's annotations, and merging two copies;
//! - [`placement`]: what the reader sees: annotations placed in order, sentence marks, filters;
//! - [`history`]: every edit, with undo and redo;
//! - [`library`]: the articles the reader opened, and the stored form of their content;
//! - [`codec`]: JSON in and out, by the caller's codec (the browser's own JSON in the app);
//! - [`storage`]: the stored form, its schema versions and migrations;
//! - [`saving`]: how a tab saves that form: the entry, the journal of what changed, the revision;
//! - [`backup`]: when to remind the reader to export a backup;
//! - [`carry`]: annotations carried over to a new version of an article;
//! - [`formats`]: sharing: Web Annotation (JSON-LD), Markdown and CSV exports, share links, and
//!   the import that refuses hostile files.

pub mod anchor;
pub mod annotation;
pub mod article;
pub mod backup;
pub mod carry;
pub mod codec;
pub mod formats;
pub mod history;
pub mod library;
pub mod placement;
pub mod saving;
pub mod segment;
pub mod size;
mod sort;
pub mod source;
pub mod storage;
pub mod store;
