//! The toolbar: label picker and the actions, each also on a key.

use leptos::prelude::*;
use scholia_core::annotation::Label;

use super::articles::Articles;
use super::export::ExportButton;
use super::import::ImportButton;
use super::keyboard::{Command, run};
use super::library_dialog::ArticlesButton;
use super::share::ShareButton;
use super::state::Reader;

#[component]
pub fn Toolbar(reader: Reader, articles: Articles) -> impl IntoView {
    let labels: Vec<_> = Label::all()
        .map(|label| {
            view! {
                <button
                    type="button"
                    class="label-button"
                    data-label=label.index().to_string()
                    aria-pressed=move || (reader.label.get() == label).to_string()
                    aria-keyshortcuts=(label.index() + 1).to_string()
                    on:click=move |_| run(reader, Command::Label(label))
                >
                    <span class="swatch" aria-hidden="true"></span>
                    {move || reader.label_name(label)}
                </button>
            }
        })
        .collect();
    let action = move |text: &'static str, keys: &'static str, command: Command| {
        view! {
            <button type="button" aria-keyshortcuts=keys on:click=move |_| run(reader, command)>
                {text}
            </button>
        }
    };
    view! {
        <section class="toolbar" aria-label="Annotation tools">
            <div class="label-picker" role="group" aria-label="Highlight label">
                {labels}
            </div>
            <div class="actions" role="group" aria-label="Annotate">
                {action("Highlight", "h", Command::Highlight)}
                {action("Note", "n", Command::Note)}
                {action("Tags", "t", Command::Tags)}
                {action("Delete", "x", Command::Delete)}
                {action("Undo", "u", Command::Undo)}
                {action("Redo", "Control+Y", Command::Redo)}
                {action("Shortcuts", "?", Command::Help)}
            </div>
            <div class="actions" role="group" aria-label="Export, import and share">
                <ExportButton reader=reader />
                <ImportButton reader=reader />
                <ShareButton reader=reader />
            </div>
            <div class="actions" role="group" aria-label="Your articles">
                <ArticlesButton reader=reader articles=articles />
            </div>
        </section>
    }
}
