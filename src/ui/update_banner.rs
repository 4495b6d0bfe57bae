//! "Reload to update": offered when a new version of the app has installed and waits, so that a
//! page never runs on a mix of two versions' files and the reader chooses when to switch.

use leptos::prelude::*;

use crate::browser::service_worker::{self, WaitingUpdate};

#[component]
pub fn UpdateBanner() -> impl IntoView {
    let (waiting, set_waiting) = signal_local(None::<WaitingUpdate>);
    let (updating, set_updating) = signal(false);
    let listeners = service_worker::register(move |update| {
        set_waiting.set(Some(update));
        // A newer version replaces one that the reader may have been waiting for.
        set_updating.set(false);
    });
    // The banner watches for new versions for as long as it is on the page.
    StoredValue::new_local(listeners);

    let update = move |_| {
        let Some(update) = waiting.get_untracked() else {
            return;
        };
        set_updating.set(true);
        // The page reloads once the new version is in charge; if the message could not be sent,
        // the button comes back so the reader can try again.
        if update.apply().is_err() {
            set_updating.set(false);
        }
    };
    view! {
        // The live region is there from the start, so that screen readers announce the offer.
        <div role="status">
            {move || {
                waiting
                    .with(Option::is_some)
                    .then(|| {
                        view! {
                            <div class="notice">
                                <p>"A new version of Scholia is ready."</p>
                                <button type="button" on:click=update disabled=updating>
                                    {move || {
                                        if updating.get() { "Updating…" } else { "Reload to update" }
                                    }}
                                </button>
                            </div>
                        }
                    })
            }}
        </div>
    }
}
