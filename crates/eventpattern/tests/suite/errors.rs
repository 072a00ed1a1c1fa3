//! Errors beyond the data-driven positions of `error_positions`: limits,
//! event errors, trailing text, and linear time on hostile input.

use eventpattern::{ErrorKind, Pattern};

#[test]
fn limits() {
    let long = format!("{{\"a\": [\"{}\"]}}", "x".repeat(5000));
    assert_eq!(Pattern::parse(&long).unwrap_err().kind, ErrorKind::TooLong);
    // Nesting is bounded only by the length limit (AWS's engine accepts it).
    let deep = format!("{}[1]{}", "{\"a\":".repeat(200), "}".repeat(200));
    assert!(Pattern::parse(&deep).is_ok());
    let deeper = format!("{}[1]{}", "{\"a\":".repeat(800), "}".repeat(800));
    assert_eq!(
        Pattern::parse(&deeper).unwrap_err().kind,
        ErrorKind::TooLong
    );
    let branches: Vec<String> = (0..40).map(|i| format!("{{\"a{i}\": [\"x\"]}}")).collect();
    let or = format!(
        "{{\"$or\": [{0}], \"b\": {{\"$or\": [{0}]}}}}",
        branches.join(",")
    );
    assert_eq!(
        Pattern::parse(&or).unwrap_err().kind,
        ErrorKind::TooManyCombinations
    );
}

#[test]
fn pathological_wildcard_input_is_linear() {
    let p = Pattern::parse(r#"{"k": [{"wildcard": "*aa*b"}]}"#).unwrap();
    let ev = format!("{{\"k\": \"{}\"}}", "a".repeat(1_000_000));
    assert!(!p.matches(&ev).unwrap());
}

#[test]
fn malformed_json_in_a_skipped_subtree_is_still_an_error() {
    let p = Pattern::parse(r#"{"source": ["x"]}"#).unwrap();
    let ev = r#"{"source": "x", "detail": {"a": [1 2]}}"#;
    let e = p.matches(ev).unwrap_err();
    assert_eq!(
        e.message,
        "Unexpected character ('2' (code 50)): was expecting comma to separate Array entries"
    );
    assert_eq!(&ev[e.span.range()], "2");
    assert_eq!(p.explain(ev).unwrap_err(), e);
}

#[test]
fn trailing_text_is_accepted_and_reported() {
    let text = "{\"a\": [\"b\"]} junk\n";
    let p = Pattern::parse(text).unwrap();
    let span = p.tree().trailing.unwrap();
    assert_eq!(&text[span.range()], "junk");
    assert!(Pattern::parse("{\"a\": [\"b\"]}\n")
        .unwrap()
        .tree()
        .trailing
        .is_none());
}
