//! The event, rendered from the engine's outline: every value a pattern field
//! looked at is marked by its own span (`data-path`, `data-state`), so in an
//! array only the elements that matched show as matched; envelope and
//! CloudTrail record fields carry a one-line explanation. Clicking a value
//! (or Enter on it) opens a menu of conditions that add it to the pattern.
//! The tree is one tab stop: arrow keys move between values.

use crate::analysis::Analysis;
use crate::components::explanation::{hover, status_badge};
use crate::components::field_menu::{FieldMenu, MenuTarget};
use eventpattern::compose::Placement;
use eventpattern::explain::ValueState;
use eventpattern::outline::{NodeKind, Outline, Role};
use eventpattern::FieldStatus;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, KeyboardEvent};
use yew::prelude::*;

/// Properties of [`EventView`].
#[derive(Properties, PartialEq)]
pub struct EventViewProps {
    /// What to show.
    pub analysis: crate::analysis::SharedAnalysis,
    /// The path being pointed at.
    pub hovered: Option<String>,
    /// Pointer/focus enters (Some) or leaves (None) a marked field.
    pub on_hover: Callback<Option<String>>,
    /// A condition chosen in a field's menu: the field's keys, the condition, where.
    pub on_compose: Callback<(Vec<String>, String, Placement)>,
    /// "Start a pattern from this event".
    pub on_start: Callback<()>,
}

struct Ctx<'a> {
    analysis: &'a Analysis,
    outline: &'a Outline,
    hovered: Option<&'a str>,
    on_hover: &'a Callback<Option<String>>,
    menu: Option<usize>,
    open_menu: &'a Callback<usize>,
    close_menu: &'a Callback<()>,
    on_compose: &'a Callback<(Vec<String>, String, Placement)>,
}

fn tag(role: Option<Role>, note: Option<&'static str>) -> Html {
    let (Some(role), Some(text)) = (role, note) else {
        return html! {};
    };
    let (class, label) = match role {
        Role::Envelope => ("tag tag-envelope", "envelope"),
        Role::CloudTrail => ("tag tag-cloudtrail", "CloudTrail"),
    };
    // Not a tab stop: the row's title and the tooltip on hover say the same.
    html! {
        <span class={class} title={text}>
            { label }
            <span class="tip" role="tooltip">{ text }</span>
        </span>
    }
}

/// The keys from the root to node `i` (array elements add none), as the pattern names them.
fn keys_to(outline: &Outline, i: usize) -> Vec<String> {
    let mut keys = Vec::new();
    let mut at = Some(i);
    while let Some(n) = at {
        let node = &outline.nodes[n];
        if let Some(k) = &node.key {
            keys.push(k.clone());
        }
        at = node.parent.map(|p| p as usize);
    }
    keys.reverse();
    keys
}

