//! The `?` overlay: every keyboard shortcut, from the same table the key handler uses.

use leptos::html;
use leptos::prelude::*;

use super::keyboard::SHORTCUTS;
use super::on_demand::{Unloaded, load, view_on_demand};
use super::state::Reader;

#[component]
pub fn Help(reader: Reader) -> impl IntoView {
    move || {
        reader.help_open.get().then(|| {
            view_on_demand(
                reader,
                async move { load!(help_overlay(reader)) },
                move || reader.help_open.set(false),
            )
        })
    }
}

/// The overlay, with focus on its Close button.
#[cfg_attr(
    feature = "split",
    wasm_split_helpers::wasm_split(help, fallible, preload(preload_help))
)]
pub(super) fn help_overlay(reader: Reader) -> Result<AnyView, Unloaded> {
    let close_ref = NodeRef::<html::Button>::new();
    Effect::new(move |_| {
        if let Some(button) = close_ref.get() {
            let _ = button.focus();
        }
    });
    let close = move |_| {
        reader.help_open.set(false);
        reader.focus_sentence(reader.selection.get_untracked().focus);
    };
    let rows = || {
        SHORTCUTS
            .iter()
            .map(|(keys, what)| view! { <tr><th scope="row"><kbd>{*keys}</kbd></th><td>{*what}</td></tr> })
            .collect::<Vec<_>>()
    };
    Ok(view! {
        <div class="overlay">
            <div class="help" role="dialog" aria-modal="true" aria-labelledby="help-heading">
                <h2 id="help-heading">"Keyboard shortcuts"</h2>
                <table>
                    <tbody>{rows()}</tbody>
                </table>
                <button type="button" node_ref=close_ref on:click=close>
                    "Close"
                </button>
            </div>
        </div>
    }
    .into_any())
}
