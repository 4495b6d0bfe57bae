//! The Articles dialog: the library of the reader's articles, to open, rename and delete (with
//! undo, and an export offered first when the article has annotations), to say that the article
//! on screen is a new version of another, with how much of the browser's storage it uses.

use leptos::prelude::*;
use scholia_core::library::{Entry, article_id};
use scholia_core::size::ByteSize;
use wasm_bindgen::JsValue;

use super::articles::{Articles, default_content, stored_annotations};
use super::dialog::{Dialog, DialogFooter};
use super::on_demand::{Unloaded, dialog_button, load};
use super::state::Reader;
use crate::browser::article_store::{self, Usage};
use crate::browser::json::BrowserJson;

/// Above this share of its quota the dialog warns that storage is nearly full.
const NEARLY_FULL: f64 = 0.8;

#[component]
pub fn ArticlesButton(reader: Reader, articles: Articles) -> impl IntoView {
    dialog_button(reader, "Articles", move |message, close| async move {
        load!(articles_dialog(articles, message, close))
    })
}

#[cfg_attr(
    feature = "split",
    wasm_split_helpers::wasm_split(library, fallible, preload(preload_library))
)]
pub(super) fn articles_dialog(
    articles: Articles,
    message: RwSignal<String>,
    close: Callback<()>,
) -> Result<AnyView, Unloaded> {
    let usage = LocalResource::new(article_store::usage);
    let default_id = article_id(&default_content().article());
    let rows_default_id = default_id.clone();
    let confirming = RwSignal::new(None::<Entry>);
    let rows = move || {
        let current = articles.library.with(|l| l.current.clone());
        let mut entries = articles
            .library
            .with(|l| l.by_recency().into_iter().cloned().collect::<Vec<_>>());
        entries.retain(|e| e.id != rows_default_id);
        let default = view! {
            <li aria-current=current.is_none().then_some("true")>
                <button type="button" class="article-title" on:click=move |_| {
                    articles.switch_to(None);
                    close.run(());
                }>
                    "The default article"
                </button>
                <p class="article-facts">
                    {facts(&rows_default_id, "shipped with Scholia", None)}
                </p>
            </li>
        };
        let others: Vec<_> = entries
            .into_iter()
            .map(|entry| {
                let is_current = current.as_deref() == Some(entry.id.as_str());
                entry_row(articles, entry, is_current, confirming, message, close)
            })
            .collect();
        view! { {default} {others} }
    };
    let storage_line = move || {
        usage.get().map(|usage| match usage {
            Some(usage) => usage_view(usage, articles.library.with(|l| l.bytes())),
            None => {
                view! { <p>"This browser does not say how much storage is left."</p> }.into_any()
            }
        })
    };
    Ok(view! {
        <Dialog labelled_by="articles-heading" on_close=close class="articles-dialog">
            <h2 id="articles-heading">"Articles"</h2>
            <Suspense fallback=|| ()>{storage_line}</Suspense>
            <ul class="library">{rows}</ul>
            {new_version_choice(articles, default_id.clone(), close)}
            {move || confirming.get().map(|entry| confirm_delete(articles, entry, confirming, message))}
            {move || articles.deleted.get().map(|deleted| {
                let title = deleted.entry.title.clone();
                view! {
                    <p class="deleted">
                        {format!("Deleted “{title}”. ")}
                        <button type="button" on:click=move |_| {
                            articles.undo_delete();
                            message.set(format!("“{title}” is back."));
                        }>"Undo"</button>
                    </p>
                }
            })}
            <DialogFooter message=message close=close />
        </Dialog>
    }
    .into_any())
}

/// "This article is a new version of …": for an edited copy that came under another title and
/// file name, so that opening it did not recognise it. Choosing one shows the same offer, with its
/// preview, as opening a recognised new version does.
fn new_version_choice(
    articles: Articles,
    default_id: String,
    close: Callback<()>,
) -> impl IntoView {
    let chosen = NodeRef::<leptos::html::Select>::new();
    move || {
        let candidates = version_candidates(articles, &default_id);
        (!candidates.is_empty()).then(|| {
            let options: Vec<_> = candidates
                .iter()
                .map(
                    |entry| view! { <option value=entry.id.clone()>{entry.title.clone()}</option> },
                )
                .collect();
            let candidates = StoredValue::new(candidates);
            let offer = move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                let Some(id) = chosen.get_untracked().map(|select| select.value()) else {
                    return;
                };
                let earlier = candidates.with_value(|c| c.iter().find(|e| e.id == id).cloned());
                if earlier.is_some() {
                    articles.earlier_version.set(earlier);
                    close.run(());
                }
            };
            view! {
                <form class="new-version" on:submit=offer>
                    <label for="earlier-version">"The article on screen is a new version of"</label>
                    <select id="earlier-version" node_ref=chosen>{options}</select>
                    <button type="submit">"Offer its annotations"</button>
                </form>
            }
        })
    }
}

/// The articles, other than the one on screen, whose annotations could be carried over to it:
/// those that have some, last opened first.
fn version_candidates(articles: Articles, default_id: &str) -> Vec<Entry> {
    let (current, mut candidates) = articles.library.with(|l| {
        let current = l.current.clone().unwrap_or_else(|| default_id.to_owned());
        (
            current,
            l.by_recency().into_iter().cloned().collect::<Vec<_>>(),
        )
    });
    if !candidates.iter().any(|e| e.id == default_id) {
        candidates.push(Entry::new(
            &default_content().article(),
            "shipped with Scholia",
            0,
            0,
        ));
    }
    candidates.retain(|e| e.id != current && annotation_count(&e.id) > 0);
    candidates
}

