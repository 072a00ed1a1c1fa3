//! The Export panel: the current pattern as a snippet for the tool the rule
//! will be deployed with (the engine's `export` writes every snippet), with
//! a copy button and the target's caveats.

use eventpattern::export::{export, Format};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Properties of [`ExportPanel`].
#[derive(Properties, PartialEq)]
pub struct ExportPanelProps {
    /// The pattern text.
    pub pattern: AttrValue,
}

/// See the module documentation.
#[function_component]
pub fn ExportPanel(props: &ExportPanelProps) -> Html {
    let format = use_state(|| Format::CloudFormationYaml);
    let name = use_state(|| "MyRule".to_string());
    let copied = use_state(|| false);
    let onchange = {
        let format = format.clone();
        let copied = copied.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Some(f) = Format::from_id(&select.value()) {
                format.set(f);
                copied.set(false);
            }
        })
    };
    let oninput = {
        let name = name.clone();
        let copied = copied.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            name.set(input.value());
            copied.set(false);
        })
    };
    let rule_name = Some(name.trim()).filter(|n| !n.is_empty());
    let body = match export(&props.pattern, *format, rule_name) {
        Ok(out) => {
            let copy = {
                let text = out.text.clone();
                let copied = copied.clone();
                Callback::from(move |_: MouseEvent| copied.set(crate::dom::copy(&text)))
            };
            html! {
                <>
                    if let Some(note) = &out.note {
                        <p class="export-note" data-testid="export-note">
                            <span class="hint-label">{ "Note" }</span>{ " " }
                            { crate::components::explanation::inline_code(note) }
                        </p>
                    }
                    <div class="export-actions">
                        <button type="button" class="primary" onclick={copy} data-testid="export-copy">{ "Copy" }</button>
                        if *copied { <span class="share-status" role="status">{ "Copied." }</span> }
                    </div>
                    <pre class="export-text" data-testid="export-text" tabindex="0" aria-label="The snippet">{ out.text }</pre>
                </>
            }
        }
        Err(e) => html! {
            <p class="export-invalid" data-testid="export-text" role="alert">
                { "The pattern is not valid yet, so there is nothing to export: " }<code>{ e.reason }</code>
            </p>
        },
    };
    html! {
        <div class="export">
            <div class="export-controls">
                <label>{ "Format " }
                    <select data-testid="export-format" {onchange}>
                        { for Format::ALL.iter().map(|f| html! {
                            <option value={f.id()} selected={*f == *format}>{ f.label() }</option>
                        }) }
                    </select>
                </label>
                <label>{ "Rule name " }
                    <input type="text" value={(*name).clone()} {oninput} data-testid="export-name" spellcheck="false" />
                </label>
            </div>
            <div class="export-body">{ body }</div>
        </div>
    }
}
