//! The few browser services the page uses, each failing softly: a page with
//! storage or clipboard blocked still works, it just cannot save or copy.

use wasm_bindgen::JsCast;

/// The `localStorage` key of the autosaved state.
pub const STORAGE_KEY: &str = "eventpattern-playground.v1";

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// The URL fragment (with `#`), if any.
pub fn fragment() -> Option<String> {
    window()?.location().hash().ok().filter(|h| h.len() > 1)
}

/// The autosaved state, if any.
pub fn load_saved() -> Option<String> {
    load_key(STORAGE_KEY)
}

/// Saves the state; `false` when storage is unavailable or full.
pub fn save(data: &str) -> bool {
    save_key(STORAGE_KEY, data)
}

/// What `localStorage` holds under `key` (the batch page keeps its own).
pub fn load_key(key: &str) -> Option<String> {
    window()?.local_storage().ok()??.get_item(key).ok()?
}

/// Stores `data` under `key`; `false` when storage is unavailable or full.
pub fn save_key(key: &str, data: &str) -> bool {
    window()
        .and_then(|w| w.local_storage().ok().flatten())
        .is_some_and(|s| s.set_item(key, data).is_ok())
}

/// Where this tab keeps work it may not save over another tab's (the tab's
/// session storage survives its reloads, and no other tab sees it).
const HELD_KEY: &str = "eventpattern-playground.v1.held";

fn session() -> Option<web_sys::Storage> {
    window()?.session_storage().ok()?
}

/// This tab's work held back while another tab's save waits for a choice.
pub fn load_held() -> Option<String> {
    session()?.get_item(HELD_KEY).ok()?
}

/// Holds this tab's work (see [`load_held`]).
pub fn hold(data: &str) {
    if let Some(s) = session() {
        let _ = s.set_item(HELD_KEY, data);
    }
}

/// Drops held work once it is saved or given up.
pub fn release_held() {
    if let Some(s) = session() {
        let _ = s.remove_item(HELD_KEY);
    }
}

/// The text of a file beside the page.
pub async fn fetch_text(url: &str) -> Result<String, String> {
    use wasm_bindgen_futures::JsFuture;
    let response = JsFuture::from(window().ok_or("no window")?.fetch_with_str(url))
        .await
        .ok()
        .and_then(|r| r.dyn_into::<web_sys::Response>().ok())
        .filter(web_sys::Response::ok);
    let text = match response.and_then(|r| r.text().ok()) {
        Some(t) => JsFuture::from(t).await.ok().and_then(|t| t.as_string()),
        None => None,
    };
    text.ok_or_else(|| format!("{url} could not be read"))
}

/// Milliseconds since page load.
pub fn now_ms() -> f64 {
    window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

/// Replaces the fragment without reloading or adding a history entry; returns the full URL.
pub fn set_fragment(fragment: &str) -> Option<String> {
    let w = window()?;
    let loc = w.location();
    let base = format!(
        "{}{}{}",
        loc.origin().ok()?,
        loc.pathname().ok()?,
        loc.search().ok()?
    );
    let url = format!("{base}#{fragment}");
    w.history()
        .ok()?
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
        .ok()?;
    Some(url)
}

/// Removes the fragment from the address (no reload, no history entry).
pub fn clear_fragment() {
    if fragment().is_some() {
        let _ = set_fragment("").and_then(|url| {
            let w = window()?;
            let bare = url.trim_end_matches('#').to_string();
            w.history()
                .ok()?
                .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&bare))
                .ok()
        });
    }
}

/// Asks the browser to copy `text` (the outcome is not awaited); `false`
/// where there is no clipboard (pages not served over https or localhost).
pub fn copy(text: &str) -> bool {
    let Some(promise) = write_clipboard(text) else {
        return false;
    };
    // A refusal must not surface as an uncaught error.
    wasm_bindgen_futures::spawn_local(async move {
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    });
    true
}

/// Copies `text`; `true` once the browser says it did.
pub async fn copy_text(text: &str) -> bool {
    match write_clipboard(text) {
        Some(p) => wasm_bindgen_futures::JsFuture::from(p).await.is_ok(),
        None => false,
    }
}

fn write_clipboard(text: &str) -> Option<js_sys::Promise> {
    let navigator = window()?.navigator();
    let present = js_sys::Reflect::get(&navigator, &"clipboard".into()).ok()?;
    (!present.is_undefined()).then(|| navigator.clipboard().write_text(text))
}

/// The textarea with this id, if there is one.
fn textarea(id: &str) -> Option<web_sys::HtmlTextAreaElement> {
    window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
}

/// Selects UTF-16 range `start..end` of the textarea with this id and focuses it.
pub fn select_in_textarea(id: &str, start: u32, end: u32) {
    let Some(el) = textarea(id) else {
        return;
    };
    let _ = el.focus();
    let _ = el.set_selection_range(start, end.max(start + 1));
    scroll_to(&el, start);
}

/// The editors' line height and padding in pixels, and a monospace
/// character's width as a share of the font size (web/style.css: 13px,
/// line-height 1.45, padding .5rem).
const LINE_PX: f64 = 13.0 * 1.45;
const PAD_PX: f64 = 8.0;
const CHAR_PX: f64 = 13.0 * 0.6;

