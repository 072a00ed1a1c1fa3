//! Edits made by clicking the event: valid, formatted, the rest unchanged,
//! and the new condition selected.

use super::*;
use crate::export::{export, Format};

/// The compact text of JSON `text` (same literals, no spacing).
fn compact(text: &str) -> String {
    export(text, Format::Json, None)
        .map(|e| e.text.trim_end().to_string())
        .unwrap_or_else(|_| {
            let mut r = Reader::new(text, 200);
            let mut out = String::new();
            let mut prev_key = false;
            while let Ok(t) = r.next_token() {
                if t.kind == TokenKind::End {
                    break;
                }
                let open = out.ends_with('{') || out.ends_with('[') || out.is_empty();
                let close = matches!(t.kind, TokenKind::EndObject | TokenKind::EndArray);
                if !open && !close && !prev_key {
                    out.push(',');
                }
                out.push_str(r.slice(t.span));
                prev_key = t.kind == TokenKind::Key;
                if prev_key {
                    out.push(':');
                }
            }
            out
        })
}

fn edit(pattern: &str, path: &[&str], cond: &str, placement: Placement) -> Edit {
    let e = add_condition(pattern, path, cond, placement)
        .unwrap_or_else(|err| panic!("{pattern} + {path:?} {cond}: {err}"));
    Pattern::parse(&e.text).unwrap_or_else(|err| panic!("{}: {err:?}", e.text));
    assert_eq!(crate::json::format(&e.text).unwrap(), e.text, "formatted");
    assert_eq!(
        compact(&e.text[e.selection.range()]),
        compact(cond),
        "{}",
        e.text
    );
    e
}

#[test]
fn starts_from_nothing() {
    for start in ["", "  ", "{}", "{ \n }"] {
        let e = edit(start, &["detail", "state"], "\"stopped\"", Placement::Add);
        assert_eq!(compact(&e.text), r#"{"detail":{"state":["stopped"]}}"#);
    }
    // A key that equals the value: the selection is the value, not the key.
    let e = edit("{}", &["detail"], "\"detail\"", Placement::Add);
    assert_eq!(&e.text[e.selection.range()], "\"detail\"");
    assert!(e.selection.start > 10);
}

const BASE: &str = r#"{"source": ["aws.ec2"],
 "detail": {"n": [1e2, -0], "s": ["x\u0041"]}}"#;

#[test]
fn adds_beside_replaces_and_keeps_spellings() {
    let e = edit(BASE, &["source"], "\"aws.s3\"", Placement::Add);
    assert_eq!(
        compact(&e.text),
        r#"{"source":["aws.ec2","aws.s3"],"detail":{"n":[1e2,-0],"s":["x\u0041"]}}"#
    );
    let e = edit(
        BASE,
        &["detail", "n"],
        "{\"numeric\": [\">\", 1E+2]}",
        Placement::Replace,
    );
    assert_eq!(
        compact(&e.text),
        r#"{"source":["aws.ec2"],"detail":{"n":[{"numeric":[">",1E+2]}],"s":["x\u0041"]}}"#
    );
    assert_eq!(e.note, None);
}

