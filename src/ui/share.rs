//! Share links: the Share button makes one for the reader's annotations, and a page opened from
//! one shows what was shared as a separate, read-only layer until the reader imports or dismisses
//! it. Nothing shared is merged without the reader saying so.

use std::sync::Arc;

use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use scholia_core::annotation::Annotation;
use scholia_core::codec::JsonError;
use scholia_core::formats::import;
use scholia_core::formats::share::{ShareDraft, share_draft};
use scholia_core::store::Store;
use wasm_bindgen::JsValue;

use super::dialog::{Dialog, DialogFooter};
use super::on_demand::{Unloaded, load, spawn_on_demand, view_on_demand};
use super::state::{AlertKind, Reader, SharedLayer};
use crate::browser::json::BrowserJson;
use crate::browser::{address, clipboard, compression};

/// Links longer than this may be cut short or refused by some chat apps and mail programs.
const LONG_LINK_CHARS: usize = 2000;

/// Shows the layer for the page's share link, now and whenever the fragment changes.
pub fn listen(reader: Reader) {
    reader.show_shared_link();
    let handle = window_event_listener(ev::hashchange, move |_| reader.show_shared_link());
    on_cleanup(move || handle.remove());
}

/// Reads the annotations shared in `link` and shows them as a layer of their own.
#[cfg_attr(
    feature = "split",
    wasm_split_helpers::wasm_split(share, fallible, preload(preload_share))
)]
pub fn read_shared_link(reader: Reader, link: String) -> Result<(), Unloaded> {
    let Some(result) = reader.article.try_with_value(|article| {
        import(&BrowserJson, link.as_bytes(), article, &Store::default())
    }) else {
        return Ok(());
    };
    match result {
        Ok(preview) => {
            reader.dismiss_alert(AlertKind::ImportRefused);
            reader.shared.set(Some(SharedLayer { link, preview }));
        }
        Err(error) => reader.refuse_import("the share link", &error),
    }
    Ok(())
}

/// A share link to the reader's annotations, and how many could not go in it.
struct Link {
    url: String,
    left_out: usize,
    count: usize,
}

/// What a link to the reader's annotations carries now, and how many annotations there are;
/// nothing once the reader is closed.
fn draft(reader: Reader) -> Option<Result<(ShareDraft, usize), JsonError>> {
    reader
        .article
        .try_with_value(|article| {
            reader.annotator.try_with_untracked(|a| {
                let draft = share_draft(&BrowserJson, article, a.store())?;
                Ok((draft, a.store().live().count()))
            })
        })
        .flatten()
}

/// The link for `draft`, deflated by the browser; an error where the browser cannot compress.
async fn make_link(draft: ShareDraft, count: usize) -> Result<Link, JsValue> {
    let deflated = compression::deflate_raw(draft.data()).await?;
    let link = draft.link(&deflated);
    Ok(Link {
        url: format!(
            "{}{}",
            address::page_url().unwrap_or_default(),
            link.fragment
        ),
        left_out: link.left_out,
        count,
    })
}

/// Makes the link to the reader's annotations, shows it in the dialog and copies it.
#[cfg_attr(feature = "split", wasm_split_helpers::wasm_split(share, fallible))]
fn open_link(
    reader: Reader,
    link: RwSignal<Option<Arc<Link>>>,
    message: RwSignal<String>,
    input_ref: NodeRef<html::Input>,
) -> Result<(), Unloaded> {
    // The chunk may have been fetched after another article was opened.
    let (draft, count) = match draft(reader) {
        Some(Ok(draft)) => draft,
        Some(Err(error)) => {
            reader.alert(
                AlertKind::ShareUnavailable,
                format!(
                    "The share link could not be made ({error}). Export a file to send instead."
                ),
            );
            return Ok(());
        }
        None => return Ok(()),
    };
    leptos::task::spawn_local(async move {
        let Ok(made) = make_link(draft, count).await else {
            reader.alert(
                AlertKind::ShareUnavailable,
                "This browser cannot make share links. Export a file to send instead.",
            );
            return;
        };
        let url = made.url.clone();
        // Another article may have been opened while the link was compressed: this reader,
        // and its dialog, are gone then.
        if link.try_set(Some(Arc::new(made))).is_some() {
            return;
        }
        // Chromium and Firefox let the page write to the clipboard for a few seconds after
        // the click, which compressing fits in; Safari may refuse, and then the link is
        // selected for the reader to copy.
        let copied = clipboard::copy(&url).await;
        if let Some(input) = input_ref.try_get_untracked().flatten() {
            input.select();
        }
        message.try_set(if copied {
            "Link copied to the clipboard.".to_owned()
        } else {
            "The browser did not allow copying: the link is selected, press Ctrl+C (⌘C on a \
             Mac) to copy it."
                .to_owned()
        });
    });
    Ok(())
}

