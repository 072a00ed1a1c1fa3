//! The batch page: the rules and events editors, the summary, the matrix.
//! Matching runs a slice at a time between frames (with a progress bar), so
//! 10,000 events × 100 rules never freeze the page; typing waits for a pause.

use crate::batch::{read_rules, summarise, Job, Row, Rules, Skipped, Summary, PASTED};
use crate::link::{self, Batch};
use crate::matrix::{Filters, Matrix};
use eventpattern_web::{boot, compress, dom, share};
use gloo::timers::callback::Timeout;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{DragEvent, HtmlTextAreaElement};
use yew::prelude::*;

/// Typing pauses this long before the batch is matched again.
const SETTLE_MS: u32 = 300;
/// A slice of matching takes about this long before the page draws again.
const SLICE_MS: f64 = 12.0;
/// Browsers keep about 5 MB per site; larger batches are not attempted.
const MAX_SAVED_BYTES: usize = 2_000_000;

/// Where the page starts: a batch link, saved work, or the sample.
#[derive(Debug, PartialEq)]
pub struct Start {
    /// The texts.
    pub batch: Batch,
    /// Why a link could not be opened.
    pub notice: Option<String>,
    /// The saved batch a link replaced (kept until the user edits).
    pub replaced: Option<Batch>,
    /// The texts came from a link: nothing is saved until the user edits.
    pub from_link: bool,
}

impl Start {
    /// Reads the link (it wins) or the saved work.
    pub async fn load() -> Start {
        let saved = || dom::load_key(link::STORAGE_KEY).and_then(|t| link::from_saved(&t));
        let sample = || Batch {
            rules_file: PASTED.into(),
            rules: crate::sample::RULES.into(),
            events: crate::sample::EVENTS.into(),
        };
        if let Some(fragment) = dom::fragment() {
            match decode(&fragment).await {
                Ok(batch) => {
                    return Start {
                        replaced: saved().filter(|s| *s != batch),
                        batch,
                        notice: None,
                        from_link: true,
                    }
                }
                Err(e) => {
                    return Start {
                        batch: saved().unwrap_or_else(sample),
                        notice: Some(format!("This link could not be opened: {e}.")),
                        replaced: None,
                        from_link: false,
                    }
                }
            }
        }
        Start {
            batch: saved().unwrap_or_else(sample),
            notice: None,
            replaced: None,
            from_link: false,
        }
    }
}

async fn decode(fragment: &str) -> Result<Batch, String> {
    let bytes = share::bytes_of_fragment(link::VERSION, fragment)?;
    link::from_payload(&compress::inflate(&bytes).await?)
}

/// The page's properties.
#[derive(Properties, PartialEq)]
pub struct BatchProps {
    /// Where it starts.
    pub start: Rc<Start>,
}

/// A finished matrix.
pub struct Done {
    /// The rules it was made with.
    pub rules: Rc<Rules>,
    /// One row per event.
    pub rows: Vec<Row>,
    /// Input that was not an event.
    pub skipped: Vec<Skipped>,
    /// Lone CloudTrail records wrapped.
    pub wrapped: usize,
    /// The counts.
    pub summary: Summary,
}

