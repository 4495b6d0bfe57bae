//! "Open article…": a web page saved from the browser, a Markdown file or plain text, read into
//! the library by [`Articles`](super::articles::Articles). Drops and pastes arrive through the
//! page-wide listeners of `import.rs`, which tell articles from annotations.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::articles::Articles;

/// What the file picker offers; other files can still be dropped and are read by their content.
const ACCEPT: &str = ".html,.htm,.md,.markdown,.txt,text/html,text/markdown,text/plain";

#[component]
pub fn OpenArticle(articles: Articles) -> impl IntoView {
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
        articles.open_file(file);
    };
    view! {
        <div class="open-article">
            <label class="button" for="open-article">"Open article…"</label>
            <input
                id="open-article"
                class="visually-hidden"
                type="file"
                accept=ACCEPT
                on:change=on_change
            />
        </div>
    }
}
