//! The page: lays out the panels over the state; the effects (when to
//! analyse, saving) live in `hooks`.

use crate::analysis::Side;
use crate::boot::{self, Boot};
use crate::components::editor::Editor;
use crate::components::event_view::EventView;
use crate::components::explanation::Explanation;
use crate::components::export_panel::ExportPanel;
use crate::components::modal::Modal;
use crate::components::quick_reference::QuickReference;
use crate::components::template_panel::TemplatePanel;
use crate::components::verdict::VerdictBanner;
use crate::dom;
use crate::hooks::autosave::use_autosave;
use crate::hooks::schedule::use_scheduled_analysis;
use crate::hooks::shortcuts::{use_shortcuts, Shortcuts, LIST};
use crate::share::Shared;
use crate::state::{Action, State};
use crate::templates;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// A callback that notes when the user acted (for the input-to-verdict
/// figure) and dispatches the action `make` builds from its argument. The
/// same callback on every render, so components that take it (the editors
/// with their big texts) are not redrawn when only the results change.
#[hook]
fn use_timed<T: 'static>(
    state: &UseReducerHandle<State>,
    input_at: &Rc<RefCell<Option<f64>>>,
    make: fn(T) -> Action,
) -> Callback<T> {
    let dispatcher = state.dispatcher();
    let input_at = input_at.clone();
    let cb = use_memo((), move |_| {
        Callback::from(move |arg: T| {
            *input_at.borrow_mut() = Some(dom::now_ms());
            dispatcher.dispatch(make(arg));
        })
    });
    (*cb).clone()
}

/// Milliseconds to one decimal, without the float formatter (the page's
/// only use of it; leaving it out keeps about 3 KB out of the download).
fn tenths(ms: f64) -> String {
    let t = (ms * 10.0).round() as i64;
    format!("{}.{}", t / 10, (t % 10).abs())
}

/// The JSON text of the event's top-level `source`, if any.
fn source_of(o: &eventpattern::outline::Outline) -> Option<String> {
    o.children(0)
        .map(|i| &o.nodes[i])
        .find(|n| n.key.as_deref() == Some("source"))
        .map(|n| n.text.clone())
}

/// Past this many characters a share link may be cut by the tools it is pasted into.
const LONG_LINK: usize = 8 * 1024;

/// The dialogs the page can open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Panel {
    Shortcuts,
    Export,
}

/// Properties of [`App`].
#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    /// The link and saved work read before mounting (`None`: read saved work now).
    #[prop_or_default]
    pub boot: Option<Rc<Boot>>,
}

