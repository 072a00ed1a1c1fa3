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

/// Waits until `cond` holds (polling; a debug build of the engine is slow),
/// failing with `what` after five seconds.
async fn wait_until(what: &str, cond: impl Fn() -> bool) {
    for _ in 0..500 {
        if cond() {
            return;
        }
        yew::platform::time::sleep(Duration::from_millis(10)).await;
    }
    // What the editors hold says most about a wait that failed.
    panic!(
        "timed out waiting for {what}; the pattern editors hold {:?}",
        document()
            .query_selector_all("[data-testid='pattern-input']")
            .map(|l| (0..l.length())
                .filter_map(|i| l.item(i))
                .filter_map(|n| n.dyn_into::<HtmlTextAreaElement>().ok())
                .map(|t| t.value().chars().take(60).collect::<String>())
                .collect::<Vec<_>>())
            .unwrap_or_default()
    );
}

/// The text of the element with this test id inside `root` (tests may run
/// side by side, each with its own app).
fn text(root: &web_sys::Element, testid: &str) -> String {
    root.query_selector(&format!("[data-testid='{testid}']"))
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
    let mounted = root.clone();
    wait_until("the first verdict", move || {
        text(&mounted, "verdict") == "MATCH"
    })
    .await;
    root
}

#[wasm_bindgen_test]
async fn renders_match_for_the_default_template_and_reacts_to_edits() {
    let root = mount().await;
    assert_eq!(text(&root, "verdict"), "MATCH");
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
    wait_until("INVALID", || text(&root, "verdict") == "INVALID").await;
    assert!(
        text(&root, "error").contains("prefix match pattern must be a string"),
        "{}",
        text(&root, "error")
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn template_picker_loads_each_starter() {
    let root = mount().await;
    // The same element all along: a redraw that replaced the picker would
    // drop its focus (and this reference).
    let select: HtmlSelectElement = root
        .query_selector("[data-testid='template-picker']")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    for id in ["s3-create-bucket", "lambda-esm", "ec2-state-change"] {
        assert!(select.is_connected(), "the picker was replaced");
        select.set_value(id);
        select
            .dispatch_event(&Event::new("change").unwrap())
            .unwrap();
        let pattern: HtmlTextAreaElement = root
            .query_selector("[data-testid='pattern-input']")
            .unwrap()
            .unwrap()
            .dyn_into()
            .unwrap();
        let expected = eventpattern_web::templates::find(id)
            .unwrap()
            .texts
            .unwrap()
            .1;
        let what = format!("{id} (select {})", select.value());
        wait_until(&what, || pattern.value() == expected).await;
        wait_until("MATCH", || text(&root, "verdict") == "MATCH").await;
        wait_until("the picker", || select.value() == id).await;
    }
    root.remove();
}

#[wasm_bindgen_test]
async fn share_links_through_the_browsers_compression_streams() {
    use eventpattern_web::boot::{decode_link, encode_link};
    use eventpattern_web::share::{self, MAX_STATE_BYTES};
    use eventpattern_web::state::{Action, State};
    use std::rc::Rc;
    use yew::Reducible;
    let (event, pattern) = eventpattern_web::templates::find("lambda-esm")
        .unwrap()
        .texts
        .unwrap();
    let s = Rc::new(State::initial(None, None)).reduce(Action::LoadTemplate(share::Shared {
        event: event.into(),
        pattern: pattern.into(),
        template: "lambda-esm".into(),
    }));
    assert!(s.pattern.contains("UpdateEventSourceMapping"));
    let link = encode_link(&s.shared()).await.unwrap();
    let back = decode_link(&format!("#{link}")).await.unwrap();
    assert_eq!(back, s.shared());
    assert!(decode_link("#v1.%%").await.is_err());
    assert!(decode_link("#v1.AAAA").await.is_err());
    // A bomb: 20 MB of zeros deflates to a few KB and must be refused, not expanded.
    let bomb = eventpattern_web::compress::deflate(&vec![0u8; MAX_STATE_BYTES + (4 << 20)])
        .await
        .unwrap();
    assert!(bomb.len() < 100_000);
    let err = decode_link(&share::link_from_compressed(&bomb))
        .await
        .unwrap_err();
    assert!(err.contains("too large"), "{err}");
}
