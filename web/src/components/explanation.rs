//! The explanation: one entry per pattern field, in plain words, with hints.
//! Pointing at an entry highlights the event field, and the reverse.

use eventpattern::FieldStatus;
use yew::prelude::*;

/// Properties of [`Explanation`].
#[derive(Properties, PartialEq)]
pub struct ExplanationProps {
    /// What to show.
    pub analysis: crate::analysis::SharedAnalysis,
    /// The path being pointed at (here or in the event view).
    pub hovered: Option<String>,
    /// Called when the pointer or focus enters (Some) or leaves (None) an entry.
    pub on_hover: Callback<Option<String>>,
    /// Called with a fixed pattern text when a hint's fix is applied.
    pub on_apply: Callback<String>,
}

/// `✓ matched` etc.: the status in words and a symbol, never colour alone.
pub fn status_badge(status: FieldStatus) -> Html {
    let (symbol, class) = match status {
        FieldStatus::Matched => ("✓", "badge badge-matched"),
        FieldStatus::Failed => ("✗", "badge badge-failed"),
        FieldStatus::Missing => ("?", "badge badge-missing"),
    };
    html! { <span class={class}><span aria-hidden="true">{ symbol }</span>{ " " }{ status.name() }</span> }
}

/// Pointer and focus handlers that report `path` while it is pointed at.
pub struct Hover {
    /// `onmouseenter`
    pub enter: Callback<MouseEvent>,
    /// `onmouseleave`
    pub leave: Callback<MouseEvent>,
    /// `onfocus`
    pub focus: Callback<FocusEvent>,
    /// `onblur`
    pub blur: Callback<FocusEvent>,
}

/// The handlers for one marked element.
pub fn hover(cb: &Callback<Option<String>>, path: &str) -> Hover {
    let (p1, p2) = (path.to_string(), path.to_string());
    Hover {
        enter: cb.reform(move |_: MouseEvent| Some(p1.clone())),
        leave: cb.reform(|_: MouseEvent| None),
        focus: cb.reform(move |_: FocusEvent| Some(p2.clone())),
        blur: cb.reform(|_: FocusEvent| None),
    }
}

/// Renders `code` spans for text between backquotes.
pub fn inline_code(text: &str) -> Html {
    text.split('`')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                html! { <code>{ part }</code> }
            } else {
                html! { { part } }
            }
        })
        .collect()
}

/// See the module documentation.
#[function_component]
pub fn Explanation(props: &ExplanationProps) -> Html {
    let a = &props.analysis;
    let body = if let Some(p) = &a.problem {
        let side = match p.side {
            crate::analysis::Side::Pattern => "pattern",
            crate::analysis::Side::Event => "event",
        };
        let id = match p.side {
            crate::analysis::Side::Pattern => "pattern-input",
            crate::analysis::Side::Event => "event-input",
        };
        let (start, end) = p.utf16_range;
        let show =
            Callback::from(move |_: MouseEvent| crate::dom::select_in_textarea(id, start, end));
        html! {
            <p class="explain-invalid">
                { format!("The {side} has an error at line {}, column {} (explained under the {side} editor); each field is explained once it is fixed. ", p.line, p.column) }
                <button type="button" class="link-button" onclick={show}>{ "Go to the error" }</button>
            </p>
        }
    } else {
        let items: Html = a
            .fields
            .iter()
            .map(|f| {
                let h = hover(&props.on_hover, &f.path);
                let linked = props.hovered.as_deref() == Some(f.path.as_str());
                html! {
                    <li class={classes!("field", format!("field-{}", f.status.name()), linked.then_some("linked"))}
                        tabindex="0"
                        data-field={f.path.clone()}
                        onmouseenter={h.enter} onfocus={h.focus}
                        onmouseleave={h.leave} onblur={h.blur}>
                        <div class="field-head">
                            { status_badge(f.status) }
                            <code class="field-path">{ &f.path }</code>
                            <span class="field-line">{ format!("pattern line {}", f.pattern_line) }</span>
                        </div>
                        <p class="field-sentence">{ inline_code(&f.sentence) }</p>
                        { for f.hints.iter().map(|h| {
                            let fix = h.fixed_pattern.clone().map(|fixed| {
                                let apply = props.on_apply.reform(move |_: MouseEvent| fixed.clone());
                                let label = h.fix_label.clone().unwrap_or_default();
                                html! {
                                    <button type="button" class="apply-fix" onclick={apply}
                                        title={format!("Replace the condition with {label}")}>
                                        { "Apply: " }<code>{ label }</code>
                                    </button>
                                }
                            });
                            html! {
                                <div class="hint">
                                    <p><span class="hint-label">{ h.label }</span>{ " " }{ inline_code(&h.text) }</p>
                                    { for fix }
                                </div>
                            }
                        }) }
                    </li>
                }
            })
            .collect();
        html! {
            <>
                if let Some(alt) = &a.alternatives { <p class="alternatives">{ alt }</p> }
                <ul class="fields">{ items }</ul>
                if !a.inactive.is_empty() {
                    <h3>{ "Not in play" }</h3>
                    <ul class="inactive">
                        { for a.inactive.iter().map(|t| html! { <li>{ inline_code(t) }</li> }) }
                    </ul>
                }
            </>
        }
    };
    let notes = (!a.notes.is_empty()).then(|| {
        html! {
            <div class="notes" data-testid="lints">
                <h3>{ "Notes on this pattern" }</h3>
                <ul>
                    { for a.notes.iter().map(|n| {
                        let fix = n.fixed_pattern.clone().map(|fixed| {
                            let apply = props.on_apply.reform(move |_: MouseEvent| fixed.clone());
                            let label = n.fix_label.clone().unwrap_or_default();
                            html! { <button type="button" class="apply-fix" onclick={apply}>{ "Apply: " }<code>{ label }</code></button> }
                        });
                        html! {
                            <li class="hint">
                                <p><span class="hint-label">{ format!("Line {}", n.line) }</span>{ " " }{ inline_code(&n.text) }</p>
                                { for fix }
                            </li>
                        }
                    }) }
                </ul>
            </div>
        }
    });
    let delivery = (a.verdict == crate::analysis::Verdict::Match && !a.delivery.is_empty()).then(|| {
        html! {
            <div class="delivery-note" data-testid="delivery-note">
                <h3>{ "What AWS really delivers" }</h3>
                <ul>
                    { for a.delivery.iter().map(|d| html! {
                        <li data-kind={d.kind}>
                            { inline_code(&d.text) }{ " " }
                            <a href={d.doc} target="_blank" rel="noopener noreferrer">{ "AWS docs" }</a>
                        </li>
                    }) }
                </ul>
            </div>
        }
    });
    html! {
        <section class="panel explanation" data-testid="explanation" aria-labelledby="explanation-title">
            <h2 id="explanation-title">{ "Why" }</h2>
            { for delivery }
            { body }
            { for notes }
        </section>
    }
}