/// See the module documentation.
#[function_component]
pub fn App(props: &AppProps) -> Html {
    let start = use_memo((), |_| {
        props
            .boot
            .as_deref()
            .cloned()
            .unwrap_or_else(Boot::immediate)
            .resume()
    });
    let state = use_reducer(|| State::initial(start.link.clone(), start.saved.clone()));
    let scheduled = use_scheduled_analysis(state.pattern.clone(), state.event.clone());
    let analysis = scheduled.analysis.clone();
    let autosave = use_autosave(&state, &start);
    let hovered = use_state(|| None::<String>);
    let link = use_state(|| None::<String>);
    let input_at = scheduled.input_at.clone();
    let latency = scheduled.latency;
    let stale = scheduled.stale;
    // A copied link describes the state it was made from; hide it once that changes.
    {
        let link = link.clone();
        use_effect_with((state.pattern.clone(), state.event.clone()), move |_| {
            if link.is_some() {
                link.set(None);
            }
        });
    }

    let on_event = use_timed(&state, &input_at, Action::EditEvent);
    let on_pattern = use_timed(&state, &input_at, Action::EditPattern);
    let on_apply = use_timed(&state, &input_at, Action::ApplyPattern);
    let on_compose = use_timed(&state, &input_at, |(keys, condition, placement)| {
        Action::Compose(keys, condition, placement)
    });
    let on_start = use_timed(&state, &input_at, |_: ()| Action::StartFromEvent);
    let on_notify = {
        let dispatcher = state.dispatcher();
        use_callback((), move |m: String, _| {
            dispatcher.dispatch(Action::Notify(m))
        })
    };
    let on_format_event = use_timed(&state, &input_at, |_: ()| Action::FormatEvent);
    let on_format_pattern = use_timed(&state, &input_at, |_: ()| Action::FormatPattern);
    // A template's texts may be fetched first (only the first is embedded).
    let on_pick = {
        let dispatcher = state.dispatcher();
        use_callback((), move |id: String, _| {
            let dispatcher = dispatcher.clone();
            let Some(t) = templates::find(&id) else {
                dispatcher.dispatch(Action::Notify(format!("There is no template `{id}`.")));
                return;
            };
            wasm_bindgen_futures::spawn_local(async move {
                dispatcher.dispatch(match templates::load(t).await {
                    Ok((event, pattern)) => Action::LoadTemplate(Shared {
                        event,
                        pattern,
                        template: t.id.into(),
                    }),
                    Err(m) => Action::Notify(format!("The template could not be loaded: {m}.")),
                })
            });
        })
    };
    let on_undo = use_timed(&state, &input_at, |_: ()| Action::Undo);
    let on_wrap = use_timed(&state, &input_at, |_: MouseEvent| Action::WrapCloudTrail);
    // Stable across renders, so the result panels re-render only when their data changes.
    let on_hover = {
        let hovered = hovered.setter();
        use_callback((), move |p: Option<String>, _| hovered.set(p))
    };
    let copy_link = {
        let state = state.clone();
        let link = link.clone();
        Callback::from(move |_: ()| {
            let shared = state.shared();
            let state = state.clone();
            let link = link.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let url = boot::encode_link(&shared)
                    .await
                    .ok()
                    .and_then(|f| dom::set_fragment(&f));
                match url {
                    Some(url) => {
                        dom::copy(&url);
                        if url.len() > LONG_LINK {
                            state.dispatch(Action::Notify(format!(
                                "Copied, but the link is {} KB long: some tools cut links past 8 KB. A smaller event makes a shorter link.",
                                url.len().div_ceil(1024)
                            )));
                        }
                        link.set(Some(url));
                    }
                    None => state.dispatch(Action::Notify(
                        "The link could not be created in this browser.".into(),
                    )),
                }
            });
        })
    };
    let on_share = copy_link.reform(|_: MouseEvent| ());
    let panel = use_state(|| None::<Panel>);
    let toggle = |which: Panel| {
        let panel = panel.clone();
        Callback::from(move |_: ()| {
            panel.set(if *panel == Some(which) {
                None
            } else {
                Some(which)
            })
        })
    };
    let close_panel = {
        let panel = panel.clone();
        Callback::from(move |_: ()| panel.set(None))
    };
    let format_focused = {
        let dispatcher = state.dispatcher();
        Callback::from(move |_: ()| {
            dispatcher.dispatch(if dom::focused_id() == "event-input" {
                Action::FormatEvent
            } else {
                Action::FormatPattern
            })
        })
    };
    use_shortcuts(Shortcuts {
        format: format_focused,
        copy_link: copy_link.clone(),
        export: toggle(Panel::Export),
        help: toggle(Panel::Shortcuts),
        close: close_panel.clone(),
    });
    let show_help = toggle(Panel::Shortcuts).reform(|_: MouseEvent| ());
    let dialog = match *panel {
        Some(Panel::Shortcuts) => html! {
            <Modal title="Keyboard shortcuts" testid="shortcuts" on_close={close_panel.clone()}>
                <table class="keys">
                    <thead><tr><th scope="col">{ "Keys" }</th><th scope="col">{ "What they do" }</th></tr></thead>
                    <tbody>
                        { for LIST.iter().map(|(keys, what)| html! { <tr><td><kbd>{ *keys }</kbd></td><td>{ *what }</td></tr> }) }
                    </tbody>
                </table>
            </Modal>
        },
        Some(Panel::Export) => html! {
            <Modal title="Export the pattern" testid="export-panel" on_close={close_panel.clone()}>
                <ExportPanel pattern={AttrValue::from(state.pattern.0.clone())} />
            </Modal>
        },
        None => html! {},
    };
    let open_export = toggle(Panel::Export).reform(|_: MouseEvent| ());
    let dismiss = state
        .dispatcher()
        .to_callback()
        .reform(|_: MouseEvent| Action::DismissNotice);
    let other_tab = autosave.other_tab.as_ref().map(|_| {
        let take = autosave.take_other.reform(|_: MouseEvent| ());
        let keep = autosave.keep_mine.reform(|_: MouseEvent| ());
        html! {
            <div class="notice" role="alert" data-testid="other-tab">
                <span>{ "This work was changed in another tab of the playground. This tab stopped saving so it does not overwrite the newer work; its own edits are kept here, even across a reload, until you choose." }</span>
                <span class="notice-actions">
                    <button type="button" class="primary" onclick={take}>{ "Load the other tab's work" }</button>
                    <button type="button" onclick={keep}>{ "Keep this tab's work" }</button>
                </span>
            </div>
        }
    });

    let problem_for = |side: Side| analysis.problem.clone().filter(|p| p.side == side);
    let pattern_problem = problem_for(Side::Pattern);
    let event_problem = problem_for(Side::Event).or_else(|| analysis.event_problem.clone());
    // The template's note describes its kind of event: once the event is of
    // another kind (another `source`), the picker no longer claims it.
    let template_source = use_memo(state.template.clone(), |id| {
        // As the outline shows it: the JSON text.
        templates::find(id).map(|t| eventpattern::json::quote(t.source))
    });
    // (While an analysis is pending it describes the previous texts: keep the template.)
    let shown_template = match analysis.outline.as_deref() {
        Some(o) if !stale && *template_source != source_of(o) => String::new(),
        _ => state.template.clone(),
    };
    let pattern_ok = !stale
        && analysis
            .problem
            .as_ref()
            .is_none_or(|p| p.side == Side::Event);
    let linked_line = hovered
        .as_ref()
        .and_then(|h| analysis.fields.iter().find(|f| &f.path == h))
        .map(|f| f.pattern_line);

    html! {
        <div class="page">
            <header class="top">
                <div class="brand">
                    <h1>{ "EventBridge pattern playground" }</h1>
                    <p class="tagline">{ "AWS's verdict, AWS's errors, and why each field matched — computed in your browser; nothing is sent anywhere." }</p>
                </div>
                <div class="share">
                    <a class="button-link" href="batch.html" data-testid="mode-batch" title="Many rules against many events, as a matrix">{ "Rules × events" }</a>
                    <button type="button" onclick={show_help} data-testid="shortcuts-button" aria-keyshortcuts="?" title="Keyboard shortcuts (?)">{ "? Keys" }</button>
                    <button type="button" onclick={open_export} data-testid="export" aria-keyshortcuts="Alt+Shift+X" title="The pattern as AWS CLI, CloudFormation, SAM, CDK, Terraform or Serverless code (Alt+Shift+X)">{ "Export" }</button>
                    <button type="button" class="primary" data-testid="share-link" onclick={on_share} aria-keyshortcuts="Alt+Shift+L"
                        title="Put the event, pattern and template into the page address (the part after #, never sent to a server) and copy it">
                        { "Copy link" }
                    </button>
                    <span class="share-result">
                        if let Some(url) = &*link {
                            <input class="share-url" readonly=true value={url.clone()} aria-label="Share link" data-testid="share-url"
                                onfocus={Callback::from(|e: FocusEvent| { let i: web_sys::HtmlInputElement = e.target_unchecked_into(); i.select(); })} />
                            <span class="share-status" role="status">{ "Link copied — it restores this exact state." }</span>
                        }
                    </span>
                </div>
            </header>
            <main class="main">
            { for other_tab }
            if let Some(n) = &state.notice {
                <div class="notice" role="alert" data-testid="notice">
                    <span>{ n }</span>
                    <button type="button" class="link-button" onclick={dismiss}>{ "Dismiss" }</button>
                </div>
            }
            <div class="verdict-row">
                <VerdictBanner analysis={analysis.clone()} />
                <p class="latency" data-testid="latency" data-ms={latency.map(tenths).unwrap_or_default()}
                    data-engine-ms={tenths(analysis.engine_ms)} data-stale={stale.to_string()}
                    title="From the last keystroke to the new verdict on screen (engine: reading, matching and explaining)">
                    { match (latency, stale) {
                        (_, true) => "updating…".to_string(),
                        // (A keystroke during the analysis restarts the clock: never show less than the engine took.)
                        (Some(ms), false) => format!("verdict in {} ms (engine {} ms)", ms.max(analysis.engine_ms).round() as i64, analysis.engine_ms.round() as i64),
                        (None, false) => String::new(),
                    } }
                </p>
            </div>
            <div class="grid">
                <div class="col editors">
                    <TemplatePanel selected={AttrValue::from(shown_template)} on_pick={on_pick}
                        can_undo={state.undo.is_some()} undo_from_link={state.undo_from_link} on_undo={on_undo} />
                    <Editor id="pattern-input" testid="pattern-input" label="Event pattern"
                        value={state.pattern.clone()} rev={state.pattern_rev}
                        focus_change={state.focus_change == Some(Side::Pattern)} select={state.select}
                        formatted={state.formatted == Some(Side::Pattern)}
                        on_fix={on_apply.clone()} on_input={on_pattern}
                        ok_text={pattern_ok.then(|| AttrValue::from("A valid pattern (AWS accepts it)"))}
                        on_format={on_format_pattern} problem={pattern_problem} highlight_line={linked_line} />
                    <QuickReference target="pattern-input" on_refuse={on_notify} />
                    <Editor id="event-input" testid="event-input" label="Event"
                        value={state.event.clone()} rev={state.event_rev}
                        focus_change={state.focus_change == Some(Side::Event)} on_input={on_event}
                        formatted={state.formatted == Some(Side::Event)}
                        ok_text={analysis.outline.is_some().then(|| AttrValue::from("Valid JSON: an object the pattern can be tested against"))}
                        on_format={on_format_event} problem={event_problem}>
                        if analysis.cloudtrail_shape != eventpattern::cloudtrail::Shape::Other {
                            <div class="convert" data-testid="cloudtrail-offer">
                                <p>
                                    { if analysis.cloudtrail_shape == eventpattern::cloudtrail::Shape::Log {
                                        "This is a CloudTrail log file, not an EventBridge event. "
                                    } else {
                                        "This is a CloudTrail record, not the event EventBridge delivers. "
                                    } }
                                    { "EventBridge wraps each record in its envelope (source aws.<service>, detail-type \"AWS API Call via CloudTrail\", the record under " }<code>{ "detail" }</code>{ ")." }
                                </p>
                                <button type="button" class="primary" onclick={on_wrap}>{ "Wrap it in the EventBridge envelope" }</button>
                            </div>
                        }
                    </Editor>
                </div>
                <div class="col results">
                    <Explanation analysis={analysis.clone()} hovered={(*hovered).clone()} on_hover={on_hover.clone()} on_apply={on_apply} />
                    <EventView analysis={analysis.clone()} hovered={(*hovered).clone()} on_hover={on_hover}
                        on_compose={on_compose} on_start={on_start} />
                </div>
            </div>
            </main>
            { dialog }
            <footer class="foot">
                <p>{ "Semantics follow AWS's engine (aws/event-ruler) including its quirks; limits AWS applies on its side (4096-character patterns, 1000 $or combinations, wildcard complexity) are checked too. Works offline." }</p>
            </footer>
        </div>
    }
}
