//! The template picker and the teaching note of the chosen template.
//!
//! A template replaces both editors, so it loads only on a deliberate choice:
//! a pick with the mouse, or Enter after moving through the list with the
//! arrow keys (which, on a closed `<select>`, change its value at once in
//! most browsers). What it replaced can be brought back with Undo, or
//! Ctrl/Cmd+Z while the picker has the focus.

use crate::templates::{find, Delivery, TEMPLATES};
use web_sys::{HtmlSelectElement, KeyboardEvent};
use yew::prelude::*;

/// Properties of [`TemplatePanel`].
#[derive(Properties, PartialEq)]
pub struct TemplatePanelProps {
    /// The id of the loaded template ("" for none).
    pub selected: AttrValue,
    /// Called with the picked id.
    pub on_pick: Callback<String>,
    /// Whether the last template replaced work that Undo can bring back.
    #[prop_or_default]
    pub can_undo: bool,
    /// What was replaced came from the share link the page opened.
    #[prop_or_default]
    pub undo_from_link: bool,
    /// Brings it back.
    #[prop_or_default]
    pub on_undo: Callback<()>,
}

/// See the module documentation.
#[function_component]
pub fn TemplatePanel(props: &TemplatePanelProps) -> Html {
    // Set while the arrow keys move through the list: the change waits for Enter.
    let browsing = use_mut_ref(|| false);
    // The shown choice follows the state (an Undo, a link, another source):
    // once the user has picked, the options' `selected` attributes no longer
    // move the browser's selection, so the value is set directly.
    let picker = use_node_ref();
    {
        let picker = picker.clone();
        use_effect_with(props.selected.clone(), move |selected| {
            if let Some(select) = picker.cast::<HtmlSelectElement>() {
                select.set_value(selected);
            }
        });
    }
    let onchange = {
        let cb = props.on_pick.clone();
        let browsing = browsing.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let id = select.value();
            if !id.is_empty() && !*browsing.borrow() {
                cb.emit(id);
            }
        })
    };
    let onkeydown = {
        let cb = props.on_pick.clone();
        let undo = props.on_undo.clone();
        let can_undo = props.can_undo;
        let browsing = browsing.clone();
        Callback::from(move |e: KeyboardEvent| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            match e.key().as_str() {
                "ArrowUp" | "ArrowDown" | "PageUp" | "PageDown" | "Home" | "End" => {
                    *browsing.borrow_mut() = true;
                }
                "Enter" if *browsing.borrow() => {
                    e.prevent_default();
                    *browsing.borrow_mut() = false;
                    let id = select.value();
                    if !id.is_empty() {
                        cb.emit(id);
                        // Keep the focus on the picker (the redraw may drop it).
                        gloo::timers::callback::Timeout::new(0, move || {
                            let _ = select.focus();
                        })
                        .forget();
                    }
                }
                "z" | "Z" if (e.ctrl_key() || e.meta_key()) && can_undo => {
                    e.prevent_default();
                    undo.emit(());
                }
                _ => {}
            }
        })
    };
    // Leaving the list without Enter puts the loaded template's name back.
    let onblur = {
        let selected = props.selected.clone();
        let browsing = browsing.clone();
        Callback::from(move |e: FocusEvent| {
            if std::mem::take(&mut *browsing.borrow_mut()) {
                let select: HtmlSelectElement = e.target_unchecked_into();
                select.set_value(&selected);
            }
        })
    };
    let undo = props.can_undo.then(|| {
        let cb = props.on_undo.reform(|_: MouseEvent| ());
        html! {
            <p class="undo-bar" role="status">
                { if props.undo_from_link {
                    "The link replaced your saved pattern and event. "
                } else {
                    "The template replaced your pattern and event. "
                } }
                <button type="button" data-testid="undo" onclick={cb} title="Bring back what was replaced (Ctrl+Z)">{ "Undo" }</button>
            </p>
        }
    });
    let note = find(&props.selected).map(|t| {
        let (badge, class) = match t.delivery {
            Delivery::Native => ("Delivered natively: no trail needed".to_string(), "tag tag-native"),
            Delivery::CloudTrail { data_event } => (
                format!(
                    "Via CloudTrail: needs a trail logging {} events",
                    if data_event { "data" } else { "management" }
                ),
                "tag tag-cloudtrail",
            ),
        };
        html! {
            <div class="template-note">
                <p><span class={class}>{ badge }</span></p>
                <p>{ crate::components::explanation::inline_code(t.note) }</p>
                <p class="key-fields">{ "Fields to key on: " }
                    { for t.key_fields.iter().enumerate().map(|(i, f)| html! { <>{ if i > 0 { ", " } else { "" } }<code>{ *f }</code></> }) }
                </p>
            </div>
        }
    });
    html! {
        <section class="panel templates" aria-labelledby="templates-title">
            <h2 id="templates-title"><label for="template-picker">{ "Template" }</label></h2>
            <select id="template-picker" data-testid="template-picker" ref={picker} {onchange} {onkeydown} {onblur}
                aria-describedby="template-picker-help">
                <option value="" selected={props.selected.is_empty()} disabled=true>{ "Choose a template…" }</option>
                { for TEMPLATES.iter().map(|t| html! {
                    <option value={t.id} selected={props.selected.as_str() == t.id}>{ t.title }</option>
                }) }
            </select>
            <p id="template-picker-help" class="sr-only">{ "Arrow keys move through the list; Enter loads the template." }</p>
            // Stable slots: Yew matches unkeyed siblings from the end, so content
            // appearing after the picker must not change the number of siblings
            // (that would replace the picker and drop its focus).
            <div class="undo-slot">{ for undo }</div>
            <div class="note-slot">{ for note }</div>
        </section>
    }
}
