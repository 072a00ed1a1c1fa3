//! A JSON editor: a monospace textarea with line numbers, Tab inserting two
//! spaces (Esc, then Tab, leaves the editor), a Format button, and the error
//! marked on its line with the message and its position.
//!
//! The textarea is uncontrolled: what the user types stays in the DOM and is
//! reported up; the text from the props is written into it only when the
//! state's revision for this editor moves (a template, a fix, Format). A
//! controlled textarea would be rewritten by every render that lags behind
//! fast typing, losing keystrokes and the caret. Every element around the
//! textarea is always rendered, so Yew never replaces it and focus stays.

use crate::analysis::{Problem, Side};
use crate::components::explanation::inline_code;
use crate::dom;
use crate::text::Text;
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
    /// The text (an `Rc`, compared by pointer first: a 1 MB event is not
    /// compared byte by byte on every redraw).
    pub value: Text,
    /// Moves when `value` changed from outside the editor; only then is it written in.
    pub rev: u32,
    /// Whether that outside change takes the focus and selects what changed.
    #[prop_or_default]
    pub focus_change: bool,
    /// What to select then (bytes of `value`), instead of the whole change.
    #[prop_or_default]
    pub select: Option<(usize, usize)>,
    /// The outside change is a Format: written in through the editing
    /// command (undoable) with the focus, the caret kept in place.
    #[prop_or_default]
    pub formatted: bool,
    /// Shown in the error area when there is no error (e.g. "Valid pattern").
    #[prop_or_default]
    pub ok_text: Option<AttrValue>,
    /// Applies a quick fix: the whole fixed text.
    #[prop_or_default]
    pub on_fix: Callback<String>,
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
    let area = use_node_ref();
    {
        let area = area.clone();
        let focus = props.focus_change;
        let select = props.select;
        let value = props.value.clone();
        let undoable = props.formatted;
        use_effect_with(props.rev, move |_| {
            if let Some(el) = area.cast::<HtmlTextAreaElement>() {
                write_outside_change(&el, &value, focus, select, undoable);
            }
        });
    }
    // Counted again only when the text changes.
    let lines = *use_memo(props.value.clone(), |v| {
        v.bytes().filter(|&b| b == b'\n').count() + 1
    });
    let error_line = props.problem.as_ref().map(|p| p.line as usize);
    let numbers = use_memo(
        (lines, error_line, props.highlight_line),
        |&(lines, error, linked)| gutter_numbers(lines, error, linked.map(|l| l as usize)),
    );

    let oninput = {
        let cb = props.on_input.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            cb.emit(area.value());
        })
    };
    let onkeydown = {
        let id = props.id.clone();
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
            // As typed: the input event reports the new text.
            dom::insert_into(&id, "  ");
        })
    };
    let onscroll = {
        let (gutter, backdrop) = (gutter.clone(), backdrop.clone());
        Callback::from(move |e: Event| {
            sync_scroll(&e.target_unchecked_into(), &gutter, &backdrop);
        })
    };
    // Also when the mark changes: one drawn while the text is scrolled (the
    // layer was empty, so it could not scroll) must line up at once. (Not
    // after every redraw: reading the scroll position forces a layout.)
    {
        let (area, gutter, backdrop) = (area.clone(), gutter.clone(), backdrop.clone());
        let mark = props.problem.as_ref().map(|p| p.byte_range);
        use_effect_with(mark, move |_| {
            if let Some(el) = area.cast::<HtmlTextAreaElement>() {
                sync_scroll(&el, &gutter, &backdrop);
            }
        });
    }
    // The error's span, marked in a layer behind the (transparent) textarea.
    // The layer is always there (empty without an error) so the textarea
    // keeps its place among its siblings.
    let marked = props.problem.as_ref().map(|p| {
        let text: &str = &props.value;
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
            <>{ &text[..start] }<mark data-testid={format!("{}-mark", props.testid)}>{ mark }</mark>{ &text[end..] }{ "\n\n\n" }</>
        }
    });
    let format = {
        let cb = props.on_format.clone();
        Callback::from(move |_| cb.emit(()))
    };
    // One error display, under the text it is about: the plain sentence
    // first, then the exact reason (AWS's, for a pattern) to copy or search.
    let problem = props.problem.as_ref().map(|p| {
        let (start, end) = p.utf16_range;
        let id = props.id.clone();
        let show = Callback::from(move |_| dom::select_in_textarea(&id, start, end));
        let source = match p.side {
            Side::Pattern => "AWS's reason",
            Side::Event => "The JSON reader's message",
        };
        html! {
            <>
                <p class="editor-error-plain" data-testid="error-plain">
                    <span class="badge badge-failed">{ "Error" }</span>{ " " }
                    { inline_code(&p.plain) }
                </p>
                if !p.fixes.is_empty() {
                    <div class="quick-fixes" data-testid="quick-fixes">
                        { for p.fixes.iter().map(|(label, fixed)| {
                            let fixed = fixed.clone();
                            let apply = props.on_fix.reform(move |_: MouseEvent| fixed.clone());
                            html! {
                                <button type="button" class="apply-fix" onclick={apply}>{ "Fix: " }{ inline_code(label) }</button>
                            }
                        }) }
                    </div>
                }
                <p class="editor-error" data-testid="error" title={p.message.clone()}>
                    { format!("{source} (line {}, column {}", p.line, p.column) }
                    if !p.path.is_empty() {
                        { format!(", at {}", p.path) }
                    }
                    { "): " }
                    <code class="editor-error-message">{ &p.message }</code>
                    { " " }
                    <button type="button" class="link-button" onclick={show}>{ "Show in editor" }</button>
                </p>
            </>
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
                <button type="button" onclick={format} data-testid={format!("{}-format", props.testid)} title="Pretty-print the JSON (numbers and strings are kept exactly)">{ "Format" }</button>
            </div>
            // Offers about what was pasted, where the eye already is (in a
            // stable slot, so the textarea below is never replaced).
            <div class="offer-slot">{ props.children.clone() }</div>
            <div class={classes!("editor-body", props.problem.is_some().then_some("has-error"))}>
                <pre class="gutter" aria-hidden="true" ref={gutter}>{ (*numbers).clone() }</pre>
                <div class="field-wrap">
                <pre class="backdrop" aria-hidden="true" ref={backdrop}>{ for marked }</pre>
                <textarea
                    key={props.id.to_string()}
                    ref={area}
                    id={props.id.clone()}
                    data-testid={props.testid.clone()}
                    spellcheck="false"
                    autocomplete="off"
                    autocapitalize="off"
                    wrap="off"
                    aria-invalid={invalid}
                    aria-describedby={format!("{0}-help {0}-error", props.id)}
                    {oninput}
                    {onkeydown}
                    {onscroll}
                />
                </div>
            </div>
            <p class="editor-help" id={format!("{}-help", props.id)}>{ "Tab indents; press Esc then Tab to move on." }</p>
            // A fixed-height area (so the page never jumps as validity flips):
            // the error when there is one, else the editor's status.
            <div class="editor-error-slot" id={format!("{}-error", props.id)}>
                { for problem }
                if props.problem.is_none() {
                    if let Some(ok) = &props.ok_text {
                        <p class="editor-ok"><span aria-hidden="true">{ "✓ " }</span>{ ok }</p>
                    }
                }
            </div>
        </section>
    }
}

/// The line numbers as a few text runs (not one node a line: a 1 MB event
/// formatted has 60,000 lines), the error's and the pointed-at line marked.
fn gutter_numbers(lines: usize, error: Option<usize>, linked: Option<usize>) -> Html {
    let mut parts: Vec<Html> = Vec::new();
    let mut run = String::new();
    for n in 1..=lines {
        let special = if Some(n) == error {
            Some(html! { <span class="gutter-error" title="error on this line">{ n }</span> })
        } else if Some(n) == linked {
            Some(
                html! { <span class="gutter-linked" data-linked-line={n.to_string()}>{ n }</span> },
            )
        } else {
            None
        };
        match special {
            Some(span) => {
                parts.push(html! { { std::mem::take(&mut run) } });
                parts.push(span);
                run.push('\n');
            }
            None => {
                run.push_str(&n.to_string());
                run.push('\n');
            }
        }
    }
    parts.push(html! { { run } });
    parts.into_iter().collect()
}

/// Scrolls the line numbers and the mark layer with the text.
fn sync_scroll(area: &HtmlTextAreaElement, gutter: &NodeRef, backdrop: &NodeRef) {
    if let Some(g) = gutter.cast::<web_sys::HtmlElement>() {
        g.set_scroll_top(area.scroll_top());
    }
    if let Some(b) = backdrop.cast::<web_sys::HtmlElement>() {
        b.set_scroll_top(area.scroll_top());
        b.set_scroll_left(area.scroll_left());
    }
}

/// Up to this size a Format goes through the editing command (undoable);
/// past it, the browser's undo of a huge replacement costs seconds.
const UNDOABLE_FORMAT_BYTES: usize = 256 * 1024;

/// Writes text that changed outside the editor into the textarea. With
/// `focus`, the editor takes the focus and the changed part is replaced
/// through the browser's editing command (so Ctrl+Z undoes it) and selected;
/// otherwise the caret keeps its place among the non-blank characters (what
/// Format and a reload keep), and the focus stays where it is.
fn write_outside_change(
    el: &HtmlTextAreaElement,
    value: &str,
    focus: bool,
    select: Option<(usize, usize)>,
    formatted: bool,
) {
    let old = el.value();
    if old == value {
        return;
    }
    let utf16 = |s: &str, i: usize| s[..i].encode_utf16().count() as u32;
    // Replaces what changed through the browser's editing command (Ctrl+Z
    // undoes it), else sets the whole value.
    let replace = |el: &HtmlTextAreaElement| {
        let (start, old_end, new_end) = changed_range(&old, value);
        let _ = el.focus();
        let _ = el.set_selection_range(utf16(&old, start), utf16(&old, old_end));
        if !dom::insert_text(&value[start..new_end]) || el.value() != value {
            el.set_value(value);
        }
        (start, new_end)
    };
    if focus {
        let (start, new_end) = replace(el);
        let (s, e) = select
            .filter(|&(s, e)| {
                s <= e && value.is_char_boundary(s) && value.is_char_boundary(e) && e <= value.len()
            })
            .unwrap_or((start, new_end));
        let _ = el.set_selection_range(utf16(value, s), utf16(value, e));
        return;
    }
    let caret = el.selection_start().ok().flatten().unwrap_or(0) as usize;
    let solid = solid_before(&old, caret);
    if formatted && value.len() <= UNDOABLE_FORMAT_BYTES {
        replace(el);
    } else {
        el.set_value(value);
    }
    el.set_scroll_left(0);
    let at = position_after_solid(value, solid);
    let _ = el.set_selection_range(at, at);
}

/// The byte range that differs between `old` and `new`: `(start, end in old,
/// end in new)`, on character boundaries.
pub fn changed_range(old: &str, new: &str) -> (usize, usize, usize) {
    let prefix = old
        .char_indices()
        .zip(new.chars())
        .find(|((_, a), b)| a != b)
        .map(|((i, _), _)| i)
        .unwrap_or(old.len().min(new.len()));
    let prefix = (0..=prefix)
        .rev()
        .find(|&i| old.is_char_boundary(i) && new.is_char_boundary(i))
        .unwrap_or(0);
    let max_suffix = (old.len() - prefix).min(new.len() - prefix);
    let mut suffix = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(old.len() - suffix) || !new.is_char_boundary(new.len() - suffix) {
        suffix -= 1;
    }
    (prefix, old.len() - suffix, new.len() - suffix)
}

/// How many non-blank UTF-16 units come before UTF-16 offset `caret`.
fn solid_before(text: &str, caret: usize) -> usize {
    let mut units = 0;
    let mut solid = 0;
    for c in text.chars() {
        if units >= caret {
            break;
        }
        units += c.len_utf16();
        if !c.is_whitespace() {
            solid += c.len_utf16();
        }
    }
    solid
}

/// The UTF-16 offset just after `solid` non-blank units of `text`.
fn position_after_solid(text: &str, solid: usize) -> u32 {
    let mut units = 0;
    let mut seen = 0;
    for c in text.chars() {
        if seen >= solid {
            break;
        }
        units += c.len_utf16();
        if !c.is_whitespace() {
            seen += c.len_utf16();
        }
    }
    units as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changed_range_finds_the_edit() {
        assert_eq!(changed_range("abc", "abc"), (3, 3, 3));
        assert_eq!(changed_range("{\"a\": [1]}", "{\"a\": [1, 2]}"), (8, 8, 11));
        assert_eq!(changed_range("aXb", "ab"), (1, 2, 1));
        // Multi-byte characters are never split.
        assert_eq!(changed_range("é", "è"), (0, 2, 2));
        assert_eq!(changed_range("aaa", "aa"), (2, 3, 2));
    }

    #[test]
    fn caret_keeps_its_place_among_solid_characters() {
        let old = "{\"a\":[1,2]}";
        let new = "{\n  \"a\": [\n    1,\n    2\n  ]\n}\n";
        let caret = old.find('2').unwrap();
        let at = position_after_solid(new, solid_before(old, caret)) as usize;
        assert_eq!(&new[at - 1..at], ",");
        assert_eq!(new[at..].trim_start().chars().next(), Some('2'));
    }
}
