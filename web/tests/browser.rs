//! Component tests in a real browser (wasm-bindgen-test): the app renders the
//! engine's verdict, and reacts to the template picker and to edits.
#![cfg(target_arch = "wasm32")]

use eventpattern_web::app::App;
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Event, HtmlSelectElement, HtmlTextAreaElement, InputEvent};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

async fn settle() {
    yew::platform::time::sleep(Duration::from_millis(50)).await;
}

fn text(testid: &str) -> String {
    document()
        .query_selector(&format!("[data-testid='{testid}']"))
        .unwrap()
        .map(|e| e.text_content().unwrap_or_default())
        .unwrap_or_default()
}

async fn mount() -> web_sys::Element {
    let _ = web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .clear();
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<App>::with_root(root.clone()).render();
    settle().await;
    root
}

#[wasm_bindgen_test]
async fn renders_match_for_the_default_template_and_reacts_to_edits() {
    let root = mount().await;
    assert_eq!(text("verdict"), "MATCH");
    let states: Vec<String> = {
        let list = root
            .query_selector_all("[data-testid='event-view'] [data-state]")
            .unwrap();
        (0..list.length())
            .map(|i| {
                list.item(i)
                    .unwrap()
                    .dyn_into::<web_sys::Element>()
                    .unwrap()
                    .get_attribute("data-state")
                    .unwrap()
            })
            .collect()
    };
    assert_eq!(states, vec!["matched"; 3]);

    let pattern: HtmlTextAreaElement = root
        .query_selector("[data-testid='pattern-input']")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    pattern.set_value(r#"{"detail": {"state": [{"prefix": 5}]}}"#);
    pattern
        .dispatch_event(&InputEvent::new("input").unwrap())
        .unwrap();
    settle().await;
    assert_eq!(text("verdict"), "INVALID");
    assert!(
        text("error").contains("prefix match pattern must be a string"),
        "{}",
        text("error")
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn template_picker_loads_each_starter() {
    let root = mount().await;
    let select: HtmlSelectElement = root
        .query_selector("[data-testid='template-picker']")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    for id in ["s3-create-bucket", "lambda-esm", "ec2-state-change"] {
        select.set_value(id);
        select
            .dispatch_event(&Event::new("change").unwrap())
            .unwrap();
        settle().await;
        assert_eq!(text("verdict"), "MATCH", "{id}");
        let pattern: HtmlTextAreaElement = root
            .query_selector("[data-testid='pattern-input']")
            .unwrap()
            .unwrap()
            .dyn_into()
            .unwrap();
        assert_eq!(
            pattern.value(),
            eventpattern_web::templates::find(id).unwrap().pattern
        );
    }
    root.remove();
}

#[wasm_bindgen_test]
fn state_logic_and_share_links_in_wasm() {
    use eventpattern_web::share;
    use eventpattern_web::state::{Action, State};
    use std::rc::Rc;
    use yew::Reducible;
    let s = Rc::new(State::initial(None, None)).reduce(Action::LoadTemplate("lambda-esm".into()));
    assert!(s.pattern.contains("UpdateEventSourceMapping"));
    let link = share::encode(&s.shared());
    let back = State::initial(Some(&format!("#{link}")), None);
    assert_eq!(back, *s);
    let bad = State::initial(Some("#v1.%%"), None);
    assert!(bad.notice.is_some());
    assert_eq!(bad.template, "ec2-state-change");
}
