//! The side panel (a margin on wide screens, a bottom sheet on phones): the annotations in
//! document order with quote, label, note and tags; filters; counts; label names.

use leptos::prelude::*;
use scholia_core::anchor::{Anchoring, Candidate};
use scholia_core::annotation::{Annotation, LABEL_NAME_MAX_CHARS, Label};
use scholia_core::placement::{Placed, tag_suggestions};

use super::on_demand::Unloaded;
use super::state::{EditorField, Reader};

/// Quotes in the list are cut to this many characters; the article shows them whole.
const QUOTE_PREVIEW_CHARS: usize = 160;
/// The list shows this many placed annotations at first, and this many more at each "Show more":
/// laying out a thousand items would make every search and filter wait for it. More than a
/// screenful even on a tall one.
const LISTED_AT_ONCE: usize = 25;

/// The panel, whose code is fetched once the article is on screen: reading does not need it.
#[cfg_attr(feature = "split", wasm_split_helpers::wasm_split(panel, fallible))]
pub(super) fn panel_view(reader: Reader, open: RwSignal<bool>) -> Result<AnyView, Unloaded> {
    Ok(view! { <Panel reader open /> }.into_any())
}

#[component]
fn Panel(reader: Reader, open: RwSignal<bool>) -> impl IntoView {
    // The annotations that pass the filter: placed ones, then those not placed in this article.
    let shown = Memo::new(move |_| {
        let filter = reader.filter.get();
        reader.labels.with(|labels| {
            reader.placed.with(|placed| {
                placed
                    .iter()
                    .filter(|p| filter.matches(&p.annotation, labels))
                    .cloned()
                    .partition::<Vec<Placed>, _>(|p| p.sentences().is_some())
            })
        })
    });
    let total = move || reader.placed.with(Vec::len);
    // How many of the placed ones are listed.
    let listed = RwSignal::new(LISTED_AT_ONCE);
    let placed_items = move || {
        let listed = listed.get();
        shown.with(|(placed, _)| placed.iter().take(listed).cloned().collect::<Vec<_>>())
    };
    let more_to_list = move || shown.with(|(placed, _)| placed.len()) > listed.get();
    let unplaced_items = move || shown.with(|(_, unplaced)| unplaced.clone());
    let summary = move || {
        let shown = shown.with(|(placed, unplaced)| placed.len() + unplaced.len());
        let total = total();
        if reader.filter.with(|f| f.is_empty()) {
            format!("{total}")
        } else {
            format!("{shown} of {total}")
        }
    };
    view! {
        <aside class="panel" class:open=move || open.get() aria-labelledby="panel-heading">
            <button
                class="panel-toggle"
                aria-expanded=move || open.get().to_string()
                aria-controls="panel-body"
                on:click=move |_| open.update(|o| *o = !*o)
            >
                <span id="panel-heading">"Annotations"</span>
                " "
                <span class="count">{summary}</span>
            </button>
            <div id="panel-body" class="panel-body">
                <Filters reader=reader />
                <ol class="annotation-list" aria-label="Annotations in document order">
                    <For
                        each=placed_items
                        key=|p| (p.annotation.id.clone(), p.annotation.modified)
                        children=move |p| annotation_item(reader, p)
                    />
                </ol>
                <Show when=more_to_list>
                    <button
                        type="button"
                        class="show-more"
                        on:click=move |_| listed.update(|n| *n += LISTED_AT_ONCE)
                    >
                        "Show more"
                    </button>
                </Show>
                <Show when=move || total() == 0>
                    <p class="empty">"No annotations yet. Select a sentence and press h to highlight it, n to add a note."</p>
                </Show>
                <Show when=move || shown.with(|(_, unplaced)| !unplaced.is_empty())>
                    <h3 class="unplaced-heading">"Could not be placed in this article"</h3>
                    <ol class="annotation-list unplaced">
                        <For
                            each=unplaced_items
                            key=|p| (p.annotation.id.clone(), p.annotation.modified)
                            children=move |p| orphan_item(reader, p)
                        />
                    </ol>
                </Show>
                <LabelNames reader=reader />
            </div>
        </aside>
    }
}

#[component]
fn Filters(reader: Reader) -> impl IntoView {
    let tags = Memo::new(move |_| reader.annotator.with(|a| tag_suggestions(a.store())));
    let label_count = move |label: Label| {
        reader
            .placed
            .with(|p| p.iter().filter(|p| p.annotation.label == label).count())
    };
    view! {
        <div class="filters" role="search" aria-label="Filter annotations">
            <div class="field">
                <label for="annotation-search">"Search"</label>
                <input
                    id="annotation-search"
                    type="search"
                    placeholder="Quote, note or tag"
                    prop:value=move || reader.filter.with(|f| f.text.clone())
                    on:input=move |ev| reader.filter.update(|f| f.text = event_target_value(&ev))
                    on:keydown=move |ev| {
                        if ev.key() == "Escape" {
                            reader.filter.update(|f| f.text.clear());
                            reader.focus_sentence(reader.selection.get_untracked().focus);
                        }
                    }
                />
            </div>
            <div class="field">
                <label for="filter-label">"Label"</label>
                <select id="filter-label" on:change=move |ev| {
                    let value = event_target_value(&ev);
                    reader.filter.update(|f| f.label = value.parse().ok().and_then(Label::new));
                }>
                    <option value="">"All labels"</option>
                    {Label::all()
                        .map(|label| {
                            view! {
                                <option value=label.index().to_string()>
                                    {move || format!("{} ({})", reader.label_name(label), label_count(label))}
                                </option>
                            }
                        })
                        .collect::<Vec<_>>()}
                </select>
            </div>
            <div class="field">
                <label for="filter-tag">"Tag"</label>
                <select id="filter-tag" on:change=move |ev| {
                    let value = event_target_value(&ev);
                    reader.filter.update(|f| f.tag = (!value.is_empty()).then_some(value));
                }>
                    <option value="">"All tags"</option>
                    <For each=move || tags.get() key=|t| t.clone() let:tag>
                        <option value=tag.clone()>{tag.clone()}</option>
                    </For>
                </select>
            </div>
        </div>
    }
}

