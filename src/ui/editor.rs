//! The note and tag editor. Ctrl+Enter saves, Esc cancels; tags are chips, with the tags already
//! used offered as suggestions.

use leptos::ev::KeyboardEvent;
use leptos::html;
use leptos::prelude::*;
use scholia_core::annotation::clean_tag;
use scholia_core::placement::tag_suggestions;

use super::state::{EditorField, EditorState, Reader};

#[component]
pub fn Editor(reader: Reader) -> impl IntoView {
    move || reader.editor.get().map(|state| editor_form(reader, state))
}

fn editor_form(reader: Reader, state: EditorState) -> impl IntoView {
    let note = RwSignal::new(state.note.clone());
    let tags = RwSignal::new(state.tags.clone());
    let draft_tag = RwSignal::new(String::new());
    let note_ref = NodeRef::<html::Textarea>::new();
    let tag_ref = NodeRef::<html::Input>::new();
    let suggestions = Memo::new(move |_| reader.annotator.with(|a| tag_suggestions(a.store())));

    let field = state.field;
    Effect::new(move |_| {
        let focused = match field {
            EditorField::Note => note_ref.get().map(|e| e.focus()),
            EditorField::Tags => tag_ref.get().map(|e| e.focus()),
        };
        drop(focused);
    });

    let add_draft_tag = move || {
        if let Some(tag) = clean_tag(&draft_tag.get_untracked()) {
            tags.update(|t| {
                if !t.iter().any(|x| x.eq_ignore_ascii_case(&tag)) {
                    t.push(tag);
                }
            });
        }
        draft_tag.set(String::new());
    };
    let save = move || {
        add_draft_tag();
        reader.save_editor(note.get_untracked(), tags.get_untracked());
    };
    let on_keydown = move |ev: KeyboardEvent| match ev.key().as_str() {
        "Enter" if ev.ctrl_key() || ev.meta_key() => {
            ev.prevent_default();
            save();
        }
        "Escape" => {
            ev.prevent_default();
            ev.stop_propagation();
            reader.close_editor();
        }
        _ => {}
    };
    let on_tag_keydown = move |ev: KeyboardEvent| {
        let key = ev.key();
        if (key == "Enter" && !ev.ctrl_key() && !ev.meta_key()) || key == "," {
            ev.prevent_default();
            add_draft_tag();
        } else if key == "Backspace" && draft_tag.with_untracked(String::is_empty) {
            tags.update(|t| {
                t.pop();
            });
        }
    };
    let heading = if state.id.is_some() {
        "Edit note and tags"
    } else {
        "New note"
    };
    let chips = move || {
        tags.get()
            .into_iter()
            .map(|tag| {
                let remove = tag.clone();
                view! {
                    <li class="tag chip-removable">
                        {tag.clone()}
                        <button
                            type="button"
                            class="remove-tag"
                            aria-label=format!("Remove tag {tag}")
                            on:click=move |_| tags.update(|t| t.retain(|x| *x != remove))
                        >
                            "×"
                        </button>
                    </li>
                }
            })
            .collect::<Vec<_>>()
    };
    view! {
        <section class="editor" role="dialog" aria-labelledby="editor-heading" on:keydown=on_keydown>
            <h2 id="editor-heading">{heading}</h2>
            <blockquote class="editor-quote" dir="auto">{state.quote.clone()}</blockquote>
            <label for="note-text">"Note"</label>
            <textarea
                id="note-text"
                dir="auto"
                node_ref=note_ref
                rows="5"
                prop:value=move || note.get()
                on:input=move |ev| note.set(event_target_value(&ev))
            ></textarea>
            <label for="tag-input">"Tags"</label>
            <ul class="tags editor-tags" aria-label="Tags on this annotation">{chips}</ul>
            <input
                id="tag-input"
                dir="auto"
                type="text"
                list="tag-suggestions"
                node_ref=tag_ref
                placeholder="Add a tag and press Enter"
                prop:value=move || draft_tag.get()
                on:input=move |ev| draft_tag.set(event_target_value(&ev))
                on:keydown=on_tag_keydown
            />
            <datalist id="tag-suggestions">
                <For each=move || suggestions.get() key=|t| t.clone() let:tag>
                    <option value=tag></option>
                </For>
            </datalist>
            <p class="hint">"Ctrl+Enter saves, Esc cancels."</p>
            <div class="editor-actions">
                <button type="button" class="primary" on:click=move |_| save()>
                    "Save"
                </button>
                <button type="button" on:click=move |_| reader.close_editor()>
                    "Cancel"
                </button>
            </div>
        </section>
    }
}
