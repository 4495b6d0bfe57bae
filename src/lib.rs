//! Scholia's imperative shell: Leptos components (`ui`) and browser adapters (`browser`) around
//! the pure `scholia_core`.

pub mod browser;
pub mod ui;

/// Mounts the app into the page's `<body>`.
pub fn start() {
    leptos::mount::mount_to_body(ui::App);
    ui::fetch_chunks();
}
