//! Scholia's imperative shell: Leptos components (`ui`) and browser adapters (`browser`) around
//! the pure `scholia_core`.

pub mod browser;
pub mod ui;

/// Mounts the app into the page's `<body>`, in a task after the one that instantiated the wasm:
/// on a slow phone the two together would hold up input for longer than a long task.
pub fn start() {
    // Mounting starts Leptos's executor; the tasks before it need it too. An error only says it
    // was started already.
    let _ = any_spawner::Executor::init_wasm_bindgen();
    leptos::task::spawn_local(ui::start());
}
