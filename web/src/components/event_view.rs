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
use std::rc::Rc;
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

/// The outline, compared by identity: the analysis keeps the same one while
/// the event and the pattern's paths do not change.
#[derive(Clone)]
struct SharedOutline(Rc<Outline>);

impl PartialEq for SharedOutline {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// How a row is marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Field(FieldStatus),
    Unused,
}

impl Mark {
    fn name(self) -> &'static str {
        match self {
            Mark::Field(s) => s.name(),
            Mark::Unused => "unused",
        }
    }
}

#[derive(Properties, PartialEq)]
struct RowProps {
    outline: SharedOutline,
    index: usize,
    mark: Option<Mark>,
    linked: bool,
    expanded: bool,
    on_hover: Callback<Option<String>>,
    on_open: Callback<usize>,
}

/// One row: a value, or the head of an object or array. A component, so a
/// new analysis redraws only the rows whose props changed.
#[function_component]
fn EventRow(props: &RowProps) -> Html {
    let i = props.index;
    let n = &props.outline.0.nodes[i];
    let key_html = match &n.key {
        Some(k) => html! { <><span class="key">{ eventpattern::json::quote(k) }</span>{ ": " }</> },
        None => html! {},
    };
    let is_value = !matches!(n.kind, NodeKind::Object | NodeKind::Array);
    let content = if is_value {
        let text = if n.cut {
            format!("{}…", n.text)
        } else {
            n.text.clone()
        };
        html! { <>{ key_html }<span class={classes!("val", format!("val-{}", n.kind.name()))}>{ text }</span>{ tag(n.role, n.note) }</> }
    } else {
        let (open, close) = if n.kind == NodeKind::Object {
            ("{", "}")
        } else {
            ("[", "]")
        };
        let empty = n.end as usize == i + 1;
        html! { <>{ key_html }<span class="punct">{ open }</span>if empty { <span class="punct">{ close }</span> }{ tag(n.role, n.note) }</> }
    };
    // Values at a readable path open the menu (not under an empty key, which AWS never matches).
    let clickable = is_value && n.path.is_some();
    let path = n.path.clone().unwrap_or_default();
    let onclick = clickable.then(|| props.on_open.reform(move |_: MouseEvent| i));
    let (enter, leave, focus, blur) = match props.mark {
        Some(_) => {
            let h = hover(&props.on_hover, &path);
            (Some(h.enter), Some(h.leave), Some(h.focus), Some(h.blur))
        }
        None => (None, None, None, None),
    };
    let badge = props.mark.map(|m| match m {
        Mark::Field(s) => status_badge(s),
        Mark::Unused => unused_badge(),
    });
    html! {
        <div class={classes!("row", props.mark.map(|_| "marked"), props.mark.map(|m| format!("state-{}", m.name())),
                props.linked.then_some("linked"), clickable.then_some("value-row"))}
            data-path={(clickable || props.mark.is_some()).then(|| path.clone())}
            data-state={props.mark.map(Mark::name)}
            data-value={clickable.then(|| i.to_string())}
            role={clickable.then_some("button")}
            aria-haspopup={clickable.then_some("menu")}
            aria-expanded={clickable.then(|| props.expanded.to_string())}
            tabindex={clickable.then_some("-1")}
            title={n.note}
            onmouseenter={enter} onmouseleave={leave} onfocus={focus} onblur={blur} {onclick}>
            { content }
            if let Some(b) = badge { <span class="row-state">{ b }</span> }
        </div>
    }
}

/// Every marked row of the tree as `(node index, mark)`, in node order.
/// Built once per analysis; each subtree compares only its own slice.
type AllMarks = Rc<Vec<(usize, Mark)>>;

/// The marks of one subtree (nodes `from..to`), compared by content: a
/// subtree whose marks, menu and hovered row did not change is not redrawn
/// (on a 256 KB event, a keystroke then redraws a handful of rows, not 2,000).
#[derive(Clone)]
struct SubtreeMarks {
    all: AllMarks,
    lo: usize,
    hi: usize,
}

