//! A reminder to export a backup, for readers with annotations in a browser that may delete them
//! on its own (Safari does after 7 days without a visit).

use leptos::prelude::*;
use scholia_core::backup;

use crate::browser::persist;

#[component]
pub fn BackupReminder() -> impl IntoView {
    let (shown, set_shown) = signal(false);
    leptos::task::spawn_local(async move {
        // Asking can prompt (Firefox does): only readers with something to keep are asked.
        if !persist::has_reader_data() {
            return;
        }
        let durability = persist::request_persistent_storage().await;
        set_shown.set(backup::should_remind(
            durability,
            persist::reminder_dismissed_at(),
            crate::browser::now_ms(),
        ));
    });

    let dismiss = move |_| {
        persist::dismiss_reminder();
        set_shown.set(false);
    };
    view! {
        <div role="status">
            {move || {
                shown
                    .get()
                    .then(|| {
                        view! {
                            <div class="notice">
                                <p>
                                    "This browser may delete your annotations if you don’t visit for a while. "
                                    "Export a backup to keep them safe."
                                </p>
                                <button type="button" on:click=dismiss>"Remind me in a week"</button>
                            </div>
                        }
                    })
            }}
        </div>
    }
}