/// The page.
#[function_component]
pub fn BatchPage(props: &BatchProps) -> Html {
    // The texts as typed; the state below follows them after a pause.
    let texts = use_mut_ref(|| props.start.batch.clone());
    // Bumped when a text changes from outside its editor (a dropped file, Undo).
    let written = use_state(|| 0u32);
    let rules = use_state(|| Rc::new(read_rules(PASTED, "")));
    let progress = use_state(|| None::<f64>);
    let done = use_state(|| None::<Rc<Done>>);
    let notice = use_state(|| props.start.notice.clone());
    let link_text = use_state(|| None::<String>);
    // The texts a dropped file (or the opened link) replaced, and what to say.
    let undo = use_state(|| {
        props.start.replaced.clone().map(|b| {
            (
                b,
                "This shared batch replaced your saved one, which is kept until you edit."
                    .to_string(),
            )
        })
    });
    // Nothing is saved over the user's work until they edit what a link opened;
    // then the link leaves the address bar (a reload shows their edits).
    let may_save = use_mut_ref(|| !props.start.from_link);
    let filters = use_state(Filters::default);
    let generation = use_mut_ref(|| 0u32);
    let settle = use_mut_ref(|| None::<Timeout>);
    let rules_ref = use_node_ref();
    let events_ref = use_node_ref();

    // Reads the rules, saves, and matches the events a slice at a time.
    let run = {
        let (texts, rules, progress, done, notice) = (
            texts.clone(),
            rules.clone(),
            progress.clone(),
            done.clone(),
            notice.clone(),
        );
        let (generation, may_save) = (generation.clone(), may_save.clone());
        Rc::new(move || {
            let batch = texts.borrow().clone();
            let size = batch.rules.len() + batch.events.len();
            if *may_save.borrow()
                && (size > MAX_SAVED_BYTES
                    || !dom::save_key(link::STORAGE_KEY, &link::to_saved(&batch)))
            {
                notice.set(Some(format!(
                    "Not saved: {} KB is more than this browser's storage takes, so this batch will not survive a reload. Keep the files and drop them here again.",
                    size / 1000
                )));
            }
            let read = Rc::new(read_rules(&batch.rules_file, &batch.rules));
            rules.set(read.clone());
            *generation.borrow_mut() += 1;
            let mine = *generation.borrow();
            let job = Rc::new(RefCell::new(Job::new(batch.events.into())));
            progress.set(Some(0.0));
            tick(
                job,
                read,
                mine,
                generation.clone(),
                progress.clone(),
                done.clone(),
            );
        })
    };

    {
        let run = run.clone();
        use_effect_with((), move |_| {
            run();
        });
    }

    // Writes the texts into the editors at the start and after outside changes;
    // typing is never rewritten. (No `value` attribute: Yew would put it back
    // over what the user typed on every redraw.)
    {
        let (texts, rules_ref, events_ref) = (texts.clone(), rules_ref.clone(), events_ref.clone());
        use_effect_with(*written, move |_| {
            let t = texts.borrow();
            for (node, text) in [(&rules_ref, &t.rules), (&events_ref, &t.events)] {
                if let Some(area) = node.cast::<HtmlTextAreaElement>() {
                    if area.value() != **text {
                        area.set_value(text);
                    }
                }
            }
        });
    }

    // The user changed something: from now on it is theirs to save.
    let edited = {
        let may_save = may_save.clone();
        Rc::new(move || {
            if !*may_save.borrow() {
                *may_save.borrow_mut() = true;
                dom::clear_fragment();
            }
        })
    };

    let schedule = {
        let (settle, run, edited) = (settle.clone(), run.clone(), edited.clone());
        Rc::new(move || {
            edited();
            let run = run.clone();
            *settle.borrow_mut() = Some(Timeout::new(SETTLE_MS, move || run()));
        })
    };

    // Typing in either editor: the text is kept, the stale link and Undo go.
    let on_input = |rules_side: bool| {
        let (texts, schedule, link_text, undo) = (
            texts.clone(),
            schedule.clone(),
            link_text.clone(),
            undo.clone(),
        );
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            let mut t = texts.borrow_mut();
            *(if rules_side {
                &mut t.rules
            } else {
                &mut t.events
            }) = area.value();
            drop(t);
            if link_text.is_some() {
                link_text.set(None);
            }
            if undo.is_some() {
                undo.set(None);
            }
            schedule();
        })
    };

    // A dropped file replaces that side's text (Undo brings it back).
    let on_drop = |rules_side: bool| {
        let (texts, written, undo, notice, run, edited) = (
            texts.clone(),
            written.clone(),
            undo.clone(),
            notice.clone(),
            run.clone(),
            edited.clone(),
        );
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            e.stop_propagation();
            let files = e.data_transfer().and_then(|d| d.files());
            let count = files.as_ref().map_or(0, |f| f.length());
            let Some(file) = files.and_then(|f| f.get(0)) else {
                return;
            };
            edited();
            let others = count.saturating_sub(1);
            let (texts, written, undo, notice, run) = (
                texts.clone(),
                written.clone(),
                undo.clone(),
                notice.clone(),
                run.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                let name = file.name();
                let text = match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                    Ok(t) => t.as_string().unwrap_or_default(),
                    Err(_) => {
                        notice.set(Some(format!("{name} could not be read as text.")));
                        return;
                    }
                };
                let before = texts.borrow().clone();
                {
                    let mut t = texts.borrow_mut();
                    if rules_side {
                        t.rules = text;
                        t.rules_file = name.clone();
                    } else {
                        t.events = text;
                    }
                }
                undo.set(Some((
                    before,
                    format!("Loaded {name}, replacing what was there."),
                )));
                notice.set((others > 0).then(|| {
                    format!(
                        "One file per box: {name} was loaded, {} other {} not. Check them one at a time, or all at once with `eventpattern matrix --rules FILE…`.",
                        others,
                        if others == 1 { "file was" } else { "files were" }
                    )
                }));
                written.set(*written + 1);
                run();
            });
        })
    };
    let on_drag_over = Callback::from(|e: DragEvent| e.prevent_default());

    let on_undo = {
        let (texts, written, undo, run, edited) = (
            texts.clone(),
            written.clone(),
            undo.clone(),
            run.clone(),
            edited.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            if let Some((before, _)) = (*undo).clone() {
                edited();
                *texts.borrow_mut() = before;
                undo.set(None);
                written.set(*written + 1);
                run();
            }
        })
    };

    let on_copy_link = {
        let (texts, link_text, notice) = (texts.clone(), link_text.clone(), notice.clone());
        Callback::from(move |_: MouseEvent| {
            let batch = texts.borrow().clone();
            let (link_text, notice) = (link_text.clone(), notice.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let Ok(bytes) = compress::deflate(&link::to_payload(&batch)).await else {
                    notice.set(Some("The link could not be made in this browser.".into()));
                    return;
                };
                let fragment = share::fragment_with(link::VERSION, &bytes);
                let url = format!("{}#{fragment}", page_url());
                if url.len() > link::MAX_LINK_CHARS {
                    notice.set(Some(format!(
                        "This batch is too large for a link ({} KB compressed; links stop at {} KB). Share the files instead: they load here by drag and drop.",
                        url.len() / 1000,
                        link::MAX_LINK_CHARS / 1000
                    )));
                    link_text.set(None);
                    return;
                }
                let copied = dom::copy_text(&url).await;
                let said = if copied {
                    "Link copied: it carries the rules and the events."
                } else {
                    "The browser did not let the page copy: select the link in the box and copy it."
                };
                notice.set(Some(if url.len() > link::WARN_LINK_CHARS {
                    format!(
                        "{said} It is {} KB long: browsers open it, but some chat and ticket tools cut links past 8 KB.",
                        url.len() / 1000
                    )
                } else {
                    said.to_string()
                }));
                link_text.set(Some(url));
            });
        })
    };

    // A cell opens its event and rule in the single view, fully explained.
    let on_open = {
        let (done, notice) = (done.clone(), notice.clone());
        Callback::from(move |(event, rule): (usize, usize)| {
            let Some(d) = (*done).clone() else { return };
            let (Some(row), Some(pattern)) = (d.rows.get(event), d.rules.texts.get(rule)) else {
                return;
            };
            let pretty = |t: &str| eventpattern::json::format(t).unwrap_or_else(|_| t.to_string());
            let shared = share::Shared {
                event: pretty(&row.event),
                pattern: pretty(pattern),
                template: String::new(),
            };
            let notice = notice.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match boot::encode_link(&shared).await {
                    Ok(fragment) => {
                        if let Some(w) = web_sys::window() {
                            let _ = w.location().set_href(&format!("index.html#{fragment}"));
                        }
                    }
                    Err(e) => notice.set(Some(format!("The pair could not be opened: {e}."))),
                }
            });
        })
    };

    let on_filters = {
        let filters = filters.clone();
        Callback::from(move |f: Filters| filters.set(f))
    };

    let summary = done.as_ref().map(|d| summary_line(d));
    let rules_status = rules_status(&rules);
    let events_status = done.as_ref().map(|d| events_status(d));
    html! {
        <main class="page batch-page" ondragover={on_drag_over.clone()} ondrop={Callback::from(|e: DragEvent| e.prevent_default())}>
            <header class="top">
                <div class="brand">
                    <h1>{ "Rules × events" }</h1>
                    <p class="tagline">{ "Which of your rules fire for which events — AWS's verdicts, computed in your browser; nothing is sent anywhere." }</p>
                </div>
                <div class="share">
                    <a class="button-link" href="index.html" data-testid="mode-single">{ "One pattern" }</a>
                    <button type="button" class="primary" data-testid="batch-link" onclick={on_copy_link}>{ "Copy link" }</button>
                    if let Some(url) = &*link_text {
                        <input class="share-url" readonly=true value={url.clone()} aria-label="Share link" data-testid="batch-url" />
                    }
                </div>
            </header>
            <div class="notice-slot" role="status">
                if let Some((_, said)) = &*undo {
                    <p class="undo-bar" data-testid="batch-loaded">{ format!("{said} ") }
                        <button type="button" data-testid="batch-undo" onclick={on_undo}>{ "Undo" }</button>
                    </p>
                }
                if let Some(n) = &*notice {
                    <p class="notice" data-testid="batch-notice">{ n.clone() }</p>
                }
            </div>
            <div class="batch-inputs">
                <section class="panel" ondrop={on_drop(true)} ondragover={on_drag_over.clone()}>
                    <h2><label for="rules-input">{ "Rules" }</label></h2>
                    <p class="input-help" id="rules-help">{ "Patterns one after another (one per line, or pretty-printed), {\"name\": pattern, …}, a CloudFormation/SAM template (JSON or YAML), a cdk.out template, Terraform `show -json` output or a .tf file. Paste, or drop a file here." }</p>
                    <textarea id="rules-input" data-testid="rules-input" ref={rules_ref} spellcheck="false"
                        aria-describedby="rules-help rules-status" oninput={on_input(true)} />
                    <div id="rules-status" class="batch-status" data-testid="rules-status">{ rules_status }</div>
                </section>
                <section class="panel" ondrop={on_drop(false)} ondragover={on_drag_over.clone()}>
                    <h2><label for="events-input">{ "Events" }</label></h2>
                    <p class="input-help" id="events-help">{ "JSON Lines, a JSON array, or CloudTrail log files ({\"Records\": […]}, each record wrapped as EventBridge delivers it). Paste, or drop a file here." }</p>
                    <textarea id="events-input" data-testid="events-input" ref={events_ref} spellcheck="false"
                        aria-describedby="events-help events-status" oninput={on_input(false)} />
                    <div id="events-status" class="batch-status">{ for events_status }</div>
                </section>
            </div>
            <section class="panel matrix-panel" aria-labelledby="matrix-title">
                <h2 id="matrix-title">{ "Matrix" }</h2>
                <div class="progress-slot">
                    if let Some(p) = *progress {
                        <progress data-testid="batch-progress" max="100" value={format!("{}", (p * 100.0) as u32)}
                            aria-label="Matching the events" />
                    }
                </div>
                <p class="matrix-summary" data-testid="matrix-summary" aria-live="polite">{ summary.unwrap_or_else(|| "Matching…".into()) }</p>
                if let Some(d) = &*done {
                    <Matrix done={d.clone()} filters={*filters} on_filters={on_filters} on_open={on_open} />
                }
            </section>
        </main>
    }
}

