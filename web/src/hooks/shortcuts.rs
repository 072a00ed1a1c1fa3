//! Page-wide keyboard shortcuts, listed in the `?` panel. Alt+Shift chords
//! (by physical key, so they work on every layout and on macOS, where Alt
//! changes the character) avoid the browser's own Ctrl shortcuts and the
//! editors' typing; `?` opens the list when no text field has the focus.

use gloo::events::{EventListener, EventListenerOptions};
use web_sys::KeyboardEvent;
use yew::prelude::*;

/// What the shortcuts do.
#[derive(Clone, PartialEq)]
pub struct Shortcuts {
    /// Format the focused editor (the pattern when neither has the focus).
    pub format: Callback<()>,
    /// Copy the share link.
    pub copy_link: Callback<()>,
    /// Open the export panel.
    pub export: Callback<()>,
    /// Show or hide the list of shortcuts.
    pub help: Callback<()>,
    /// Close whatever panel is open.
    pub close: Callback<()>,
}

/// The list shown in the `?` panel: keys and what they do.
pub const LIST: &[(&str, &str)] = &[
    ("?", "Show or hide this list (outside the editors)"),
    (
        "Alt+Shift+F",
        "Format the editor you are in (the pattern otherwise)",
    ),
    ("Alt+Shift+P", "Go to the pattern editor"),
    ("Alt+Shift+E", "Go to the event editor"),
    ("Alt+Shift+L", "Copy a link to this exact state"),
    (
        "Alt+Shift+X",
        "Export the pattern (CLI, CloudFormation, SAM, CDK, Terraform…)",
    ),
    (
        "Tab / Esc then Tab",
        "Indent in an editor / leave the editor",
    ),
    (
        "Ctrl+Z",
        "Undo typing, a fix, or (on the template picker) a template",
    ),
    (
        "Enter on a field",
        "In the event view: add the field to the pattern",
    ),
    ("Esc", "Close a menu or panel"),
];

/// See the module documentation.
#[hook]
pub fn use_shortcuts(shortcuts: Shortcuts) {
    let latest = use_mut_ref(|| shortcuts.clone());
    *latest.borrow_mut() = shortcuts;
    use_effect_with((), move |_| {
        let window = web_sys::window().expect("a window");
        // Not passive: the shortcuts cancel the browser's own use of the keys.
        let options = EventListenerOptions::enable_prevent_default();
        let listener = EventListener::new_with_options(&window, "keydown", options, move |e| {
            let Some(e) = wasm_bindgen::JsCast::dyn_ref::<KeyboardEvent>(e) else {
                return;
            };
            let s = latest.borrow().clone();
            if e.alt_key() && e.shift_key() && !e.ctrl_key() && !e.meta_key() {
                let done = match e.code().as_str() {
                    "KeyF" => {
                        s.format.emit(());
                        true
                    }
                    "KeyP" => crate::dom::focus("pattern-input"),
                    "KeyE" => crate::dom::focus("event-input"),
                    "KeyL" => {
                        s.copy_link.emit(());
                        true
                    }
                    "KeyX" => {
                        s.export.emit(());
                        true
                    }
                    _ => false,
                };
                if done {
                    e.prevent_default();
                }
                return;
            }
            if e.key() == "Escape" {
                s.close.emit(());
            } else if e.key() == "?" && !crate::dom::typing_in_field() {
                e.prevent_default();
                s.help.emit(());
            }
        });
        move || drop(listener)
    });
}
