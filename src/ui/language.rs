//! The article's language, for when what it declares or its script tells is wrong: the reader
//! picks one, the article is read again in it (its `lang` and `dir` follow), and the choice is
//! kept with it in the library.

use leptos::prelude::*;
use scholia_core::segment::Language;
use wasm_bindgen::JsCast;

use super::articles::Articles;

/// The value of the choice that leaves it to the article.
const AUTOMATIC: &str = "";

#[component]
pub fn LanguagePicker(articles: Articles) -> impl IntoView {
    let chosen = Memo::new(move |_| {
        articles
            .library
            .with(|l| l.language(l.current.as_deref()).map(str::to_owned))
    });
    let is_chosen = move |code: &str| chosen.with(|c| c.as_deref().unwrap_or(AUTOMATIC) == code);
    let on_change = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        if !articles.choose_language((value != AUTOMATIC).then_some(value)) {
            // Not taken (the article is not in the library yet): show what holds.
            let select = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok());
            if let Some(select) = select {
                select.set_value(&chosen.get_untracked().unwrap_or_default());
            }
        }
    };
    let options: Vec<_> = Language::ALL
        .iter()
        .map(|language| {
            let code = language.code();
            view! {
                <option value=code lang=code prop:selected=move || is_chosen(code)>
                    {language.endonym()}
                </option>
            }
        })
        .collect();
    view! {
        <label class="language-picker">
            "Language"
            <select on:change=on_change>
                <option value=AUTOMATIC prop:selected=move || is_chosen(AUTOMATIC)>
                    "Automatic"
                </option>
                {options}
            </select>
        </label>
    }
}
