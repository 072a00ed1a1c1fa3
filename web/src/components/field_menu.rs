//! The menu opened on an event value: the conditions that value can become
//! (the engine's `compose` builds each from the value and checks it), each
//! adding the field to the pattern, or, when the pattern already names the
//! field, sitting beside its conditions or replacing them.

use eventpattern::compose::{condition, ops_for, Op, Placement};
use yew::prelude::*;

/// The value the menu is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MenuTarget {
    /// Keys from the event's root to the value (arrays add none).
    pub keys: Vec<String>,
    /// The value's JSON text in the event.
    pub value_json: String,
    /// Whether the pattern already names this field.
    pub named: bool,
}

/// Properties of [`FieldMenu`].
#[derive(Properties, PartialEq)]
pub struct FieldMenuProps {
    /// The value.
    pub target: MenuTarget,
    /// A condition was chosen: keys, condition text, placement.
    pub on_choose: Callback<(Vec<String>, String, Placement)>,
    /// Closes the menu (Esc), giving the focus back to the value.
    pub on_close: Callback<()>,
    /// Closes the menu because the focus went elsewhere (a click outside).
    pub on_dismiss: Callback<()>,
}

fn label(op: Op) -> &'static str {
    match op {
        Op::Exact => "exactly this value",
        Op::Prefix => "starts with (prefix)",
        Op::Suffix => "ends with (suffix)",
        Op::EqualsIgnoreCase => "equals, any case",
        Op::AnythingBut => "anything but this value",
        Op::Exists => "the field exists",
        Op::NotExists => "the field does not exist",
        Op::Numeric => "a number at least this (numeric)",
        Op::Cidr => "an address in this network (cidr)",
        Op::Wildcard => "matches a wildcard",
    }
}

/// A condition as shown in the menu: long values cut (the pattern gets them whole).
fn shortened(text: &str) -> String {
    const SHOWN: usize = 80;
    if text.chars().count() <= SHOWN {
        return text.to_string();
    }
    let cut: String = text.chars().take(SHOWN).collect();
    format!("{cut}…")
}

/// See the module documentation.
#[function_component]
pub fn FieldMenu(props: &FieldMenuProps) -> Html {
    let menu = use_node_ref();
    let replace = use_state(|| false);
    // Focus the first item when the menu opens.
    {
        let menu = menu.clone();
        use_effect_with((), move |_| {
            if let Some(m) = menu.cast::<web_sys::Element>() {
                if let Ok(Some(first)) = m.query_selector("button") {
                    if let Ok(b) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(first) {
                        let _ = b.focus();
                    }
                }
            }
        });
    }
    let t = &props.target;
    let placement = if *replace {
        Placement::Replace
    } else {
        Placement::Add
    };
    let items = ops_for(&t.value_json).into_iter().filter_map(|op| {
        let cond = condition(op, &t.value_json)?;
        let keys = t.keys.clone();
        let choose = {
            let cond = cond.clone();
            props
                .on_choose
                .reform(move |_: MouseEvent| (keys.clone(), cond.clone(), placement))
        };
        Some(html! {
            <li role="none">
                <button type="button" role="menuitem" data-op={op.id()} onclick={choose}>
                    <span class="menu-label">{ label(op) }</span>
                    <code class="menu-code">{ shortened(&cond) }</code>
                </button>
            </li>
        })
    });
    let onkeydown = {
        let close = props.on_close.clone();
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "Escape" => {
                e.prevent_default();
                e.stop_propagation();
                close.emit(());
            }
            "ArrowDown" | "ArrowUp" => {
                e.prevent_default();
                e.stop_propagation();
                crate::dom::move_focus_in_menu(&e, e.key() == "ArrowDown");
            }
            _ => {}
        })
    };
    // Focus leaving the menu (a click elsewhere, Tab away) closes it.
    let onfocusout = {
        let dismiss = props.on_dismiss.clone();
        Callback::from(move |e: FocusEvent| {
            let inside = crate::dom::related_within(&e, e.current_target());
            if !inside {
                dismiss.emit(());
            }
        })
    };
    let toggle = {
        let replace = replace.clone();
        Callback::from(move |_: Event| replace.set(!*replace))
    };
    let path = t.keys.join(".");
    html! {
        <div class="field-menu" data-testid="field-menu" ref={menu} {onkeydown} {onfocusout}>
            <p class="menu-title">
                { if t.named { "Add to " } else { "Add the field " } }<code>{ path }</code>{ " with a condition:" }
            </p>
            <ul role="menu" aria-label="Conditions for this value">{ for items }</ul>
            if t.named {
                <label class="menu-replace">
                    <input type="checkbox" checked={*replace} onchange={toggle} />
                    { " replace the field's conditions instead of adding beside them" }
                </label>
            }
        </div>
    }
}
