//! The `?` overlay: every keyboard shortcut, from the same table the key handler uses.

use leptos::html;
use leptos::prelude::*;

use super::keyboard::SHORTCUTS;
use super::state::Reader;

#[component]
pub fn Help(reader: Reader) -> impl IntoView {
    let close_ref = NodeRef::<html::Button>::new();
    Effect::new(move |_| {
        if reader.help_open.get()
            && let Some(button) = close_ref.get()
        {
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
    view! {
        <Show when=move || reader.help_open.get()>
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
        </Show>
    }
}
