//! Importing annotations: from a file picked with the Import button, a file dropped on the page,
//! or text pasted outside a text field (dropped and pasted articles go to the library instead). Whatever arrives is previewed first; nothing changes until
//! the reader says Import, and then as one step that undo takes back.

use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use scholia_core::formats::import::recognise;
use scholia_core::formats::limits::MAX_FILE_BYTES;
use scholia_core::formats::{ImportError, import};
use scholia_core::library::PASTED;
use scholia_core::source::{Format, MAX_ARTICLE_BYTES, utf8_text};
use wasm_bindgen::{JsCast, JsValue};

use super::articles::Articles;
use super::dialog::Dialog;
use super::keyboard::typing_in_a_field;
use super::on_demand::{Unloaded, load, spawn_on_demand, view_on_demand};
use super::state::{PendingImport, Reader};
use crate::browser::files::{ReadError, read_bytes};
use crate::browser::json::BrowserJson;

/// What the file picker offers: our exports, and Web Annotations from other tools.
const ACCEPT: &str = ".jsonld,.json,.md,.markdown,.txt,application/ld+json,application/json,\
                      text/markdown,text/plain";

/// Reads what came from `source` with the import formats and shows what importing it would do,
/// or why it cannot be imported.
#[cfg_attr(
    feature = "split",
    wasm_split_helpers::wasm_split(import, fallible, preload(preload_import))
)]
pub fn read_import(
    reader: Reader,
    source: String,
    bytes: Result<Vec<u8>, ReadError>,
    from_shared: bool,
) -> Result<(), Unloaded> {
    let bytes = match bytes {
        Ok(bytes) => bytes,
        Err(ReadError::TooLarge { bytes }) => {
            reader.refuse_import(&source, &ImportError::TooLarge { bytes });
            return Ok(());
        }
        Err(ReadError::Unreadable) => {
            reader.refuse_import(&source, &"the browser could not read the file");
            return Ok(());
        }
    };
    // Files are read asynchronously: the reader may have been closed (another article opened)
    // since, and then there is nothing left to import into.
    let result = reader
        .article
        .try_with_value(|article| {
            reader
                .annotator
                .try_with_untracked(|a| import(&BrowserJson, &bytes, article, a.store()))
        })
        .flatten();
    match result {
        Some(Ok(preview)) => reader.show_import_preview(source, preview, from_shared),
        Some(Err(error)) => reader.refuse_import(&source, &error),
        None => {}
    }
    Ok(())
}

/// Reads `file` and previews importing it.
fn import_file(reader: Reader, file: web_sys::File) {
    let source = format!("“{}”", file.name());
    spawn_on_demand(reader, async move {
        let read = read_bytes(file, MAX_FILE_BYTES).await;
        load!(read_import(reader, source, read, false))
    });
}

#[component]
pub fn ImportButton(reader: Reader) -> impl IntoView {
    let input_ref = NodeRef::<html::Input>::new();
    let on_change = move |ev: ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let file = input.files().and_then(|files| files.get(0));
        // Picking the same file again must fire another change.
        input.set_value("");
        if let Some(file) = file {
            import_file(reader, file);
        }
    };
    view! {
        <button
            type="button"
            aria-haspopup="dialog"
            on:click=move |_| {
                if let Some(input) = input_ref.get() {
                    input.click();
                }
            }
        >
            "Import"
        </button>
        <input
            id="import-file"
            type="file"
            hidden
            accept=ACCEPT
            node_ref=input_ref
            on:change=on_change
        />
    }
}