#[component]
pub fn ShareButton(reader: Reader) -> impl IntoView {
    let link = RwSignal::new(None::<Arc<Link>>);
    let message = RwSignal::new(String::new());
    let input_ref = NodeRef::<html::Input>::new();
    let close = Callback::new(move |()| {
        link.set(None);
        message.set(String::new());
    });
    let open = move |_| {
        spawn_on_demand(reader, async move {
            load!(open_link(reader, link, message, input_ref))
        })
    };
    view! {
        <button type="button" aria-haspopup="dialog" on:click=open>
            "Share"
        </button>
        <Show when=move || link.with(Option::is_some)>
            {view_on_demand(
                reader,
                async move { load!(share_dialog(link, message, input_ref, close)) },
                move || close.run(()),
            )}
        </Show>
    }
}

/// The dialog with the link, what it shares, and warnings when it is long or incomplete.
#[cfg_attr(feature = "split", wasm_split_helpers::wasm_split(share, fallible))]
fn share_dialog(
    link: RwSignal<Option<Arc<Link>>>,
    message: RwSignal<String>,
    input_ref: NodeRef<html::Input>,
    close: Callback<()>,
) -> Result<AnyView, Unloaded> {
    let body = move || {
        link.get().map(|link| {
            let long = link.url.chars().count() > LONG_LINK_CHARS;
            let warning = long.then(|| {
                view! {
                    <p class="warning">
                        {format!(
                            "This link is {} characters long: it may be too long for some chat apps. If it does not arrive whole, export a file instead.",
                            link.url.chars().count(),
                        )}
                    </p>
                }
            });
            let left_out = (link.left_out > 0).then(|| {
                view! {
                    <p class="warning">
                        {format!(
                            "{} of your annotations could not be placed in this article and are not in the link.",
                            link.left_out,
                        )}
                    </p>
                }
            });
            let about = match link.count.saturating_sub(link.left_out) {
                1 => "Anyone with the same article who opens this link sees your 1 annotation, and can import it.".to_owned(),
                n => format!("Anyone with the same article who opens this link sees your {n} annotations, and can import them."),
            };
            view! {
                <p>{about}</p>
                <label for="share-url">"Share link"</label>
                <input id="share-url" type="text" readonly node_ref=input_ref prop:value=link.url.clone() />
                {warning}
                {left_out}
            }
        })
    };
    Ok(view! {
        <Dialog labelled_by="share-heading" on_close=close class="share-dialog">
            <h2 id="share-heading">"Share link"</h2>
            {body}
            <DialogFooter message=message close=close />
        </Dialog>
    }
    .into_any())
}

/// The annotations shared in the page's link, shown apart from the reader's own, as text.
#[component]
pub fn SharedLayerView(reader: Reader) -> impl IntoView {
    move || {
        reader.shared.get().map(|layer| {
            view_on_demand(
                reader,
                async move { load!(shared_layer(reader, layer)) },
                move || reader.shared.set(None),
            )
        })
    }
}

#[cfg_attr(feature = "split", wasm_split_helpers::wasm_split(share, fallible))]
fn shared_layer(reader: Reader, layer: SharedLayer) -> Result<AnyView, Unloaded> {
    let heading = match layer.len() {
        1 => "Shared with you: 1 annotation".to_owned(),
        n => format!("Shared with you: {n} annotations"),
    };
    let preview = layer.preview;
    let sender_labels = preview.sender_labels;
    // The sender's name for a label, else the reader's.
    let label_name = |a: &Annotation| {
        sender_labels
            .iter()
            .find(|(label, _)| *label == a.label)
            .map(|(_, name)| name.clone())
            .unwrap_or_else(|| reader.label_name(a.label))
    };
    let placed = preview.new.into_iter().map(|a| (a, true));
    let unplaced = preview.unplaced.into_iter().map(|a| (a, false));
    let items: Vec<_> = placed
        .chain(unplaced)
        .map(|(a, placed)| {
            let name = label_name(&a);
            shared_item(a, name, placed)
        })
        .collect();
    Ok(view! {
        <section class="shared-layer" aria-labelledby="shared-heading">
            <h2 id="shared-heading">{heading}</h2>
            <p class="hint">
                "Someone sent you these with a link. They are not among your annotations unless you import them."
            </p>
            <ol class="annotation-list">{items}</ol>
            <div class="dialog-actions">
                <button type="button" class="primary" on:click=move |_| reader.import_shared()>
                    "Import into mine"
                </button>
                <button type="button" on:click=move |_| reader.dismiss_shared()>
                    "Dismiss"
                </button>
            </div>
        </section>
    }
    .into_any())
}

fn shared_item(a: Annotation, label_name: String, placed: bool) -> impl IntoView {
    let note = (!a.note.is_empty()).then(|| view! { <p class="note" dir="auto">{a.note}</p> });
    let tags = (!a.tags.is_empty()).then(|| {
        let tags: Vec<_> = a
            .tags
            .into_iter()
            .map(|t| view! { <li class="tag" dir="auto">{t}</li> })
            .collect();
        view! { <ul class="tags" aria-label="Tags">{tags}</ul> }
    });
    let where_ =
        (!placed).then(|| view! { <p class="hint">"Not in your copy of the article."</p> });
    view! {
        <li class="annotation shared-annotation" data-label=a.label.index().to_string()>
            <span class="chip">{label_name}</span>
            <q class="quote" dir="auto">{a.target.exact}</q>
            {note}
            {tags}
            {where_}
        </li>
    }
}
