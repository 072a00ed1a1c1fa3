//! The EventBridge pattern playground: a Yew app that calls the `eventpattern`
//! engine directly. It only holds state and draws; every verdict, error and
//! explanation comes from the engine.

pub mod analysis;
pub mod app;
pub mod boot;
pub mod components;
pub mod compress;
pub mod dom;
pub mod hooks;
pub mod reference;
pub mod share;
pub mod state;
pub mod templates;
pub mod text;

/// Starts the app in `<main id="app">` (or `<body>`).
/// Off when another page (the batch view) links these modules into its own bundle.
#[cfg(all(target_arch = "wasm32", feature = "app"))]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn start() {
    wasm_bindgen_futures::spawn_local(async {
        let props = app::AppProps {
            boot: Some(std::rc::Rc::new(boot::Boot::load().await)),
        };
        let root = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("app"));
        match root {
            Some(el) => yew::Renderer::<app::App>::with_root_and_props(el, props).render(),
            None => yew::Renderer::<app::App>::with_props(props).render(),
        };
    });
}
