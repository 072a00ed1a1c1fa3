//! The matrix: events as rows, rules as columns, a page of rows at a time
//! (10,000 rows would be a million cells), with the two filters people ask
//! for: rules that never fire, events no rule catches. A cell opens its pair
//! in the single view.

use crate::app::{target_element, Done};
use crate::batch::describe;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Rows on one page.
const PAGE_ROWS: usize = 50;

/// Which rows and columns are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Filters {
    /// Only the rules that matched no event.
    pub never_fire: bool,
    /// Only the events no rule matched.
    pub uncaught: bool,
}

/// The matrix's properties.
#[derive(Properties)]
pub struct MatrixProps {
    /// What to show.
    pub done: Rc<Done>,
    /// The filters.
    pub filters: Filters,
    /// A filter changed.
    pub on_filters: Callback<Filters>,
    /// A cell was chosen: (event index, rule index).
    pub on_open: Callback<(usize, usize)>,
}

// Redrawn only when the matrix or the filters change (the callbacks are made
// afresh on every draw of the page, and a page of cells is costly to diff).
impl PartialEq for MatrixProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.done, &other.done) && self.filters == other.filters
    }
}

/// See the module documentation.
#[function_component]
pub fn Matrix(props: &MatrixProps) -> Html {
    let page = use_state(|| 0usize);
    {
        let page = page.clone();
        use_effect_with(
            (Rc::as_ptr(&props.done) as usize, props.filters),
            move |_| {
                page.set(0);
            },
        );
    }
    let d = &props.done;
    let names = &d.rules.names;
    let columns: Vec<usize> = (0..names.len())
        .filter(|&r| !props.filters.never_fire || d.summary.per_rule[r] == 0)
        .collect();
    let rows: Vec<usize> = (0..d.rows.len())
        .filter(|&i| {
            !props.filters.uncaught || d.rows[i].matched.as_ref().is_ok_and(|m| m.is_empty())
        })
        .collect();
    let pages = rows.len().div_ceil(PAGE_ROWS).max(1);
    let current = (*page).min(pages - 1);
    let shown =
        &rows[(current * PAGE_ROWS).min(rows.len())..((current + 1) * PAGE_ROWS).min(rows.len())];

    let toggle = |never_fire: bool| {
        let (filters, on_filters) = (props.filters, props.on_filters.clone());
        Callback::from(move |e: Event| {
            let checked = e.target_unchecked_into::<HtmlInputElement>().checked();
            let mut f = filters;
            if never_fire {
                f.never_fire = checked;
            } else {
                f.uncaught = checked;
            }
            on_filters.emit(f);
        })
    };
    let onclick = {
        let (on_open, names) = (props.on_open.clone(), names.clone());
        Callback::from(move |e: MouseEvent| {
            let Some(cell) =
                target_element(&e).and_then(|t| t.closest("td[data-rule]").ok().flatten())
            else {
                return;
            };
            let event = cell
                .get_attribute("data-event")
                .and_then(|v| v.parse::<usize>().ok());
            let rule = cell
                .get_attribute("data-rule")
                .and_then(|n| names.iter().position(|x| *x == n));
            if let (Some(event), Some(rule)) = (event, rule) {
                on_open.emit((event, rule));
            }
        })
    };
    let go = |to: usize| {
        let page = page.clone();
        Callback::from(move |_: MouseEvent| page.set(to))
    };
    let range = match (shown.first(), shown.last()) {
        (Some(a), Some(b)) => format!(
            "Events #{a}–#{b}, {} of {}",
            crate::app::count(shown.len(), "row", "rows"),
            crate::app::count(rows.len(), "event", "events")
        ),
        _ => String::new(),
    };
    // Arrow keys move between cells; the grid is one Tab stop.
    let onkeydown = Callback::from(|e: KeyboardEvent| {
        let step = match e.key().as_str() {
            "ArrowRight" => (0, 1),
            "ArrowLeft" => (0, -1),
            "ArrowDown" => (1, 0),
            "ArrowUp" => (-1, 0),
            _ => return,
        };
        if let Some(next) = neighbour(&e, step) {
            e.prevent_default();
            let _ = next.focus();
        }
    });
    html! {
        <>
            <div class="matrix-tools">
                <label><input type="checkbox" data-testid="filter-never-fire" checked={props.filters.never_fire} onchange={toggle(true)} />
                    { format!(" Only rules that never fire ({})", d.summary.never_fire) }</label>
                <label><input type="checkbox" data-testid="filter-uncaught" checked={props.filters.uncaught} onchange={toggle(false)} />
                    { format!(" Only events no rule catches ({})", d.summary.uncaught) }</label>
            </div>
            if names.is_empty() {
                <p>{ "No valid rules to match: see the rules' status above." }</p>
            } else if d.rows.is_empty() {
                <p>{ "No events to match yet." }</p>
            } else if columns.is_empty() {
                <p data-testid="matrix-empty">{ "Every rule fires for at least one event." }</p>
            } else if rows.is_empty() {
                <p data-testid="matrix-empty">{ "Every event is caught by at least one rule." }</p>
            } else {
                <div class="matrix-scroll">
                    <table class="matrix" data-testid="matrix" {onclick} {onkeydown}>
                        <caption class="sr-only">{ "Events as rows, rules as columns; a marked cell is a match. Choose a cell to see that pair explained." }</caption>
                        <thead>
                            <tr>
                                <th scope="col">{ "Event" }</th>
                                <th scope="col" class="count">{ "Rules" }</th>
                                { for columns.iter().map(|&r| html! {
                                    <th scope="col" class="rule" title={names[r].clone()}>
                                        <span class="rule-name">{ short_name(&names[r]) }</span>
                                        <span class="count">{ d.summary.per_rule[r] }</span>
                                    </th>
                                }) }
                            </tr>
                        </thead>
                        <tbody>
                            { for shown.iter().enumerate().map(|(n, &i)| row(d, i, &columns, n == 0)) }
                        </tbody>
                    </table>
                </div>
                <div class="pager">
                    <button type="button" data-testid="matrix-prev" disabled={current == 0} onclick={go(current.saturating_sub(1))}>{ "← Previous" }</button>
                    <span data-testid="matrix-range">{ range }</span>
                    <button type="button" data-testid="matrix-next" disabled={current + 1 >= pages} onclick={go(current + 1)}>{ "Next →" }</button>
                </div>
            }
        </>
    }
}