/// Scrolls a textarea so the UTF-16 offset `at` is in view (the browser
/// does not scroll to a selection set while the element has the focus).
fn scroll_to(el: &web_sys::HtmlTextAreaElement, at: u32) {
    let text = el.value();
    let (mut line, mut column, mut units) = (0u32, 0u32, 0u32);
    for c in text.chars() {
        if units >= at {
            break;
        }
        units += c.len_utf16() as u32;
        if c == '\n' {
            line += 1;
            column = 0;
        } else {
            column += 1;
        }
    }
    let top = PAD_PX + f64::from(line) * LINE_PX;
    let (height, width) = (f64::from(el.client_height()), f64::from(el.client_width()));
    let scroll_top = f64::from(el.scroll_top());
    if top < scroll_top || top + LINE_PX > scroll_top + height {
        el.set_scroll_top((top - height / 3.0).max(0.0) as i32);
    }
    let left = PAD_PX + f64::from(column) * CHAR_PX;
    let scroll_left = f64::from(el.scroll_left());
    if left < scroll_left || left + CHAR_PX > scroll_left + width {
        el.set_scroll_left((left - width / 3.0).max(0.0) as i32);
    }
}

/// Inserts `text` at the focused editor's selection with the browser's
/// editing command, which keeps the browser's undo history and fires the
/// `input` event; `false` where the command is unavailable.
pub fn insert_text(text: &str) -> bool {
    window()
        .and_then(|w| w.document())
        .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
        .and_then(|d| {
            d.exec_command_with_show_ui_and_value("insertText", false, text)
                .ok()
        })
        .unwrap_or(false)
}

/// Focuses the textarea with this id and inserts `text` at its caret (the
/// selection it kept while unfocused), as typing would.
pub fn insert_into(id: &str, text: &str) {
    let Some(el) = textarea(id) else {
        return;
    };
    let _ = el.focus();
    if !insert_text(text) {
        let start = el.selection_start().ok().flatten().unwrap_or(0);
        let end = el.selection_end().ok().flatten().unwrap_or(start);
        if el
            .set_range_text_with_start_and_end(text, start, end)
            .is_ok()
        {
            let at = start + text.encode_utf16().count() as u32;
            let _ = el.set_selection_range(at, at);
            if let Ok(e) = web_sys::InputEvent::new("input") {
                let _ = el.dispatch_event(&e);
            }
        }
    }
}

/// Focuses the element with this id; `false` if there is none.
pub fn focus(id: &str) -> bool {
    window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        .is_some_and(|e| e.focus().is_ok())
}

/// The id of the focused element ("" for none).
pub fn focused_id() -> String {
    window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .map(|e| e.id())
        .unwrap_or_default()
}

/// Whether the focus is in a field that takes text (where `?` is typed, not a shortcut).
pub fn typing_in_field() -> bool {
    window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .is_some_and(|e| matches!(e.tag_name().as_str(), "TEXTAREA" | "INPUT" | "SELECT"))
}

/// Focuses the first element matching `selector`.
pub fn focus_selector(selector: &str) {
    if let Some(e) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(selector).ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = e.focus();
    }
}

/// Moves the focus to the next (or previous) item of the menu the key event came from.
pub fn move_focus_in_menu(e: &web_sys::KeyboardEvent, forward: bool) {
    let Some(menu) = e
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    let Ok(items) = menu.query_selector_all("[role=menuitem]") else {
        return;
    };
    let items: Vec<web_sys::HtmlElement> = (0..items.length())
        .filter_map(|i| items.item(i)?.dyn_into().ok())
        .collect();
    let active = window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element());
    let at = items.iter().position(|i| {
        active
            .as_ref()
            .is_some_and(|a| a == i.unchecked_ref::<web_sys::Element>())
    });
    let next = match at {
        Some(i) if forward => (i + 1) % items.len(),
        Some(i) => (i + items.len() - 1) % items.len(),
        None => 0,
    };
    if let Some(item) = items.get(next) {
        let _ = item.focus();
    }
}

/// The text before the selection and after it, in the textarea with this id.
pub fn text_around_caret(id: &str) -> (String, String) {
    let Some(el) = textarea(id) else {
        return (String::new(), String::new());
    };
    let value = el.value();
    let units: Vec<u16> = value.encode_utf16().collect();
    let start = el.selection_start().ok().flatten().unwrap_or(0) as usize;
    let end = el.selection_end().ok().flatten().unwrap_or(0) as usize;
    let (start, end) = (
        start.min(units.len()),
        end.min(units.len()).max(start.min(units.len())),
    );
    (
        String::from_utf16_lossy(&units[..start]),
        String::from_utf16_lossy(&units[end..]),
    )
}

/// Whether the element a focus event's focus comes from (or goes to) lies
/// inside `container`: focus moving within a menu or a tree, not leaving it.
pub fn related_within(e: &web_sys::FocusEvent, container: Option<web_sys::EventTarget>) -> bool {
    e.related_target()
        .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
        .zip(container.and_then(|t| t.dyn_into::<web_sys::Node>().ok()))
        .is_some_and(|(other, container)| container.contains(Some(&other)))
}
