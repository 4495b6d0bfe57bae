//! Code fetched after the first load. The side panel, the update and backup notices, export,
//! import, share links, the shortcuts overlay, the Articles dialog (and the offer of a new
//! version's annotations) and the readers of web pages and Markdown are not needed to show the
//! article, so the release site carries them in wasm chunks of their own: the page loads without
//! them, then fetches them once the article is on screen (the panel and notices at once, the rest
//! in the background), and the service worker keeps them for offline use. The note editor
//! stays in the first load: a reader who presses `n` and types at once must not lose a key to a
//! chunk still on its way.
//!
//! A function marked `#[cfg_attr(feature = "split", wasm_split_helpers::wasm_split(chunk, ...))]`
//! is such a split point: with the `split` feature, wasm-split (scripts/lib/split.mjs) moves it,
//! and all code only it reaches, into the chunk, and calling it fetches the chunk first. Without
//! the feature (tests, `trunk serve`, standalone.html) it is a plain function. [`load!`] calls one
//! either way. A split point returns `Result<_, Unloaded>`: `fallible` makes a failed fetch an
//! error, where it would otherwise abort the app.

use std::pin::Pin;
use std::sync::Arc;

use leptos::prelude::*;

use super::state::{AlertKind, Reader};

/// A chunk that could not be fetched or started: the network failed before the service worker had
/// a copy, or the host served something else.
pub type Unloaded = leptos::wasm_split::SplitLoaderError;

const UNLOADED: &str = "This part of Scholia could not be loaded. Your annotations are safe. Try \
                        again; if it fails again, reload the page while online.";

/// Calls a split point: `f(args)` awaited where the build splits, a plain call where it does not.
/// Use it inside an `async` block.
macro_rules! load {
    ($call:expr) => {{
        #[cfg(feature = "split")]
        let result = $call.await;
        #[cfg(not(feature = "split"))]
        let result = $call;
        result
    }};
}
pub(super) use load;

/// Tells the reader that a chunk could not be fetched (nothing they had is touched), or takes
/// that back once one has been.
fn report(reader: Reader, result: Result<(), Unloaded>) {
    match result {
        Ok(()) => reader.dismiss_alert(AlertKind::Unloaded),
        Err(_) => reader.alert(AlertKind::Unloaded, UNLOADED),
    }
}

/// The view that `load` makes, once its chunk is here: nothing before. If the chunk cannot be
/// fetched, an alert, and `give_up` resets what asked for the view, so that asking again retries.
pub fn view_on_demand(
    reader: Reader,
    load: impl Future<Output = Result<AnyView, Unloaded>> + Send + 'static,
    give_up: impl FnOnce() + Send + 'static,
) -> AnyView {
    loaded_view(reader, Box::pin(load), Box::new(give_up))
}

type ViewLoad = Pin<Box<dyn Future<Output = Result<AnyView, Unloaded>> + Send>>;

/// [`view_on_demand`] for every call site at once: one copy of the suspense code in the wasm.
fn loaded_view(reader: Reader, load: ViewLoad, give_up: Box<dyn FnOnce() + Send>) -> AnyView {
    Suspend::new(async move {
        match load.await {
            Ok(view) => {
                report(reader, Ok(()));
                view
            }
            Err(error) => {
                report(reader, Err(error));
                give_up();
                ().into_any()
            }
        }
    })
    .into_any()
}

/// A button that opens a dialog whose code is fetched on demand. `dialog` starts loading it, given
/// the dialog's status message and the callback that closes it.
pub fn dialog_button<Loading>(
    reader: Reader,
    label: &'static str,
    dialog: impl Fn(RwSignal<String>, Callback<()>) -> Loading + Send + Sync + 'static,
) -> AnyView
where
    Loading: Future<Output = Result<AnyView, Unloaded>> + Send + 'static,
{
    let dialog: DialogLoad = Arc::new(move |message, close| Box::pin(dialog(message, close)));
    dialog_button_view(reader, label, dialog)
}

type DialogLoad = Arc<dyn Fn(RwSignal<String>, Callback<()>) -> ViewLoad + Send + Sync>;

/// [`dialog_button`] for every call site at once.
fn dialog_button_view(reader: Reader, label: &'static str, dialog: DialogLoad) -> AnyView {
    let open = RwSignal::new(false);
    let message = RwSignal::new(String::new());
    let close = Callback::new(move |()| {
        open.set(false);
        message.set(String::new());
    });
    view! {
        <button type="button" aria-haspopup="dialog" on:click=move |_| open.set(true)>
            {label}
        </button>
        <Show when=move || open.get()>
            {loaded_view(reader, dialog(message, close), Box::new(move || close.run(())))}
        </Show>
    }
    .into_any()
}

/// Runs `task`, a split point, in the background; an alert if its chunk cannot be fetched.
pub fn spawn_on_demand(reader: Reader, task: impl Future<Output = Result<(), Unloaded>> + 'static) {
    spawn_loaded(reader, Box::pin(task));
}

/// [`spawn_on_demand`] for every call site at once.
fn spawn_loaded(reader: Reader, task: Pin<Box<dyn Future<Output = Result<(), Unloaded>>>>) {
    leptos::task::spawn_local(async move { report(reader, task.await) });
}

/// Fetches every chunk in the background, once the first load is done, so that the first Export
/// or `?` does not wait on the network. A failure is left for the first use to report.
#[cfg(feature = "split")]
pub fn fetch_chunks() {
    /// Long enough for the article to be on screen; short next to a reader's first action.
    const AFTER_START_MS: u32 = 1000;
    leptos::task::spawn_local(async {
        gloo_timers::future::TimeoutFuture::new(AFTER_START_MS).await;
        let _ = super::help::preload_help().await;
        let _ = super::export::preload_export().await;
        let _ = super::import::preload_import().await;
        let _ = super::share::preload_share().await;
        let _ = super::library_dialog::preload_library().await;
        let _ = super::articles::preload_reading().await;
    });
}

/// Without the `split` feature everything is already here.
#[cfg(not(feature = "split"))]
pub fn fetch_chunks() {}
