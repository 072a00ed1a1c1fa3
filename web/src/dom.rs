//! The few browser services the page uses, each failing softly: a page with
//! storage or clipboard blocked still works, it just cannot save or copy.

use wasm_bindgen::JsCast;

const STORAGE_KEY: &str = "eventpattern-playground.v1";

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// The URL fragment (with `#`), if any.
pub fn fragment() -> Option<String> {
    window()?.location().hash().ok().filter(|h| h.len() > 1)
}

/// The autosaved state, if any.
pub fn load_saved() -> Option<String> {
    window()?
        .local_storage()
        .ok()??
        .get_item(STORAGE_KEY)
        .ok()?
}

/// Saves the state; `false` when storage is unavailable or full.
pub fn save(data: &str) -> bool {
    window()
        .and_then(|w| w.local_storage().ok().flatten())
        .is_some_and(|s| s.set_item(STORAGE_KEY, data).is_ok())
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

/// Asks the browser to copy `text` (the promise's outcome is not awaited).
pub fn copy(text: &str) -> bool {
    window().is_some_and(|w| {
        let _ = w.navigator().clipboard().write_text(text);
        true
    })
}

/// Selects UTF-16 range `start..end` of the textarea with this id and focuses it.
pub fn select_in_textarea(id: &str, start: u32, end: u32) {
    let Some(el) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
    else {
        return;
    };
    let _ = el.focus();
    let _ = el.set_selection_range(start, end.max(start + 1));
}
