//! The playground's second page: many rules (a list of patterns, a
//! CloudFormation/SAM/CDK template, Terraform) against many events (JSON
//! Lines, an array, CloudTrail logs), as a matrix. Its own bundle, loaded only
//! when the page is opened, so the single view's download does not grow.

pub mod batch;
pub mod link;
pub mod sample;

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
mod matrix;

/// Starts the page in `<div id="app">`.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn start() {
    wasm_bindgen_futures::spawn_local(async {
        let start = std::rc::Rc::new(app::Start::load().await);
        let root = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("app"));
        let props = app::BatchProps { start };
        match root {
            Some(el) => yew::Renderer::<app::BatchPage>::with_root_and_props(el, props).render(),
            None => yew::Renderer::<app::BatchPage>::with_props(props).render(),
        };
    });
}