/// One slice of matching, then the next after the page has drawn; a newer
/// run (the texts changed) stops this one.
fn tick(
    job: Rc<RefCell<Job>>,
    rules: Rc<Rules>,
    mine: u32,
    generation: Rc<RefCell<u32>>,
    progress: UseStateHandle<Option<f64>>,
    done: UseStateHandle<Option<Rc<Done>>>,
) {
    Timeout::new(0, move || {
        if *generation.borrow() != mine {
            return;
        }
        let started = dom::now_ms();
        let finished = loop {
            if job.borrow_mut().step(&rules.set, 100) {
                break true;
            }
            if dom::now_ms() - started > SLICE_MS {
                break false;
            }
        };
        if finished {
            let job = std::mem::replace(&mut *job.borrow_mut(), Job::new("".into()));
            let summary = summarise(&job.rows, rules.names.len());
            done.set(Some(Rc::new(Done {
                rules,
                rows: job.rows,
                skipped: job.skipped,
                wrapped: job.wrapped,
                summary,
            })));
            progress.set(None);
        } else {
            progress.set(Some(job.borrow().progress()));
            tick(job, rules, mine, generation, progress, done);
        }
    })
    .forget();
}

fn page_url() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .map(|h| h.split('#').next().unwrap_or_default().to_string())
        .unwrap_or_default()
}