impl SubtreeMarks {
    fn new(all: &AllMarks, from: usize, to: usize) -> SubtreeMarks {
        SubtreeMarks {
            all: all.clone(),
            lo: all.partition_point(|m| m.0 < from),
            hi: all.partition_point(|m| m.0 < to),
        }
    }

    fn slice(&self) -> &[(usize, Mark)] {
        &self.all[self.lo..self.hi]
    }

    fn get(&self, i: usize) -> Option<Mark> {
        let s = self.slice();
        s.binary_search_by_key(&i, |m| m.0).ok().map(|k| s[k].1)
    }
}

impl PartialEq for SubtreeMarks {
    fn eq(&self, other: &Self) -> bool {
        self.slice() == other.slice()
    }
}

/// The latest analysis, for the field menu only. Never decides a redraw
/// (always equal): the menu's own prop does, and a new analysis closes the menu.
#[derive(Clone)]
struct Latest(crate::analysis::SharedAnalysis);

impl PartialEq for Latest {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// What every subtree needs; the callbacks are stable across renders.
#[derive(Clone, PartialEq)]
struct TreeCtx {
    outline: SharedOutline,
    latest: Latest,
    on_hover: Callback<Option<String>>,
    open_menu: Callback<usize>,
    close_menu: Callback<()>,
    dismiss_menu: Callback<()>,
    on_compose: Callback<(Vec<String>, String, Placement)>,
}

#[derive(Properties, PartialEq)]
struct NodeProps {
    ctx: TreeCtx,
    index: usize,
    marks: SubtreeMarks,
    /// The hovered path, only when a marked row of this subtree has it.
    hovered: Option<String>,
    /// The open menu, only when it belongs to this subtree.
    menu: Option<usize>,
}

/// The props of node `i`'s subtree, cut from the whole tree's.
fn subtree(
    ctx: &TreeCtx,
    i: usize,
    all: &SubtreeMarks,
    hovered: Option<&str>,
    menu: Option<usize>,
) -> NodeProps {
    let outline = &ctx.outline.0;
    let end = (outline.nodes[i].end as usize).max(i + 1);
    let marks = SubtreeMarks::new(&all.all, i, end);
    let hovered = hovered
        .filter(|h| {
            marks
                .slice()
                .iter()
                .any(|m| outline.nodes[m.0].path.as_deref() == Some(*h))
        })
        .map(str::to_string);
    NodeProps {
        ctx: ctx.clone(),
        index: i,
        marks,
        hovered,
        menu: menu.filter(|m| (i..end).contains(m)),
    }
}

/// The mark of every row, from the analysis.
fn tree_marks(a: &Analysis, outline: &Outline) -> AllMarks {
    let mut out = Vec::new();
    for (i, n) in outline.nodes.iter().enumerate() {
        let mark = match n.kind {
            NodeKind::More => None,
            NodeKind::Object | NodeKind::Array => n
                .path
                .as_ref()
                .filter(|p| !a.marked_paths.contains(*p))
                .and_then(|p| a.status_of(p))
                .map(Mark::Field),
            _ => a.mark_at(n.span.start).map(|m| match m {
                ValueState::Matched => Mark::Field(FieldStatus::Matched),
                ValueState::Failed => Mark::Field(FieldStatus::Failed),
                ValueState::Unused => Mark::Unused,
            }),
        };
        if let Some(m) = mark {
            out.push((i, m));
        }
    }
    Rc::new(out)
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
        <span class={class}>
            { label }
            <span class="tip" role="tooltip">{ text }</span>
        </span>
    }
}