/// Takes files dropped anywhere on the page, and text pasted outside text fields, for the reader's
/// lifetime: annotations (an export or a share link) go to the import preview, anything else is
/// opened as an article.
pub fn listen(reader: Reader, articles: Articles) {
    let dragover = window_event_listener(ev::dragover, move |event| {
        // The page accepts a drop only if this is cancelled.
        if carries_files(event.data_transfer()) {
            event.prevent_default();
        }
    });
    let drop = window_event_listener(ev::drop, move |event| {
        let Some(transfer) = event.data_transfer() else {
            return;
        };
        if let Some(file) = transfer.files().and_then(|files| files.get(0)) {
            event.prevent_default();
            take_dropped(reader, articles, file);
        }
    });
    let paste = window_event_listener(ev::paste, move |event| {
        if typing_in_a_field(&event) {
            return;
        }
        let Some(data) = event.clipboard_data() else {
            return;
        };
        let text = data.get_data("text/plain").unwrap_or_default();
        let html = data.get_data("text/html").unwrap_or_default();
        if text.trim().is_empty() && html.trim().is_empty() {
            return;
        }
        event.prevent_default();
        if recognise(&text).is_some() {
            reader.preview_import("the pasted text", text.into_bytes(), false);
        } else if !html.trim().is_empty() {
            articles.open_text("The pasted page", Format::Html, &html);
        } else {
            articles.open_text(PASTED, Format::guess("", &text), &text);
        }
    });
    on_cleanup(move || {
        dragover.remove();
        drop.remove();
        paste.remove();
    });
}

/// A dropped file is imported if it is annotations, else opened as an article.
fn take_dropped(reader: Reader, articles: Articles, file: web_sys::File) {
    let name = file.name();
    leptos::task::spawn_local(async move {
        let read = read_bytes(file, MAX_FILE_BYTES.max(MAX_ARTICLE_BYTES)).await;
        let annotations = read
            .as_ref()
            .is_ok_and(|bytes| utf8_text(bytes).is_ok_and(|text| recognise(text).is_some()));
        match read {
            Ok(bytes) if !annotations => articles.open_bytes(name, &bytes),
            read => {
                let source = format!("“{name}”");
                spawn_on_demand(reader, async move {
                    load!(read_import(reader, source, read, false))
                });
            }
        }
    });
}

fn carries_files(transfer: Option<web_sys::DataTransfer>) -> bool {
    transfer.is_some_and(|t| t.types().includes(&JsValue::from_str("Files"), 0))
}

/// The preview of an import: what it would add and change, and what could not be placed.
#[component]
pub fn ImportPreviewDialog(reader: Reader) -> impl IntoView {
    move || {
        reader.pending_import.get().map(|pending| {
            view_on_demand(
                reader,
                async move { load!(preview_dialog(reader, pending)) },
                move || reader.pending_import.set(None),
            )
        })
    }
}

#[cfg_attr(feature = "split", wasm_split_helpers::wasm_split(import, fallible))]
fn preview_dialog(reader: Reader, pending: PendingImport) -> Result<AnyView, Unloaded> {
    let PendingImport {
        source, preview, ..
    } = pending;
    let unplaced = (!preview.unplaced.is_empty()).then(|| {
        let quotes: Vec<_> = preview
            .unplaced
            .iter()
            .map(|a| {
                let quote = if a.target.exact.is_empty() {
                    "(no quote)".to_owned()
                } else {
                    a.target.exact.clone()
                };
                view! { <li><q>{quote}</q></li> }
            })
            .collect();
        view! {
            <p>
                "These are not in your copy of the article. They are kept, and listed in the \
                 panel under “Could not be placed in this article”:"
            </p>
            <ul class="unplaced-quotes">{quotes}</ul>
        }
    });
    let summary = preview.to_string();
    let format = preview.format.name();
    Ok(view! {
        <Dialog
            labelled_by="import-heading"
            on_close=Callback::new(move |()| reader.cancel_import())
        >
            <h2 id="import-heading">"Import annotations"</h2>
            <p>{format!("From {source} ({format}):")}</p>
            <p class="import-summary">{summary}</p>
            {unplaced}
            <div class="dialog-actions">
                <button
                    type="button"
                    class="primary"
                    data-autofocus
                    on:click=move |_| reader.apply_import()
                >
                    "Import"
                </button>
                <button type="button" on:click=move |_| reader.cancel_import()>
                    "Cancel"
                </button>
            </div>
        </Dialog>
    }
    .into_any())
}