/// A column's heading: the part of a long name that tells rules apart (a
/// logical id after its stack or function, a Terraform resource's name).
fn short_name(name: &str) -> &str {
    let tail = name.rsplit('/').next().unwrap_or(name);
    if tail.chars().count() > 18 {
        tail.rsplit('.')
            .next()
            .filter(|t| !t.is_empty())
            .unwrap_or(tail)
    } else {
        tail
    }
}

/// The cell's button `step` rows and columns away from the focused one.
fn neighbour(e: &KeyboardEvent, (rows, cols): (i32, i32)) -> Option<web_sys::HtmlElement> {
    use wasm_bindgen::JsCast;
    let cell = e
        .target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest("td[data-rule]")
        .ok()??;
    let tr = cell.parent_element()?;
    let index = (0..tr.children().length())
        .find(|&k| tr.children().item(k).as_ref() == Some(&cell))? as i32;
    let target_row = match rows {
        1 => tr.next_element_sibling()?,
        -1 => tr.previous_element_sibling()?,
        _ => tr,
    };
    let target = target_row
        .children()
        .item(u32::try_from(index + cols).ok()?)?;
    if !target.has_attribute("data-rule") {
        return None;
    }
    target.query_selector("button").ok()??.dyn_into().ok()
}

fn row(d: &Done, i: usize, columns: &[usize], first_row: bool) -> Html {
    let r = &d.rows[i];
    let label = describe(&r.event);
    let head = html! {
        <th scope="row" class="event" title={format!("line {}", r.line)}>
            <span class="index">{ format!("#{i}") }</span>{ " " }<span class="label">{ label }</span>
        </th>
    };
    match &r.matched {
        Err(message) => html! {
            <tr class="unreadable">{ head }<td class="count">{ "–" }</td>
                <td colspan={columns.len().to_string()}>{ format!("Not an event: {message}") }</td></tr>
        },
        Ok(m) => html! {
            <tr>
                { head }
                <td class="count">{ m.len() }</td>
                { for columns.iter().enumerate().map(|(k, &c)| {
                    let hit = m.binary_search(&(c as u32)).is_ok();
                    // One Tab stop for the grid: its first cell; arrows do the rest.
                    let tab = if first_row && k == 0 { "0" } else { "-1" };
                    let name = &d.rules.names[c];
                    html! {
                        <td data-event={i.to_string()} data-rule={name.clone()}
                            data-state={if hit { "matched" } else { "unmatched" }}
                            class={if hit { "cell matched" } else { "cell" }}>
                            <button type="button" tabindex={tab} aria-label={format!("Event #{i} × {name}: {}. Explain.", if hit { "matches" } else { "does not match" })}>
                                { if hit { "●" } else { "" } }
                            </button>
                        </td>
                    }
                }) }
            </tr>
        },
    }
}
