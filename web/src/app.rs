//! The page: state, debounced analysis, autosave, share link, layout.

use crate::analysis::{analyze, SharedAnalysis, Side};
use crate::components::editor::Editor;
use crate::components::event_view::EventView;
use crate::components::explanation::Explanation;
use crate::components::template_panel::TemplatePanel;
use crate::components::verdict::VerdictBanner;
use crate::dom;
use crate::share;
use crate::state::{Action, State};
use gloo::timers::callback::Timeout;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// Inputs up to this size are analysed on every keystroke; larger ones after a pause.
pub const IMMEDIATE_BYTES: usize = 64 * 1024;
/// The pause, in milliseconds.
pub const DEBOUNCE_MS: u32 = 80;

/// The texts last analysed, with a counter so equal texts still re-render once.
#[derive(Clone, PartialEq)]
struct Inputs {
    pattern: Rc<str>,
    event: Rc<str>,
}

/// A callback that notes when the user acted (for the input-to-verdict
/// figure) and dispatches the action `make` builds from its argument.
fn timed<T: 'static>(
    state: &UseReducerHandle<State>,
    input_at: &Rc<RefCell<Option<f64>>>,
    make: impl Fn(T) -> Action + 'static,
) -> Callback<T> {
    let (state, input_at) = (state.clone(), input_at.clone());
    Callback::from(move |arg: T| {
        *input_at.borrow_mut() = Some(dom::now_ms());
        state.dispatch(make(arg));
    })
}

