//! A modal dialog: named by its heading, focus moved into it when it opens and back to where it
//! was when it closes, Esc closes it, and keys typed in it do not reach the article's shortcuts.

use leptos::ev::KeyboardEvent;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// What gets focus when a dialog opens: its first field or button, unless one is marked.
const FIRST_FOCUS: &str = "[data-autofocus], input, button, textarea, select";
/// What Tab moves between in a dialog.
const TABBABLE: &str = "input:not([disabled]), button:not([disabled]), textarea, select, a[href]";

#[component]
pub fn Dialog(
    /// The id of the heading inside that names the dialog.
    labelled_by: &'static str,
    /// Closes the dialog (Esc calls it too).
    on_close: Callback<()>,
    /// Extra class names for the dialog box.
    #[prop(optional)]
    class: &'static str,
    children: Children,
) -> impl IntoView {
    let dialog_ref = NodeRef::<html::Section>::new();
    // Cleanups run before the owner's values are dropped, so the opener is still there.
    let opener = StoredValue::new_local(active_element());
    on_cleanup(move || {
        opener.try_with_value(|opener| {
            if let Some(opener) = opener.as_ref().filter(|e| e.is_connected()) {
                let _ = opener.focus();
            }
        });
    });
    Effect::new(move |_| {
        let Some(dialog) = dialog_ref.get() else {
            return;
        };
        let first = dialog
            .query_selector(FIRST_FOCUS)
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        let _ = first.unwrap_or(dialog).focus();
    });
    let on_keydown = move |ev: KeyboardEvent| {
        // The article's shortcuts act behind the dialog otherwise.
        ev.stop_propagation();
        match ev.key().as_str() {
            "Escape" => {
                ev.prevent_default();
                on_close.run(());
            }
            "Tab" => {
                if let Some(dialog) = dialog_ref.get_untracked()
                    && keep_focus_inside(&dialog, ev.shift_key())
                {
                    ev.prevent_default();
                }
            }
            _ => {}
        }
    };
    view! {
        <div class="overlay">
            <section
                class=format!("dialog {class}")
                role="dialog"
                aria-modal="true"
                aria-labelledby=labelled_by
                tabindex="-1"
                node_ref=dialog_ref
                on:keydown=on_keydown
            >
                {children()}
            </section>
        </div>
    }
}

/// Wraps Tab from the last control to the first, and Shift+Tab from the first to the last, so
/// that focus stays in the modal dialog; says whether it did.
fn keep_focus_inside(dialog: &web_sys::Element, backwards: bool) -> bool {
    let controls = crate::browser::elements(dialog, TABBABLE);
    let (Some(first), Some(last)) = (controls.first(), controls.last()) else {
        return false;
    };
    let active = active_element();
    let (from, to) = if backwards {
        (first, last)
    } else {
        (last, first)
    };
    if active.as_ref() != Some(from) {
        return false;
    }
    to.focus().is_ok()
}

fn active_element() -> Option<web_sys::HtmlElement> {
    web_sys::window()?
        .document()?
        .active_element()?
        .dyn_into()
        .ok()
}

/// The end of an informational dialog: how the last action went, and a Close button.
#[component]
pub fn DialogFooter(message: RwSignal<String>, close: Callback<()>) -> impl IntoView {
    view! {
        <p class="dialog-message" role="status">{move || message.get()}</p>
        <div class="dialog-actions">
            <button type="button" on:click=move |_| close.run(())>"Close"</button>
        </div>
    }
}