fn entry_row(
    articles: Articles,
    entry: Entry,
    is_current: bool,
    confirming: RwSignal<Option<Entry>>,
    message: RwSignal<String>,
    close: Callback<()>,
) -> impl IntoView {
    let renaming = RwSignal::new(false);
    let facts_text = facts(&entry.id, &entry.source, Some(&entry));
    let annotated = annotation_count(&entry.id) > 0;
    let title = entry.title.clone();
    let entry = StoredValue::new(entry);
    let rename_input = NodeRef::<leptos::html::Input>::new();
    let heading = move || {
        let Entry { id, title, .. } = entry.get_value();
        if renaming.get() {
            let input_id = format!("rename-{id}");
            view! {
                <form class="rename" on:submit=move |ev| {
                    ev.prevent_default();
                    if let Some(input) = rename_input.get_untracked() {
                        articles.rename(&id, &input.value());
                    }
                    renaming.set(false);
                }>
                    <label for=input_id.clone()>"New title"</label>
                    <input id=input_id type="text" data-autofocus prop:value=title node_ref=rename_input />
                    <button type="submit">"Save"</button>
                    <button type="button" on:click=move |_| renaming.set(false)>"Cancel"</button>
                </form>
            }
            .into_any()
        } else {
            view! {
                <button type="button" class="article-title" on:click=move |_| {
                    articles.switch_to(Some(id.clone()));
                    close.run(());
                }>{title}</button>
            }
            .into_any()
        }
    };
    let delete = move |_| {
        let entry = entry.get_value();
        if annotated {
            confirming.set(Some(entry));
        } else {
            articles.delete(entry.id);
            message.set(String::new());
        }
    };
    view! {
        <li aria-current=is_current.then_some("true")>
            {heading}
            <p class="article-facts">{facts_text}</p>
            <div class="article-actions">
                <button
                    type="button"
                    aria-label=format!("Rename {title}")
                    on:click=move |_| renaming.set(true)
                >
                    "Rename"
                </button>
                <button type="button" aria-label=format!("Delete {title}") on:click=delete>
                    "Delete"
                </button>
            </div>
        </li>
    }
}

/// Asks before deleting an annotated article, and offers to export its annotations first.
fn confirm_delete(
    articles: Articles,
    entry: Entry,
    confirming: RwSignal<Option<Entry>>,
    message: RwSignal<String>,
) -> impl IntoView {
    let count = annotation_count(&entry.id);
    let export_id = entry.id.clone();
    let delete_id = entry.id.clone();
    view! {
        <div class="confirm" role="alertdialog" aria-labelledby="confirm-delete">
            <p id="confirm-delete">
                {format!(
                    "“{}” has {count} {}. Deleting the article keeps them in this browser, and \
                     they come back if you open the same article again; export them to keep a \
                     copy elsewhere.",
                    entry.title,
                    if count == 1 { "annotation" } else { "annotations" },
                )}
            </p>
            <button type="button" data-autofocus on:click=move |_| {
                let id = export_id.clone();
                leptos::task::spawn_local(async move {
                    message.set(export_annotations(&id).await);
                });
            }>"Export annotations"</button>
            <button type="button" on:click=move |_| {
                articles.delete(delete_id.clone());
                confirming.set(None);
            }>"Delete"</button>
            <button type="button" on:click=move |_| confirming.set(None)>"Cancel"</button>
        </div>
    }
}

/// Downloads the annotations of article `id` as Web Annotation (JSON-LD), and says how it went.
async fn export_annotations(id: &str) -> String {
    let stored = article_store::get(id).await.ok().flatten();
    let content = stored.and_then(|json| {
        let document = scholia_core::codec::Json::parse(&BrowserJson, &json).ok()?;
        scholia_core::codec::Json::read(&BrowserJson, &document).ok()
    });
    let Some(content) = content.map(|c: scholia_core::source::Content| c.article()) else {
        return "The article's text is no longer stored, so its annotations cannot be exported \
                here."
            .into();
    };
    super::export::save_web_annotation(&content, &stored_annotations(id))
}

fn annotation_count(id: &str) -> usize {
    stored_annotations(id).live().count()
}

/// "page.html · 42 sentences · 3 annotations · opened 2 Dec 2026".
fn facts(id: &str, source: &str, entry: Option<&Entry>) -> String {
    let mut facts = vec![source.to_owned()];
    if let Some(entry) = entry {
        facts.push(plural(entry.sentences, "sentence"));
    }
    facts.push(plural(annotation_count(id), "annotation"));
    if let Some(entry) = entry {
        facts.push(format!("opened {}", day(entry.opened)));
    }
    facts.join(" · ")
}

/// "3 Dec 2026", in the reader's time zone, by the browser's own date formatting.
fn day(ms: scholia_core::annotation::Millis) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(ms as f64));
    let options = js_sys::Object::new();
    for (name, value) in [("day", "numeric"), ("month", "short"), ("year", "numeric")] {
        let _ = js_sys::Reflect::set(&options, &name.into(), &value.into());
    }
    date.to_locale_date_string("en-GB", &options).into()
}

pub(super) fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn usage_view(usage: Usage, library_bytes: usize) -> AnyView {
    let line = format!(
        "Storage: your articles take {}; all Scholia keeps in this browser takes {} of the \
         about {} the browser allows it.",
        ByteSize::of(library_bytes),
        ByteSize(usage.used as u64),
        ByteSize(usage.quota as u64)
    );
    let nearly_full = usage.quota > 0.0 && usage.used / usage.quota > NEARLY_FULL;
    view! {
        <p class="storage-use">{line}</p>
        {nearly_full.then(|| view! {
            <p class="warning" role="alert">
                "This browser's storage for Scholia is nearly full. Delete articles you no \
                 longer need, or export your annotations, before opening more."
            </p>
        })}
    }
    .into_any()
}