/// Node `i` and, for an object or array, its children: containers below are
/// components of their own, so unchanged subtrees are skipped.
#[function_component]
fn EventNode(props: &NodeProps) -> Html {
    let ctx = &props.ctx;
    let outline = &ctx.outline.0;
    let i = props.index;
    let n = &outline.nodes[i];
    let mark = props.marks.get(i);
    let linked =
        mark.is_some() && n.path.is_some() && props.hovered.is_some() && props.hovered == n.path;
    let row = html! {
        <EventRow key="row" outline={ctx.outline.clone()} index={i} {mark} {linked}
            expanded={props.menu == Some(i)} on_hover={ctx.on_hover.clone()} on_open={ctx.open_menu.clone()} />
    };
    match n.kind {
        NodeKind::More => {
            html! { <div class="row more">{ format!("… {} more not shown", n.hidden) }</div> }
        }
        NodeKind::Object | NodeKind::Array => {
            let close = if n.kind == NodeKind::Object { "}" } else { "]" };
            let children: Vec<usize> = outline.children(i).collect();
            let hovered = props.hovered.as_deref();
            html! {
                <div class="node">
                    { row }
                    if !children.is_empty() {
                        <div class="children">
                            { for children.into_iter().map(|c| {
                                let p = subtree(ctx, c, &props.marks, hovered, props.menu);
                                html! { <EventNode key={c} ..p /> }
                            }) }
                        </div>
                        <div class="row"><span class="punct">{ close }</span></div>
                    }
                </div>
            }
        }
        _ => {
            let menu = (props.menu == Some(i)).then(|| {
                let a = &ctx.latest.0;
                let keys = outline.segments(i).into_iter().map(str::to_string).collect();
                let named = a.named_paths.iter().any(|p| Some(p) == n.path.as_ref());
                let value_json = a.event.get(n.span.range()).unwrap_or_default().to_string();
                html! {
                    <FieldMenu key="menu" target={MenuTarget { keys, value_json, named }} on_choose={ctx.on_compose.clone()} on_close={ctx.close_menu.clone()} on_dismiss={ctx.dismiss_menu.clone()} />
                }
            });
            // Keyed parts: opening the menu never replaces the row (Yew
            // matches unkeyed siblings from the end).
            html! { <div class="item">{ row }{ for menu }</div> }
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
    let menu_ref = use_mut_ref(|| None::<usize>);
    *menu_ref.borrow_mut() = *menu;
    // A new analysis renumbers the outline: close the menu.
    {
        let menu = menu.clone();
        use_effect_with(props.analysis.clone(), move |_| menu.set(None));
    }
    // Stable across renders (rows compare their props).
    let open_menu = {
        let menu = menu.setter();
        let current = menu_ref.clone();
        use_callback((), move |i: usize, _| {
            let next = if *current.borrow() == Some(i) {
                None
            } else {
                Some(i)
            };
            *current.borrow_mut() = next;
            menu.set(next)
        })
    };
    // Closing gives the focus back to the value the menu was for, once the
    // menu is gone from the page.
    let close_menu = {
        let menu = menu.setter();
        let current = menu_ref.clone();
        use_callback((), move |_: (), _| {
            if let Some(i) = current.borrow_mut().take() {
                gloo::timers::callback::Timeout::new(0, move || {
                    crate::dom::focus_selector(&format!(".tree [data-value=\"{i}\"]"));
                })
                .forget();
            }
            menu.set(None)
        })
    };
    let dismiss_menu = {
        let menu = menu.setter();
        let current = menu_ref.clone();
        use_callback((), move |_: (), _| {
            current.borrow_mut().take();
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
            let ctx = TreeCtx {
                outline: SharedOutline(o.clone()),
                latest: Latest(a.clone()),
                on_hover: props.on_hover.clone(),
                open_menu,
                close_menu,
                dismiss_menu,
                on_compose: props.on_compose.clone(),
            };
            let all = tree_marks(a, o);
            let whole = SubtreeMarks::new(&all, 0, usize::MAX);
            let root = subtree(&ctx, 0, &whole, props.hovered.as_deref(), *menu);
            html! { <EventNode ..root /> }
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
        let from_inside = crate::dom::related_within(&e, e.target());
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
            <div class="missing-slot">
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
            </div>
        </section>
    }
}