/// `n` with thousands separators and the word it counts (`1 rule`, `10,000 events`).
pub fn count(n: usize, one: &str, many: &str) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    format!("{out} {}", if n == 1 { one } else { many })
}

fn summary_line(d: &Done) -> String {
    let s = &d.summary;
    let mut line = format!(
        "{} × {}: {}. {} {}; {} no rule catches.",
        count(s.events, "event", "events"),
        count(s.rules, "rule", "rules"),
        count(s.matches, "match", "matches"),
        count(s.never_fire, "rule", "rules"),
        if s.never_fire == 1 {
            "never fires"
        } else {
            "never fire"
        },
        count(s.uncaught, "event", "events"),
    );
    if s.unreadable > 0 {
        line.push_str(&format!(
            " {} not readable.",
            count(s.unreadable, "event", "events")
        ));
    }
    line
}

fn rules_status(rules: &Rules) -> Html {
    if let Some(e) = &rules.error {
        return html! { <p class="status-error">{ format!("Not read: {e}") }</p> };
    }
    let Some(format) = rules.format else {
        return html! { <p>{ "No rules yet." }</p> };
    };
    html! {
        <>
            <p>{ format!("Read as {format}: {} in the matrix.", count(rules.names.len(), "rule", "rules")) }</p>
            if !rules.problems.is_empty() {
                <ul class="status-error" data-testid="rules-problems">
                    { for rules.problems.iter().take(20).map(|p| html! {
                        <li class={if p.unresolved { "unresolved" } else { "" }}>{ format!("{} (line {}, column {}) left out: {}", p.name, p.line, p.column, p.message) }</li>
                    }) }
                    if rules.problems.len() > 20 {
                        <li>{ format!("… and {} more.", rules.problems.len() - 20) }</li>
                    }
                </ul>
            }
        </>
    }
}

fn events_status(d: &Done) -> Html {
    let mut parts = vec![format!("{} read.", count(d.rows.len(), "event", "events"))];
    if d.wrapped > 0 {
        parts.push(format!(
            "{} a bare CloudTrail record: matched as EventBridge delivers it, in the \"AWS API Call via CloudTrail\" envelope.",
            if d.wrapped == 1 { "1 line is".to_string() } else { format!("{} lines are", count(d.wrapped, "", "").trim_end()) }
        ));
    }
    html! {
        <>
            { for parts.into_iter().map(|p| html! { <p>{ p }</p> }) }
            if !d.skipped.is_empty() {
                <ul class="status-error" data-testid="events-skipped">
                    { for d.skipped.iter().take(20).map(|s| html! { <li>{ format!("Line {} skipped: {}", s.line, s.message) }</li> }) }
                    if d.skipped.len() > 20 {
                        <li>{ format!("… and {} more.", d.skipped.len() - 20) }</li>
                    }
                </ul>
            }
        </>
    }
}

/// The element a click landed in, as an element.
pub fn target_element(e: &MouseEvent) -> Option<web_sys::Element> {
    e.target()?.dyn_into::<web_sys::Element>().ok()
}
