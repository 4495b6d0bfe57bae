//! Exporting the annotations: each format downloaded as a file or copied as text.

use leptos::prelude::*;
use scholia_core::article::Article;
use scholia_core::codec::JsonError;
use scholia_core::formats::{csv, markdown, w3c};
use scholia_core::store::Store;

use super::dialog::{Dialog, DialogFooter};
use super::on_demand::{Unloaded, dialog_button, load};
use super::state::Reader;
use crate::browser::json::BrowserJson;
use crate::browser::{clipboard, files};

/// Characters of the headline kept in a file name.
const SLUG_MAX_CHARS: usize = 60;

struct ExportFormat {
    name: &'static str,
    extension: &'static str,
    mime: &'static str,
    export: fn(&Article, &Store) -> Result<String, JsonError>,
}

static FORMATS: [ExportFormat; 3] = [
    ExportFormat {
        name: "Web Annotation (JSON-LD)",
        extension: "jsonld",
        mime: "application/ld+json",
        export: |article, store| w3c::export(&BrowserJson, article, store),
    },
    ExportFormat {
        name: "Markdown",
        extension: "md",
        mime: "text/markdown",
        export: |article, store| markdown::export(&BrowserJson, article, store),
    },
    ExportFormat {
        name: "CSV",
        extension: "csv",
        mime: "text/csv",
        export: |article, store| Ok(csv::export(article, store)),
    },
];

/// The headline in lower case, words joined by hyphens: `bashar-al-assad-has-fled-damascus`.
fn slug(headline: &str) -> String {
    let words: Vec<String> = headline
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let mut slug = String::new();
    for word in words {
        if slug.chars().count() + word.chars().count() > SLUG_MAX_CHARS {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(&word);
    }
    if slug.is_empty() {
        "article".to_owned()
    } else {
        slug
    }
}

/// `<headline>.annotations.<extension>`, named by the headline's first sentence: a whole
/// headline can run long.
fn file_name(article: &Article, extension: &str) -> String {
    let headline = article
        .headline()
        .and_then(|h| article.sentence_text(h.sentences.start))
        .unwrap_or_default();
    format!("{}.annotations.{extension}", slug(headline))
}

#[component]
pub fn ExportButton(reader: Reader) -> impl IntoView {
    dialog_button(reader, "Export", move |message, close| async move {
        load!(export_dialog(reader, message, close))
    })
}

/// The dialog: every format, and how the last download or copy went.
#[cfg_attr(
    feature = "split",
    wasm_split_helpers::wasm_split(export, fallible, preload(preload_export))
)]
pub(super) fn export_dialog(
    reader: Reader,
    message: RwSignal<String>,
    close: Callback<()>,
) -> Result<AnyView, Unloaded> {
    let count = move || match reader.annotator.with(|a| a.store().live().count()) {
        1 => "1 annotation, in any of these formats:".to_owned(),
        n => format!("{n} annotations, in any of these formats:"),
    };
    Ok(view! {
        <Dialog labelled_by="export-heading" on_close=close>
            <h2 id="export-heading">"Export annotations"</h2>
            <p>{count}</p>
            <ul class="export-formats">{format_rows(reader, message)}</ul>
            <DialogFooter message=message close=close />
        </Dialog>
    }
    .into_any())
}

/// Downloads `store`'s annotations on `article` in `format`, and says how it went.
fn save(format: &ExportFormat, article: &Article, store: &Store) -> String {
    let name = file_name(article, format.extension);
    let text = match (format.export)(article, store) {
        Ok(text) => text,
        Err(error) => return not_made(error),
    };
    match files::download(&name, format.mime, &text) {
        Ok(()) => format!("Saved {name}."),
        Err(_) => "The browser did not allow the download; try Copy.".to_owned(),
    }
}

/// Downloads the annotations of an article that is not on screen, as Web Annotation (JSON-LD):
/// what the library offers before an annotated article is deleted.
pub(super) fn save_web_annotation(article: &Article, store: &Store) -> String {
    save(&FORMATS[0], article, store)
}

fn not_made(error: JsonError) -> String {
    format!("The export could not be made ({error}). Your annotations are untouched.")
}

/// One row per format, with Download and Copy; `message` says how it went.
fn format_rows(reader: Reader, message: RwSignal<String>) -> impl IntoView {
    let export = move |format: &ExportFormat| {
        reader.article.with_value(|article| {
            reader
                .annotator
                .with_untracked(|a| (format.export)(article, a.store()))
        })
    };
    FORMATS
        .iter()
        .map(|format| {
            let download = move |_| {
                message.set(reader.article.with_value(|article| {
                    reader
                        .annotator
                        .with_untracked(|a| save(format, article, a.store()))
                }))
            };
            let copy = move |_| {
                let text = match export(format) {
                    Ok(text) => text,
                    Err(error) => return message.set(not_made(error)),
                };
                leptos::task::spawn_local(async move {
                    message.set(if clipboard::copy(&text).await {
                        format!("{} copied to the clipboard.", format.name)
                    } else {
                        "The browser did not allow copying; use Download instead.".to_owned()
                    });
                });
            };
            view! {
                <li>
                    <span class="format-name">{format.name}</span>
                    <button
                        type="button"
                        aria-label=format!("Download {}", format.name)
                        on:click=download
                    >
                        "Download"
                    </button>
                    <button type="button" aria-label=format!("Copy {}", format.name) on:click=copy>
                        "Copy"
                    </button>
                </li>
            }
        })
        .collect::<Vec<_>>()
}
