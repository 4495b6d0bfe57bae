//! The offer to carry annotations over to a new version of an article: how many would stay in
//! place, move with their edited text, or not be placed. Nothing changes until the reader accepts,
//! and accepting is one step that undo takes back.

use leptos::prelude::*;
use scholia_core::carry::{CarryOver, carry_over};
use scholia_core::library::Entry;

use super::articles::{Articles, stored_annotations};
use super::library_dialog::plural;
use super::on_demand::{Unloaded, load, view_on_demand};
use super::state::Reader;

#[component]
pub fn VersionOffer(reader: Reader, articles: Articles) -> impl IntoView {
    move || {
        articles.earlier_version.get().map(|earlier| {
            view_on_demand(
                reader,
                async move { load!(version_offer(reader, articles, earlier)) },
                move || articles.earlier_version.set(None),
            )
        })
    }
}

#[cfg_attr(feature = "split", wasm_split_helpers::wasm_split(library, fallible))]
fn version_offer(reader: Reader, articles: Articles, earlier: Entry) -> Result<AnyView, Unloaded> {
    let carried = reader
        .article
        .with_value(|article| carry_over(article, &stored_annotations(&earlier.id)));
    if carried.is_empty() {
        articles.earlier_version.set(None);
        return Ok(().into_any());
    }
    let summary = summary(&carried);
    let carried = StoredValue::new(Some(carried));
    let accept = move |_| {
        if let Some(carried) = carried.try_update_value(Option::take).flatten() {
            reader.carry_over(carried.into_annotations());
        }
        articles.earlier_version.set(None);
    };
    Ok(view! {
        <section class="version-offer" aria-labelledby="version-offer-heading">
            <h2 id="version-offer-heading">
                {format!("A new version of “{}”?", earlier.title)}
            </h2>
            <p>{summary}</p>
            <div class="actions">
                <button type="button" on:click=accept>"Carry them over"</button>
                <button type="button" on:click=move |_| articles.earlier_version.set(None)>
                    "Not now"
                </button>
            </div>
        </section>
    }
    .into_any())
}

/// "The earlier version has 5 annotations. They can come with this one: 3 in place, 1 moved to
/// edited sentences, 1 that could not be placed, kept in the panel for you to place by hand. ..."
fn summary(carried: &CarryOver) -> String {
    let mut parts = vec![format!("{} in place", carried.kept.len())];
    if !carried.moved.is_empty() {
        parts.push(format!("{} moved to edited sentences", carried.moved.len()));
    }
    if !carried.orphaned.is_empty() {
        parts.push(format!(
            "{} that could not be placed, kept in the panel for you to place by hand",
            carried.orphaned.len()
        ));
    }
    format!(
        "The earlier version has {}. They can come with this one: {}. Nothing changes unless you \
         carry them over.",
        plural(carried.len(), "annotation"),
        parts.join(", ")
    )
}