fn node(i: usize, ctx: &Ctx<'_>) -> Html {
    let n = &ctx.outline.nodes[i];
    let key_html = match &n.key {
        Some(k) => html! { <><span class="key">{ eventpattern::json::quote(k) }</span>{ ": " }</> },
        None => html! {},
    };
    let path = n.path.clone().unwrap_or_default();
    let title = n.note.unwrap_or_default();
    let marked = |content: Html,
                  state: &'static str,
                  status: Option<FieldStatus>,
                  value_row: bool| {
        let h = hover(ctx.on_hover, &path);
        let linked = ctx.hovered == Some(path.as_str());
        let open = ctx.open_menu.reform(move |_: MouseEvent| i);
        let onclick = value_row.then_some(open);
        html! {
            <div class={classes!("row", "marked", format!("state-{state}"), linked.then_some("linked"), value_row.then_some("value-row"))}
                data-path={path.clone()} data-state={state} data-value={value_row.then(|| i.to_string())}
                tabindex={value_row.then_some("-1")} title={title}
                aria-expanded={value_row.then(|| (ctx.menu == Some(i)).to_string())}
                onmouseenter={h.enter} onfocus={h.focus} onmouseleave={h.leave} onblur={h.blur} {onclick}>
                { content }
                <span class="row-state">{ status.map(status_badge).unwrap_or_else(|| unused_badge()) }</span>
            </div>
        }
    };
    let plain = |content: Html, value_row: bool| {
        let open = ctx.open_menu.reform(move |_: MouseEvent| i);
        html! {
            <div class={classes!("row", value_row.then_some("value-row"))} data-path={value_row.then(|| path.clone())}
                data-value={value_row.then(|| i.to_string())} tabindex={value_row.then_some("-1")} title={title}
                aria-expanded={value_row.then(|| (ctx.menu == Some(i)).to_string())}
                onclick={value_row.then_some(open)}>
                { content }
            </div>
        }
    };
    let menu = (ctx.menu == Some(i)).then(|| {
        let keys = keys_to(ctx.outline, i);
        let named = ctx.analysis.named_paths.iter().any(|p| Some(p) == n.path.as_ref());
        let value_json = ctx.analysis.event.get(n.span.range()).unwrap_or_default().to_string();
        html! {
            <FieldMenu target={MenuTarget { keys, value_json, named }} on_choose={ctx.on_compose.clone()} on_close={ctx.close_menu.clone()} />
        }
    });
    match n.kind {
        NodeKind::More => {
            html! { <div class="row more">{ format!("… {} more not shown", n.hidden) }</div> }
        }
        NodeKind::Object | NodeKind::Array => {
            let (open, close) = if n.kind == NodeKind::Object {
                ("{", "}")
            } else {
                ("[", "]")
            };
            let children: Vec<usize> = ctx.outline.children(i).collect();
            let head = html! { <>{ key_html }<span class="punct">{ open }</span>if children.is_empty() { <span class="punct">{ close }</span> }{ tag(n.role, n.note) }</> };
            let status = n
                .path
                .as_ref()
                .filter(|p| !ctx.analysis.marked_paths.contains(*p))
                .and_then(|p| ctx.analysis.states.get(p))
                .copied();
            let head = match status {
                Some(s) => marked(head, s.name(), Some(s), false),
                None => html! { <div class="row">{ head }</div> },
            };
            html! {
                <div class="node">
                    { head }
                    if !children.is_empty() {
                        <div class="children">
                            { for children.into_iter().map(|c| node(c, ctx)) }
                        </div>
                        <div class="row"><span class="punct">{ close }</span></div>
                    }
                </div>
            }
        }
        kind => {
            let text = if n.cut {
                format!("{}…", n.text)
            } else {
                n.text.clone()
            };
            let content = html! { <>{ key_html }<span class={classes!("val", format!("val-{}", kind.name()))}>{ text }</span>{ tag(n.role, n.note) }</> };
            let mark = ctx.analysis.marks.get(&n.span.start);
            let row = match mark.map(|m| m.state) {
                Some(ValueState::Matched) => {
                    marked(content, "matched", Some(FieldStatus::Matched), true)
                }
                Some(ValueState::Failed) => {
                    marked(content, "failed", Some(FieldStatus::Failed), true)
                }
                Some(ValueState::Unused) => marked(content, "unused", None, true),
                None => plain(content, n.path.is_some()),
            };
            html! { <>{ row }{ for menu }</> }
        }
    }
}

fn unused_badge() -> Html {
    html! { <span class="badge badge-unused" title="A condition accepts this value, but the match uses another element of the array">{ "not used" }</span> }
}

/// Arrow keys move the focus between the values of the tree; Enter or Space opens a value's menu.
fn tree_keys(e: KeyboardEvent) {
    let Some(target) = e.target().and_then(|t| t.dyn_into::<HtmlElement>().ok()) else {
        return;
    };
    let Some(tree) = target.closest(".tree").ok().flatten() else {
        return;
    };
    let rows = tree.query_selector_all("[data-value]").ok();
    let rows: Vec<HtmlElement> = rows
        .map(|l| {
            (0..l.length())
                .filter_map(|i| l.item(i)?.dyn_into().ok())
                .collect()
        })
        .unwrap_or_default();
    let current = rows.iter().position(|r| *r == target);
    let next = match (e.key().as_str(), current) {
        ("ArrowDown", Some(c)) => Some((c + 1).min(rows.len().saturating_sub(1))),
        ("ArrowUp", Some(c)) => Some(c.saturating_sub(1)),
        ("ArrowDown" | "ArrowUp" | "Home", None) | ("Home", _) => Some(0),
        ("End", _) => Some(rows.len().saturating_sub(1)),
        ("Enter" | " ", Some(_)) => {
            e.prevent_default();
            target.click();
            None
        }
        _ => None,
    };
    if let Some(r) = next.and_then(|n| rows.get(n)) {
        e.prevent_default();
        let _ = r.focus();
    }
}