#[test]
fn adds_missing_fields_where_their_path_leads() {
    let e = edit(
        BASE,
        &["detail", "state"],
        "{\"prefix\": \"run\"}",
        Placement::Add,
    );
    assert_eq!(
        compact(&e.text),
        r#"{"source":["aws.ec2"],"detail":{"n":[1e2,-0],"s":["x\u0041"],"state":[{"prefix":"run"}]}}"#
    );
    let e = edit(BASE, &["detail", "a", "b"], "true", Placement::Add);
    assert!(
        compact(&e.text).ends_with(r#""a":{"b":[true]}}}"#),
        "{}",
        e.text
    );
    let e = edit(BASE, &["region"], "\"eu-west-1\"", Placement::Add);
    assert!(compact(&e.text).ends_with(r#"},"region":["eu-west-1"]}"#));
}

#[test]
fn dotted_keys_and_keys_that_hold_conditions() {
    let e = edit(
        r#"{"detail.state": ["a"]}"#,
        &["detail", "state"],
        "\"b\"",
        Placement::Add,
    );
    assert_eq!(compact(&e.text), r#"{"detail.state":["a","b"]}"#);
    let e = edit(
        r#"{"detail": ["a"]}"#,
        &["detail", "state"],
        "\"b\"",
        Placement::Add,
    );
    assert_eq!(compact(&e.text), r#"{"detail":["a"],"detail.state":["b"]}"#);
    // Of repeated keys, the last is the one AWS reads.
    let e = edit(
        r#"{"a": ["1"], "a": ["2"]}"#,
        &["a"],
        "\"3\"",
        Placement::Add,
    );
    assert_eq!(compact(&e.text), r#"{"a":["1"],"a":["2","3"]}"#);
}

#[test]
fn or_branches_naming_the_field_get_a_note() {
    let p = r#"{"$or": [{"detail": {"state": ["a"]}}, {"source": ["b"]}]}"#;
    let e = edit(p, &["detail", "state"], "\"c\"", Placement::Add);
    assert_eq!(
        compact(&e.text),
        r#"{"$or":[{"detail":{"state":["a"]}},{"source":["b"]}],"detail":{"state":["c"]}}"#
    );
    assert!(e
        .note
        .unwrap()
        .contains("`$or` branches also name `detail.state`"));
    let e = edit(p, &["region"], "\"x\"", Placement::Add);
    assert_eq!(e.note, None);
    // A repeated key outside `$or` is not an `$or` matter.
    let e = edit(
        r#"{"a": ["1"], "a": ["2"], "$or": [{"b": ["1"]}, {"c": ["2"]}]}"#,
        &["a"],
        "\"3\"",
        Placement::Add,
    );
    assert_eq!(e.note, None);
}

#[test]
fn refusals() {
    assert_eq!(
        add_condition(BASE, &["detail", ""], "\"x\"", Placement::Add),
        Err(EditError::UnmatchablePath)
    );
    assert_eq!(
        add_condition(BASE, &["detail"], "\"x\"", Placement::Add),
        Err(EditError::PathIsAnObject)
    );
    assert_eq!(
        add_condition(BASE, &["source"], "\"x\" junk", Placement::Add),
        Err(EditError::InvalidCondition)
    );
    assert!(matches!(
        add_condition(r#"{"a": "x"}"#, &["a"], "\"x\"", Placement::Add),
        Err(EditError::InvalidPattern(_))
    ));
    assert!(matches!(
        add_condition(BASE, &["source"], "[\"x\"]", Placement::Add),
        Err(EditError::Rejected(e)) if e.kind == crate::ErrorKind::MatchValueType
    ));
    // A result over AWS's 4,096 characters is refused, not returned.
    let long = format!("\"{}\"", "x".repeat(4100));
    assert!(matches!(
        add_condition(BASE, &["source"], &long, Placement::Add),
        Err(EditError::Rejected(e)) if e.kind == crate::ErrorKind::TooLong
    ));
}

#[test]
fn compact_text_is_kept_when_formatting_would_pass_the_limit() {
    // 400 conditions: compact it fits 4,096 characters, formatted it would not.
    let items: Vec<String> = (0..400).map(|i| format!("\"{i:04}\"")).collect();
    let p = format!("{{\"a\":[{}]}}", items.join(","));
    assert!(p.len() < 4000);
    let e = add_condition(&p, &["a"], "\"z\"", Placement::Add).unwrap();
    Pattern::parse(&e.text).unwrap();
    assert_eq!(&e.text[e.selection.range()], "\"z\"");
}

#[test]
fn every_offer_on_every_field_of_an_event_gives_a_valid_pattern() {
    let event = r#"{"version": "0", "source": "aws.ec2", "detail-type": "x", "detail": {"ip": "10.0.0.7", "n": 42, "f": 1.5e3, "b": true, "z": null, "arn": "arn:aws:s3:::b/k", "items": [{"id": "a\"b"}, {"id": ""}], "k.dot": "d"}}"#;
    let flat = crate::event::flatten(event, None).unwrap();
    let mut pattern = String::new();
    let mut n = 0;
    for leaf in &flat.leaves {
        let segments: Vec<&str> = leaf.path.split('.').collect();
        let value = &event[leaf.span.range()];
        for op in ops_for(value) {
            let cond = condition(op, value).unwrap();
            for placement in [Placement::Add, Placement::Replace] {
                let e = edit(&pattern, &segments, &cond, placement);
                pattern = e.text;
                n += 1;
            }
        }
    }
    assert!(n > 60, "{n}");
    // The pattern built from the event's own exact values still matches it.
    let mut exact = String::new();
    for leaf in &flat.leaves {
        let segments: Vec<&str> = leaf.path.split('.').collect();
        exact = edit(&exact, &segments, &event[leaf.span.range()], Placement::Add).text;
    }
    assert!(
        Pattern::parse(&exact).unwrap().matches(event).unwrap(),
        "{exact}"
    );
}

#[test]
fn templates_take_every_value_of_their_event() {
    let mut n = 0;
    for &(name, pattern, event) in crate::test_templates::TEMPLATES {
        let p = Pattern::parse(pattern).unwrap();
        assert!(p.matches(event).unwrap(), "{name}");
        let flat = crate::event::flatten(event, None).unwrap();
        for leaf in &flat.leaves {
            let segments: Vec<&str> = leaf.path.split('.').collect();
            let value = &event[leaf.span.range()];
            // A value the field already lists is refused; another value
            // beside a field's own keeps every match.
            if add_condition(pattern, &segments, value, Placement::Add)
                == Err(EditError::AlreadyThere)
            {
                assert!(p.selector().id(&leaf.path).is_some(), "{name}");
                continue;
            }
            let e = edit(pattern, &segments, value, Placement::Add);
            if p.selector().id(&leaf.path).is_some() {
                assert!(
                    Pattern::parse(&e.text).unwrap().matches(event).unwrap(),
                    "{name}: {}",
                    e.text
                );
            }
            n += 1;
        }
        let start = start_from_event(event).unwrap().unwrap();
        assert!(
            Pattern::parse(&start.text).unwrap().matches(event).unwrap(),
            "{name}"
        );
    }
    assert!(n > 100, "{n}");
}

#[test]
fn start_keys_on_the_kind_of_event() {
    let ct = r#"{"detail-type": "AWS API Call via CloudTrail", "source": "aws.s3", "detail": {"eventSource": "s3.amazonaws.com", "eventName": "PutObject", "x": 1}}"#;
    let e = start_from_event(ct).unwrap().unwrap();
    assert_eq!(
        compact(&e.text),
        r#"{"source":["aws.s3"],"detail-type":["AWS API Call via CloudTrail"],"detail":{"eventSource":["s3.amazonaws.com"],"eventName":["PutObject"]}}"#
    );
    assert!(Pattern::parse(&e.text).unwrap().matches(ct).unwrap());
    assert_eq!(e.selection, Span::new(0, e.text.trim_end().len()));
    let plain = r#"{"source": "aws.ec2", "detail-type": "EC2 Instance State-change Notification", "detail": {"eventName": "no"}}"#;
    let e = start_from_event(plain).unwrap().unwrap();
    assert_eq!(
        compact(&e.text),
        r#"{"source":["aws.ec2"],"detail-type":["EC2 Instance State-change Notification"]}"#
    );
    assert_eq!(start_from_event(r#"{"a": 1}"#).unwrap(), None);
    assert!(start_from_event("[1]").is_err());
}

#[test]
fn the_same_condition_is_not_added_twice() {
    let pattern = "{\"source\": [\"aws.ec2\", {\"prefix\" : \"a b\"}]}";
    assert_eq!(
        add_condition(pattern, &["source"], "\"aws.ec2\"", Placement::Add),
        Err(EditError::AlreadyThere)
    );
    assert_eq!(
        add_condition(
            pattern,
            &["source"],
            "{\"prefix\": \"a b\"}",
            Placement::Add
        ),
        Err(EditError::AlreadyThere)
    );
    assert!(add_condition(pattern, &["source"], "{\"prefix\": \"ab\"}", Placement::Add).is_ok());
    assert!(add_condition(pattern, &["source"], "\"aws.ec2\"", Placement::Replace).is_ok());
}
