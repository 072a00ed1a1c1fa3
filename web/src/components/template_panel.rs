//! The template picker and the teaching note of the chosen template.

use crate::templates::{find, Delivery, TEMPLATES};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// Properties of [`TemplatePanel`].
#[derive(Properties, PartialEq)]
pub struct TemplatePanelProps {
    /// The id of the loaded template ("" for none).
    pub selected: AttrValue,
    /// Called with the picked id.
    pub on_pick: Callback<String>,
}

/// See the module documentation.
#[function_component]
pub fn TemplatePanel(props: &TemplatePanelProps) -> Html {
    let onchange = {
        let cb = props.on_pick.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let id = select.value();
            if !id.is_empty() {
                cb.emit(id);
            }
        })
    };
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
            <select id="template-picker" data-testid="template-picker" {onchange}>
                <option value="" selected={props.selected.is_empty()} disabled=true>{ "Choose a template…" }</option>
                { for TEMPLATES.iter().map(|t| html! {
                    <option value={t.id} selected={props.selected.as_str() == t.id}>{ t.title }</option>
                }) }
            </select>
            { for note }
        </section>
    }
}