/// See the module documentation.
#[function_component]
pub fn EventView(props: &EventViewProps) -> Html {
    let a = &props.analysis;
    let menu = use_state(|| None::<usize>);
    // A new analysis renumbers the outline: close the menu.
    {
        let menu = menu.clone();
        use_effect_with(props.analysis.clone(), move |_| menu.set(None));
    }
    let open_menu = {
        let menu = menu.clone();
        Callback::from(move |i: usize| menu.set(if *menu == Some(i) { None } else { Some(i) }))
    };
    let close_menu = {
        let menu = menu.clone();
        Callback::from(move |_: ()| {
            if let Some(i) = *menu {
                crate::dom::focus_selector(&format!(".tree [data-value=\"{i}\"]"));
            }
            menu.set(None)
        })
    };
    let missing: Vec<&String> = a
        .fields
        .iter()
        .filter(|f| f.status == FieldStatus::Missing)
        .map(|f| &f.path)
        .collect();
    let body = match &a.outline {
        Some(o) => {
            let ctx = Ctx {
                analysis: a,
                outline: o,
                hovered: props.hovered.as_deref(),
                on_hover: &props.on_hover,
                menu: *menu,
                open_menu: &open_menu,
                close_menu: &close_menu,
                on_compose: &props.on_compose,
            };
            node(0, &ctx)
        }
        None => {
            html! { <p class="muted">{ "The event is not valid JSON yet; fix it to see its fields." }</p> }
        }
    };
    let kind = if a.via_cloudtrail() {
        html! { <p class="event-kind">{ "A CloudTrail record delivered through EventBridge: the envelope is EventBridge's, everything under " }<code>{ "detail" }</code>{ " is the CloudTrail record." }</p> }
    } else {
        html! {}
    };
    let start = props.on_start.reform(|_: MouseEvent| ());
    let onfocus_tree = Callback::from(|e: FocusEvent| {
        // Entering the tree by Tab lands on its first value (not when
        // Shift+Tab leaves a value for the tree itself).
        let from_inside = e
            .related_target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
            .zip(e.target().and_then(|t| t.dyn_into::<web_sys::Node>().ok()))
            .is_some_and(|(from, tree)| tree.contains(Some(&from)));
        if let Some(tree) = e.target().and_then(|t| t.dyn_into::<HtmlElement>().ok()) {
            if tree.class_name().split_whitespace().any(|c| c == "tree") && !from_inside {
                if let Some(Ok(first)) = tree
                    .query_selector("[data-value]")
                    .ok()
                    .flatten()
                    .map(|f| f.dyn_into::<HtmlElement>())
                {
                    let _ = first.focus();
                }
            }
        }
    });
    html! {
        <section class="panel event-view" data-testid="event-view" aria-labelledby="event-view-title">
            <div class="panel-head">
                <h2 id="event-view-title">{ "Event fields" }</h2>
                if a.outline.is_some() {
                    <button type="button" data-testid="start-pattern" onclick={start}
                        title="Replace the pattern with one keyed on this event's source and detail-type (and, for an API call, its eventSource and eventName)">
                        { "Start a pattern from this event" }
                    </button>
                }
            </div>
            { kind }
            if a.outline.is_some() {
                <p class="muted help">{ "Click a value (or press Enter on it) to add it to the pattern." }</p>
            }
            <div class="tree" tabindex="0" aria-label="Event fields: arrow keys move between values, Enter opens a value's menu"
                onkeydown={Callback::from(tree_keys)} onfocus={onfocus_tree}>{ body }</div>
            if !missing.is_empty() {
                <div class="missing">
                    <h3>{ "Named by the pattern, absent from the event" }</h3>
                    { for missing.iter().map(|p| {
                        let h = hover(&props.on_hover, p);
                        let linked = props.hovered.as_deref() == Some(p.as_str());
                        html! {
                            <div class={classes!("row", "marked", "state-missing", linked.then_some("linked"))} data-path={(*p).clone()} data-state="missing"
                                onmouseenter={h.enter} onmouseleave={h.leave}>
                                <code>{ (*p).clone() }</code>
                                <span class="row-state">{ status_badge(FieldStatus::Missing) }</span>
                            </div>
                        }
                    }) }
                </div>
            }
        </section>
    }
}
