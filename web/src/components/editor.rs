//! A JSON editor: a monospace textarea with line numbers, Tab inserting two
//! spaces (Esc, then Tab, leaves the editor), a Format button, and the error
//! marked on its line with the message and its position.

use crate::analysis::Problem;
use crate::dom;
use web_sys::{HtmlTextAreaElement, KeyboardEvent};
use yew::prelude::*;

/// Properties of [`Editor`].
#[derive(Properties, PartialEq)]
pub struct EditorProps {
    /// Element id of the textarea.
    pub id: AttrValue,
    /// `data-testid` of the textarea.
    pub testid: AttrValue,
    /// Heading.
    pub label: AttrValue,
    /// The text.
    pub value: AttrValue,
    /// Called with the new text on every edit.
    pub on_input: Callback<String>,
    /// Called by the Format button.
    pub on_format: Callback<()>,
    /// The error to mark, if it is in this editor.
    pub problem: Option<Problem>,
    /// A line to mark because its field is pointed at elsewhere.
    #[prop_or_default]
    pub highlight_line: Option<u32>,
    /// Shown under the editor (e.g. an offer to convert what was pasted).
    #[prop_or_default]
    pub children: Html,
}

/// See the module documentation.
#[function_component]
pub fn Editor(props: &EditorProps) -> Html {
    let gutter = use_node_ref();
    let backdrop = use_node_ref();
    let tab_leaves = use_mut_ref(|| false);
    let lines = props.value.bytes().filter(|&b| b == b'\n').count() + 1;
    let error_line = props.problem.as_ref().map(|p| p.line as usize);
    let numbers: Html = (1..=lines)
        .map(|n| {
            if Some(n) == error_line {
                html! { <><span class="gutter-error" title="error on this line">{ n }</span>{ "\n" }</> }
            } else if props.highlight_line == Some(n as u32) {
                html! { <><span class="gutter-linked" data-linked-line={n.to_string()}>{ n }</span>{ "\n" }</> }
            } else {
                html! { { format!("{n}\n") } }
            }
        })
        .collect();

    let oninput = {
        let cb = props.on_input.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            cb.emit(area.value());
        })
    };
    let onkeydown = {
        let cb = props.on_input.clone();
        let tab_leaves = tab_leaves.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                *tab_leaves.borrow_mut() = true;
                return;
            }
            let leave = std::mem::take(&mut *tab_leaves.borrow_mut());
            if e.key() != "Tab"
                || leave
                || e.shift_key()
                || e.ctrl_key()
                || e.alt_key()
                || e.meta_key()
            {
                return;
            }
            e.prevent_default();
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            let start = area.selection_start().ok().flatten().unwrap_or(0);
            let end = area.selection_end().ok().flatten().unwrap_or(start);
            if area
                .set_range_text_with_start_and_end("  ", start, end)
                .is_ok()
            {
                let _ = area.set_selection_range(start + 2, start + 2);
                cb.emit(area.value());
            }
        })
    };
    let onscroll = {
        let gutter = gutter.clone();
        let backdrop = backdrop.clone();
        Callback::from(move |e: Event| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            if let Some(g) = gutter.cast::<web_sys::HtmlElement>() {
                g.set_scroll_top(area.scroll_top());
            }
            if let Some(b) = backdrop.cast::<web_sys::HtmlElement>() {
                b.set_scroll_top(area.scroll_top());
                b.set_scroll_left(area.scroll_left());
            }
        })
    };
    // The error's span, marked in a layer behind the (transparent) textarea.
    let marked = props.problem.as_ref().map(|p| {
        let text = props.value.as_str();
        let clamp = |i: usize| {
            let mut i = i.min(text.len());
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        let (start, end) = (clamp(p.byte_range.0), clamp(p.byte_range.1));
        let mark = if start == end { " " } else { &text[start..end] };
        html! {
            <pre class="backdrop" aria-hidden="true" ref={backdrop.clone()}>
                { &text[..start] }<mark data-testid={format!("{}-mark", props.testid)}>{ mark }</mark>{ &text[end..] }{ "\n" }
            </pre>
        }
    });
    let format = {
        let cb = props.on_format.clone();
        Callback::from(move |_| cb.emit(()))
    };
    let problem = props.problem.as_ref().map(|p| {
        let (start, end) = p.utf16_range;
        let id = props.id.clone();
        let show = Callback::from(move |_| dom::select_in_textarea(&id, start, end));
        html! {
            <p class="editor-error">
                <span class="badge badge-failed">{ "Error" }</span>
                { format!(" Line {}, column {}: ", p.line, p.column) }
                <span class="editor-error-message">{ &p.message }</span>
                if !p.path.is_empty() {
                    <span class="editor-error-path">{ format!(" (at {})", p.path) }</span>
                }
                { " " }
                <button type="button" class="link-button" onclick={show}>{ "Show in editor" }</button>
            </p>
        }
    });
    let invalid = if props.problem.is_some() {
        "true"
    } else {
        "false"
    };
    html! {
        <section class="editor" aria-labelledby={format!("{}-label", props.id)}>
            <div class="editor-head">
                <label id={format!("{}-label", props.id)} for={props.id.clone()}>{ &props.label }</label>
                <button type="button" onclick={format} title="Pretty-print the JSON (numbers and strings are kept exactly)">{ "Format" }</button>
            </div>
            <div class={classes!("editor-body", props.problem.is_some().then_some("has-error"))}>
                <pre class="gutter" aria-hidden="true" ref={gutter}>{ numbers }</pre>
                <div class="field-wrap">
                { for marked }
                <textarea
                    id={props.id.clone()}
                    data-testid={props.testid.clone()}
                    spellcheck="false"
                    autocomplete="off"
                    autocapitalize="off"
                    wrap="off"
                    aria-invalid={invalid}
                    aria-describedby={format!("{}-help", props.id)}
                    value={props.value.clone()}
                    {oninput}
                    {onkeydown}
                    {onscroll}
                />
                </div>
            </div>
            <p class="editor-help" id={format!("{}-help", props.id)}>{ "Tab indents; press Esc then Tab to move on." }</p>
            { for problem }
            { props.children.clone() }
        </section>
    }
}