fn preview(quote: &str) -> String {
    let mut chars = quote.chars();
    let mut out: String = chars.by_ref().take(QUOTE_PREVIEW_CHARS).collect();
    if chars.next().is_some() {
        out.push('…');
    }
    out
}

fn note_view(annotation: &Annotation) -> Option<impl IntoView + use<>> {
    let note = annotation.note.clone();
    (!note.is_empty()).then(|| view! { <p class="note" dir="auto">{note}</p> })
}

fn tags_view(annotation: &Annotation) -> Option<impl IntoView + use<>> {
    let tags: Vec<_> = annotation
        .tags
        .iter()
        .map(|t| view! { <li class="tag" dir="auto">{t.clone()}</li> })
        .collect();
    (!tags.is_empty()).then(|| view! { <ul class="tags" aria-label="Tags">{tags}</ul> })
}

fn annotation_item(reader: Reader, placed: Placed) -> impl IntoView {
    let sentences = placed.sentences();
    let annotation = placed.annotation;
    let label = annotation.label;
    let id = annotation.id.clone();
    let edit_id = annotation.id.clone();
    let delete_id = annotation.id.clone();
    let go_to = sentences.clone();
    let (note, tags) = (note_view(&annotation), tags_view(&annotation));
    let quote = preview(&annotation.target.exact);
    view! {
        <li class="annotation" data-annotation-id=id data-label=label.index().to_string()>
            <button
                class="go-to"
                disabled=go_to.is_none()
                on:click=move |_| {
                    if let Some(sentences) = &go_to {
                        reader.go_to(sentences);
                    }
                }
            >
                <span class="chip">{move || reader.label_name(label)}</span>
                <q class="quote" dir="auto">{quote}</q>
            </button>
            {note}
            {tags}
            <div class="item-actions">
                <button
                    type="button"
                    disabled=sentences.is_none()
                    on:click=move |_| {
                        if let Some(s) = &sentences {
                            reader.go_to(s);
                            reader.open_editor_on(&edit_id, EditorField::Note);
                        }
                    }
                >
                    "Edit"
                </button>
                <button type="button" on:click=move |_| reader.delete(&delete_id)>
                    "Delete"
                </button>
            </div>
        </li>
    }
}

/// An annotation whose quote is not in this article: kept, with what it said, until the reader
/// places it on the sentences they select (or deletes it).
fn orphan_item(reader: Reader, placed: Placed) -> impl IntoView {
    let candidate = match placed.anchoring {
        Anchoring::Orphan { best: Some(best) } => Some(best),
        _ => None,
    };
    let annotation = placed.annotation;
    let id = annotation.id.clone();
    let place_id = annotation.id.clone();
    let candidate_id = annotation.id.clone();
    let delete_id = annotation.id.clone();
    // The closest text found, below the confidence at which it is attached by itself.
    let candidate = candidate.map(
        |Candidate {
             sentences,
             confidence,
         }| {
            // Whole percents, written as an integer: formatting a float adds 10 KB to the wasm.
            let percent = (confidence.clamp(0.0, 1.0) * 100.0).round() as u8;
            let name = format!(
                "Place on the closest match, sentence {} ({percent}% alike)",
                sentences.start + 1
            );
            view! {
                <button type="button" on:click=move |_| reader.place_on(&candidate_id, &sentences)>
                    {name}
                </button>
            }
        },
    );
    let label = annotation.label;
    let (note, tags) = (note_view(&annotation), tags_view(&annotation));
    let selected = move || {
        let range = reader.selection.get().range();
        *range.start()..*range.end() + 1
    };
    let selected_name = move || {
        let range = selected();
        if range.len() == 1 {
            format!("Place on sentence {}", range.start + 1)
        } else {
            format!("Place on sentences {}–{}", range.start + 1, range.end)
        }
    };
    view! {
        <li
            class="annotation"
            data-annotation-id=id
            data-orphan=""
            data-label=label.index().to_string()
        >
            <span class="chip">{move || reader.label_name(label)}</span>
            <q class="quote" dir="auto">{preview(&annotation.target.exact)}</q>
            {note}
            {tags}
            <div class="item-actions">
                <button type="button" on:click=move |_| reader.place_on(&place_id, &selected())>
                    {selected_name}
                </button>
                {candidate}
                <button type="button" on:click=move |_| reader.delete(&delete_id)>
                    "Delete"
                </button>
            </div>
        </li>
    }
}

#[component]
fn LabelNames(reader: Reader) -> impl IntoView {
    let inputs: Vec<_> = Label::all()
        .map(|label| {
            let id = format!("label-name-{}", label.index() + 1);
            view! {
                <li>
                    <label for=id.clone() class="swatch" data-label=label.index().to_string()>
                        {format!("Label {}", label.index() + 1)}
                    </label>
                    <input
                        id=id
                        type="text"
                        maxlength=LABEL_NAME_MAX_CHARS.to_string()
                        prop:value=move || reader.label_name(label)
                        on:change=move |ev| reader.rename_label(label, &event_target_value(&ev))
                    />
                </li>
            }
        })
        .collect();
    view! {
        <details class="label-names">
            <summary>"Label names"</summary>
            <ul>{inputs}</ul>
        </details>
    }
}
