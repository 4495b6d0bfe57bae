//! Bringing your own article: open a plain-text file; it is kept in localStorage so that a reload
//! shows it again, until the reader goes back to the default article.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::browser::files::{ReadError, read_text};
use crate::browser::storage::LocalStorage;

const ARTICLE_KEY: &str = "scholia:article";
/// Larger files are refused: the page stays responsive up to about this size.
const MAX_ARTICLE_BYTES: usize = 5 * 1024 * 1024;

/// The article the reader opened last, if it was kept.
pub fn last_opened() -> Option<String> {
    LocalStorage::open().ok()?.get(ARTICLE_KEY).ok().flatten()
}

fn remember(text: Option<&str>) -> bool {
    let Ok(storage) = LocalStorage::open() else {
        return false;
    };
    match text {
        Some(text) => storage.set(ARTICLE_KEY, text).is_ok(),
        None => storage.remove(ARTICLE_KEY).is_ok(),
    }
}

async fn read_file(file: web_sys::File) -> Result<String, String> {
    let name = file.name();
    read_text(file, MAX_ARTICLE_BYTES)
        .await
        .map_err(|error| match error {
            ReadError::TooLarge { .. } => format!("{name} is larger than 5 MB."),
            ReadError::Unreadable => format!("{name} could not be read."),
        })
}

#[component]
pub fn OpenArticle(text: RwSignal<String>, status: RwSignal<String>) -> impl IntoView {
    let on_change = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        input.set_value("");
        leptos::task::spawn_local(async move {
            match read_file(file).await {
                Ok(article) if article.trim().is_empty() => {
                    status.set("That file is empty.".into())
                }
                Ok(article) => {
                    let kept = remember(Some(&article));
                    text.set(article);
                    status.set(if kept {
                        "Article opened.".into()
                    } else {
                        "Article opened. It is too large to keep, so a reload shows the default article.".into()
                    });
                }
                Err(why) => status.set(why),
            }
        });
    };
    let is_default = move || text.with(|t| t == super::DEFAULT_ARTICLE);
    view! {
        <div class="open-article">
            <label class="button" for="open-article">"Open article…"</label>
            <input
                id="open-article"
                class="visually-hidden"
                type="file"
                accept=".txt,text/plain"
                on:change=on_change
            />
            <Show when=move || !is_default()>
                <button
                    type="button"
                    on:click=move |_| {
                        remember(None);
                        text.set(super::DEFAULT_ARTICLE.to_owned());
                        status.set("Back to the default article.".into());
                    }
                >
                    "Default article"
                </button>
            </Show>
        </div>
    }
}
