//! Keyboard shortcuts: one table from keys to commands, used by the key handler and shown in the
//! `?` overlay, so the two cannot drift apart.

use leptos::ev;
use leptos::prelude::*;
use scholia_core::annotation::Label;
use wasm_bindgen::JsCast;

use super::state::{EditorField, Reader};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Next { extend: bool },
    Previous { extend: bool },
    Highlight,
    Label(Label),
    Note,
    Tags,
    Delete,
    Undo,
    Redo,
    Search,
    Help,
    Escape,
}

/// What the `?` overlay and the README list: keys, and what they do.
pub const SHORTCUTS: &[(&str, &str)] = &[
    ("j / k", "next / previous sentence"),
    ("Shift+J / Shift+K", "extend the selection down / up"),
    (
        "Click, Shift+click",
        "select a sentence, extend the selection",
    ),
    (
        "h",
        "highlight the selection with the current label (again: remove it)",
    ),
    ("1 – 5", "pick the label; re-label the current annotation"),
    ("n", "write a note"),
    ("t", "edit tags"),
    ("x / Delete", "delete the current annotation"),
    ("u / Ctrl+Z", "undo"),
    ("Ctrl+Shift+Z / Ctrl+Y", "redo"),
    ("/", "search the annotations"),
    ("?", "show these shortcuts"),
    ("Esc", "close, or collapse the selection"),
    ("Ctrl+Enter / Esc", "in the note editor: save / cancel"),
];

/// The command for a key press outside text fields, if any.
pub fn command(key: &str, ctrl: bool, shift: bool, alt: bool) -> Option<Command> {
    if alt {
        return None;
    }
    if ctrl {
        return match key {
            "z" if !shift => Some(Command::Undo),
            "z" | "Z" | "y" => Some(Command::Redo),
            _ => None,
        };
    }
    Some(match key {
        "j" | "ArrowDown" => Command::Next { extend: false },
        "J" => Command::Next { extend: true },
        "k" | "ArrowUp" => Command::Previous { extend: false },
        "K" => Command::Previous { extend: true },
        "h" => Command::Highlight,
        "n" => Command::Note,
        "t" => Command::Tags,
        "x" | "Delete" => Command::Delete,
        "u" => Command::Undo,
        "/" => Command::Search,
        "?" => Command::Help,
        "Escape" => Command::Escape,
        digit => {
            let n: usize = digit.parse().ok()?;
            Command::Label(Label::new(n.checked_sub(1)?)?)
        }
    })
}

/// Whether `event` happened in a text field, where keys and pastes are the field's.
pub fn typing_in_a_field(event: &web_sys::Event) -> bool {
    event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|e| {
            matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || e.closest("[contenteditable]").ok().flatten().is_some()
        })
}

/// Handles the shortcuts for the reader's lifetime.
pub fn listen(reader: Reader) {
    let handle = window_event_listener(ev::keydown, move |event| {
        if event.default_prevented() || event.is_composing() || typing_in_a_field(&event) {
            return;
        }
        let ctrl = event.ctrl_key() || event.meta_key();
        let Some(command) = command(&event.key(), ctrl, event.shift_key(), event.alt_key()) else {
            return;
        };
        if reader.help_open.get_untracked() && command != Command::Escape {
            return;
        }
        event.prevent_default();
        run(reader, command);
    });
    on_cleanup(move || handle.remove());
}

pub fn run(reader: Reader, command: Command) {
    match command {
        Command::Next { extend } => reader.step(1, extend),
        Command::Previous { extend } => reader.step(-1, extend),
        Command::Highlight => reader.toggle_highlight(),
        Command::Label(label) => reader.choose_label(label),
        Command::Note => reader.open_editor(EditorField::Note),
        Command::Tags => reader.open_editor(EditorField::Tags),
        Command::Delete => reader.delete_current(),
        Command::Undo => reader.undo(),
        Command::Redo => reader.redo(),
        Command::Search => crate::browser::focus_id("annotation-search"),
        Command::Help => reader.help_open.set(true),
        Command::Escape => {
            if reader.help_open.get_untracked() {
                reader.help_open.set(false);
                reader.focus_sentence(reader.selection.get_untracked().focus);
            } else if reader.editor.get_untracked().is_some() {
                reader.close_editor();
            } else {
                reader.collapse_selection();
            }
        }
    }
}
