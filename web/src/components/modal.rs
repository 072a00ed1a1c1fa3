//! A dialog over the page: labelled, focused when it opens, closed by its
//! button, Esc (the page's shortcut handler) or a click outside; Tab cycles
//! within it; the focus returns to where it was.

use yew::prelude::*;

/// Properties of [`Modal`].
#[derive(Properties, PartialEq)]
pub struct ModalProps {
    /// Heading, also the dialog's accessible name.
    pub title: AttrValue,
    /// `data-testid` of the dialog.
    pub testid: AttrValue,
    /// Closes it.
    pub on_close: Callback<()>,
    /// Content.
    #[prop_or_default]
    pub children: Html,
}

/// See the module documentation.
#[function_component]
pub fn Modal(props: &ModalProps) -> Html {
    let dialog = use_node_ref();
    {
        let dialog = dialog.clone();
        use_effect_with((), move |_| {
            let before = crate::dom::focused_id();
            if let Some(d) = dialog.cast::<web_sys::HtmlElement>() {
                let _ = d.focus();
            }
            move || {
                if !before.is_empty() {
                    crate::dom::focus(&before);
                }
            }
        });
    }
    let close = props.on_close.reform(|_: MouseEvent| ());
    let outside = {
        let cb = props.on_close.clone();
        Callback::from(move |e: MouseEvent| {
            if e.target() == e.current_target() {
                cb.emit(());
            }
        })
    };
    // Focus guards at both ends: tabbing out of the dialog either way lands
    // on one and goes back to the Close button, so the page behind a modal
    // dialog stays out of reach.
    let close_button = use_node_ref();
    let guard = {
        let close_button = close_button.clone();
        Callback::from(move |_: FocusEvent| {
            if let Some(b) = close_button.cast::<web_sys::HtmlElement>() {
                let _ = b.focus();
            }
        })
    };
    let title_id = format!("{}-title", props.testid);
    html! {
        <div class="overlay" onclick={outside}>
            <div class="dialog" role="dialog" aria-modal="true" aria-labelledby={title_id.clone()}
                data-testid={props.testid.clone()} tabindex="-1" ref={dialog}>
                <span tabindex="0" onfocus={guard.clone()}></span>
                <div class="dialog-head">
                    <h2 id={title_id}>{ &props.title }</h2>
                    <button type="button" onclick={close} aria-label="Close" ref={close_button}>{ "Close" }</button>
                </div>
                { props.children.clone() }
                <span tabindex="0" onfocus={guard}></span>
            </div>
        </div>
    }
}
