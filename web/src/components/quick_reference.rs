//! The quick reference: every operator with a one-line example and when to
//! use it. Choosing an entry inserts its example at the pattern editor's
//! caret (replacing the selection), as if typed, so Ctrl+Z takes it back,
//! with the commas its neighbours need.

use crate::components::explanation::inline_code;
use crate::reference::{with_separators, ENTRIES};
use yew::prelude::*;

/// Properties of [`QuickReference`].
#[derive(Properties, PartialEq)]
pub struct QuickReferenceProps {
    /// Element id of the pattern textarea the examples go into.
    pub target: AttrValue,
    /// Says why an example was not inserted (the caret is not where it goes).
    pub on_refuse: Callback<String>,
}

/// See the module documentation.
#[function_component]
pub fn QuickReference(props: &QuickReferenceProps) -> Html {
    let items = ENTRIES.iter().map(|e| {
        let target = props.target.clone();
        let refuse = props.on_refuse.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            let (before, after) = crate::dom::text_around_caret(&target);
            match with_separators(e, &before, &after) {
                Ok(text) => crate::dom::insert_into(&target, &text),
                Err(why) => refuse.emit(why),
            }
        });
        html! {
            <li>
                <button type="button" class="ref-entry" {onclick} data-op={e.name}
                    title="Insert at the caret in the pattern editor">
                    <span class="ref-name">{ e.name }</span>
                    <code class="ref-example">{ e.insert }</code>
                </button>
                <span class="ref-when">{ inline_code(e.when) }</span>
            </li>
        }
    });
    html! {
        <details class="panel quick-reference" data-testid="quick-reference">
            <summary><h2>{ "Operators: quick reference" }</h2></summary>
            <p class="muted">{ "Put the caret inside a field's list in the pattern, then choose an operator to insert its example there." }</p>
            <ul class="ref-list">{ for items }</ul>
        </details>
    }
}