/// See the module documentation.
#[function_component]
pub fn App() -> Html {
    let state =
        use_reducer(|| State::initial(dom::fragment().as_deref(), dom::load_saved().as_deref()));
    let inputs = use_state(|| Inputs {
        pattern: state.pattern.clone(),
        event: state.event.clone(),
    });
    let analysis = {
        let i = (*inputs).clone();
        use_memo(i, |i| {
            let start = dom::now_ms();
            let mut a = analyze(&i.pattern, &i.event);
            a.engine_ms = dom::now_ms() - start;
            SharedAnalysis(Rc::new(a))
        })
    };
    let hovered = use_state(|| None::<String>);
    let link = use_state(|| None::<String>);
    let input_at = use_mut_ref(|| None::<f64>);
    let latency = use_state(|| None::<f64>);
    let debounce = use_mut_ref(|| None::<Timeout>);
    let save_timer = use_mut_ref(|| None::<Timeout>);

    // Analyse after each change: at once for small texts, after a pause for big ones.
    {
        let inputs = inputs.clone();
        let debounce = debounce.clone();
        use_effect_with(
            (state.pattern.clone(), state.event.clone()),
            move |(pattern, event)| {
                let next = Inputs {
                    pattern: pattern.clone(),
                    event: event.clone(),
                };
                if pattern.len() + event.len() <= IMMEDIATE_BYTES {
                    debounce.borrow_mut().take();
                    inputs.set(next);
                } else {
                    let setter = inputs.clone();
                    *debounce.borrow_mut() =
                        Some(Timeout::new(DEBOUNCE_MS, move || setter.set(next)));
                }
            },
        );
    }
    // Input-to-verdict time, measured once the new verdict is on screen.
    {
        let input_at = input_at.clone();
        let latency = latency.clone();
        use_effect_with(analysis.clone(), move |_| {
            if let Some(t) = input_at.borrow_mut().take() {
                latency.set(Some(dom::now_ms() - t));
            }
        });
    }
    // Autosave, a moment after the last change.
    {
        let save_timer = save_timer.clone();
        use_effect_with(state.clone(), move |s| {
            let data = s.shared();
            *save_timer.borrow_mut() = Some(Timeout::new(300, move || {
                let _ = dom::save(&share::encode_with_level(&data, 1));
            }));
        });
    }

    let on_event = timed(&state, &input_at, Action::EditEvent);
    let on_pattern = timed(&state, &input_at, Action::EditPattern);
    let on_format_event = state
        .dispatcher()
        .to_callback()
        .reform(|_: ()| Action::FormatEvent);
    let on_format_pattern = state
        .dispatcher()
        .to_callback()
        .reform(|_: ()| Action::FormatPattern);
    let on_pick = timed(&state, &input_at, Action::LoadTemplate);
    let on_wrap = timed(&state, &input_at, |_: MouseEvent| Action::WrapCloudTrail);
    // Stable across renders, so the result panels re-render only when their data changes.
    let on_hover = {
        let hovered = hovered.setter();
        use_callback((), move |p: Option<String>, _| hovered.set(p))
    };
    let on_share = {
        let state = state.clone();
        let link = link.clone();
        Callback::from(move |_| {
            let fragment = share::encode(&state.shared());
            match dom::set_fragment(&fragment) {
                Some(url) => {
                    dom::copy(&url);
                    link.set(Some(url));
                }
                None => state.dispatch(Action::Notify(
                    "The link could not be created in this browser.".into(),
                )),
            }
        })
    };
    let dismiss = state
        .dispatcher()
        .to_callback()
        .reform(|_: MouseEvent| Action::DismissNotice);

    let problem_for = |side: Side| analysis.problem.clone().filter(|p| p.side == side);
    let pattern_problem = problem_for(Side::Pattern);
    let event_problem = problem_for(Side::Event);
    let error_text = analysis.problem.as_ref().map(|p| {
        let side = if p.side == Side::Pattern {
            "Pattern"
        } else {
            "Event"
        };
        format!(
            "{side}, line {}, column {}: {}",
            p.line, p.column, p.message
        )
    });
    let linked_line = hovered
        .as_ref()
        .and_then(|h| analysis.fields.iter().find(|f| &f.path == h))
        .map(|f| f.pattern_line);
    let stale = *inputs
        != Inputs {
            pattern: state.pattern.clone(),
            event: state.event.clone(),
        };

    html! {
        <div class="page">
            <header class="top">
                <div class="brand">
                    <h1>{ "EventBridge pattern playground" }</h1>
                    <p class="tagline">{ "AWS's verdict, AWS's errors, and why each field matched — computed in your browser; nothing is sent anywhere." }</p>
                </div>
                <div class="share">
                    <button type="button" class="primary" data-testid="share-link" onclick={on_share}
                        title="Put the event, pattern and template into the page address (the part after #, never sent to a server) and copy it">
                        { "Copy link" }
                    </button>
                    if let Some(url) = &*link {
                        <input class="share-url" readonly=true value={url.clone()} aria-label="Share link" data-testid="share-url"
                            onfocus={Callback::from(|e: FocusEvent| { let i: web_sys::HtmlInputElement = e.target_unchecked_into(); i.select(); })} />
                        <span class="share-status" role="status">{ "Link copied — it restores this exact state." }</span>
                    }
                </div>
            </header>
            if let Some(n) = &state.notice {
                <div class="notice" role="alert" data-testid="notice">
                    <span>{ n }</span>
                    <button type="button" class="link-button" onclick={dismiss}>{ "Dismiss" }</button>
                </div>
            }
            <div class="verdict-row">
                <VerdictBanner analysis={(*analysis).clone()} />
                if let Some(e) = error_text {
                    <p class="error" data-testid="error" role="alert">{ e }</p>
                }
                <p class="latency" data-testid="latency" data-ms={latency.map(|l| format!("{l:.1}")).unwrap_or_default()}
                    data-engine-ms={format!("{:.1}", analysis.engine_ms)} data-stale={stale.to_string()}
                    title="From the last keystroke to the new verdict on screen (engine: reading, matching and explaining)">
                    { match (*latency, stale) {
                        (_, true) => "updating…".to_string(),
                        (Some(ms), false) => format!("verdict in {ms:.0} ms (engine {:.0} ms)", analysis.engine_ms),
                        (None, false) => String::new(),
                    } }
                </p>
            </div>
            <main class="grid">
                <div class="col editors">
                    <TemplatePanel selected={AttrValue::from(state.template.clone())} on_pick={on_pick} />
                    <Editor id="pattern-input" testid="pattern-input" label="Event pattern"
                        value={AttrValue::from(state.pattern.clone())} on_input={on_pattern.clone()}
                        on_format={on_format_pattern} problem={pattern_problem} highlight_line={linked_line} />
                    <Editor id="event-input" testid="event-input" label="Event"
                        value={AttrValue::from(state.event.clone())} on_input={on_event}
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
                    <Explanation analysis={(*analysis).clone()} hovered={(*hovered).clone()} on_hover={on_hover.clone()} on_apply={on_pattern} />
                    <EventView analysis={(*analysis).clone()} hovered={(*hovered).clone()} on_hover={on_hover} />
                </div>
            </main>
            <footer class="foot">
                <p>{ "Semantics follow AWS's engine (aws/event-ruler) including its quirks; limits AWS applies on its side (4096-character patterns, 1000 $or combinations, wildcard complexity) are checked too. Works offline." }</p>
            </footer>
        </div>
    }
}
