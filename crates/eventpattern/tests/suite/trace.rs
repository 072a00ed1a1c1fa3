//! The trace, field by field: outcomes, the values and spans it points at,
//! and the hints it gives.

use eventpattern::explain::FieldOutcome;
use eventpattern::hints::Hint;
use eventpattern::{FieldStatus, Pattern, Trace};

fn trace(pattern: &str, event: &str) -> (Pattern, Trace) {
    let p = Pattern::parse(pattern).unwrap();
    let t = p.explain(event).unwrap();
    assert_eq!(t.matched, p.matches(event).unwrap());
    (p, t)
}

#[test]
fn matched_field_points_at_value_and_condition() {
    let event = r#"{"detail": {"state": "stopped"}}"#;
    let (_, t) = trace(r#"{"detail": {"state": ["running", "stopped"]}}"#, event);
    assert!(t.matched);
    let FieldOutcome::Matched { condition, value } = &t.fields[0].outcome else {
        panic!()
    };
    assert_eq!(*condition, 1);
    assert_eq!(value.text, "\"stopped\"");
    assert_eq!(&event[value.span.range()], "\"stopped\"");
    assert_eq!(value.path, "detail.state");
}

#[test]
fn missing_object_and_absent_fields() {
    let event = r#"{"detail": {"req": {"a": 1}, "list": []}}"#;
    let (_, t) = trace(
        r#"{"detail": {"nope": ["x"], "req": ["y"], "list": [{"exists": false}], "gone": [{"exists": false}]}}"#,
        event,
    );
    let outcomes: Vec<(&str, FieldStatus)> = t
        .fields
        .iter()
        .map(|f| (f.path.as_str(), f.status))
        .collect();
    assert_eq!(
        outcomes,
        vec![
            ("detail.nope", FieldStatus::Missing),
            ("detail.req", FieldStatus::Failed),
            ("detail.list", FieldStatus::Matched),
            ("detail.gone", FieldStatus::Matched),
        ]
    );
    assert!(matches!(
        t.fields[1].outcome,
        FieldOutcome::NotALeaf {
            is_object: true,
            ..
        }
    ));
    assert!(
        matches!(&t.fields[1].hints[0], Hint::NotALeaf { children } if children == &["detail.req.a".to_string()])
    );
    assert_eq!(t.fields[2].outcome, FieldOutcome::AbsentAsRequired);
}

#[test]
fn failing_values_come_closest_first() {
    let (_, t) = trace(
        r#"{"s": ["stopped"]}"#,
        r#"{"s": ["running", "stoped", "pending"]}"#,
    );
    let FieldOutcome::NoConditionMet { values } = &t.fields[0].outcome else {
        panic!()
    };
    let texts: Vec<&str> = values.iter().map(|v| v.text.as_str()).collect();
    assert_eq!(texts, vec!["\"stoped\"", "\"running\"", "\"pending\""]);
}

#[test]
fn array_conflict_names_the_other_field() {
    let (_, t) = trace(
        r#"{"employees": {"first": ["Anna"], "last": ["Jones"]}}"#,
        r#"{"employees": [{"first": "Anna", "last": "Smith"}, {"first": "Peter", "last": "Jones"}]}"#,
    );
    assert!(!t.matched);
    let FieldOutcome::ArrayConflict { value, with } = &t.fields[1].outcome else {
        panic!("{:?}", t.fields[1].outcome)
    };
    assert_eq!(value.text, "\"Jones\"");
    assert_eq!(with, "employees.first");
    assert_eq!(t.fields[1].hints, vec![Hint::ArrayElements]);
}

#[test]
fn exists_false_on_a_present_field() {
    let (_, t) = trace(
        r#"{"errorCode": [{"exists": false}]}"#,
        r#"{"errorCode": "AccessDenied"}"#,
    );
    assert_eq!(t.fields[0].status, FieldStatus::Failed);
    assert!(
        matches!(&t.fields[0].outcome, FieldOutcome::NoConditionMet { values } if values[0].text == "\"AccessDenied\"")
    );
}

#[test]
fn or_branches_and_inactive_duplicates() {
    let (p, t) = trace(
        r#"{"k": ["a"], "k": ["b"], "$or": [{"x": ["1"]}, {"y": ["2"]}]}"#,
        r#"{"k": "b", "y": "2"}"#,
    );
    assert!(t.matched);
    assert_eq!(t.alternatives, 2);
    assert_eq!(t.branches, vec![(0, 1)]);
    let inactive: Vec<&str> = t
        .inactive
        .iter()
        .map(|&l| p.tree().leaves[l].joined.as_str())
        .collect();
    assert_eq!(inactive, vec!["k", "x"]);
}

#[test]
fn hints_for_near_misses() {
    let kinds = |pattern: &str, event: &str| -> Vec<String> {
        let (_, t) = trace(pattern, event);
        t.fields
            .iter()
            .flat_map(|f| {
                f.hints.iter().map(|h| {
                    format!("{h:?}")
                        .split([' ', '{', '('])
                        .next()
                        .unwrap_or("")
                        .to_string()
                })
            })
            .collect()
    };
    assert_eq!(
        kinds(r#"{"s": ["Stopped"]}"#, r#"{"s": "stopped"}"#),
        vec!["CaseDiffers"]
    );
    assert_eq!(kinds(r#"{"n": ["5"]}"#, r#"{"n": 5}"#), vec!["TypeDiffers"]);
    assert_eq!(
        kinds(r#"{"n": [{"numeric": [">", 1]}]}"#, r#"{"n": "5"}"#),
        vec!["NumericOnString"]
    );
    assert_eq!(
        kinds(r#"{"state": ["x"]}"#, r#"{"detail": {"state": "x"}}"#),
        vec!["DidYouMean"]
    );
    assert_eq!(
        kinds(r#"{"a": [{"anything-but": "x"}]}"#, r#"{"b": 1}"#),
        vec!["AbsentNeverMatches"]
    );
    assert_eq!(
        kinds(
            r#"{"detail": {"eventName": ["CreateFunction"]}}"#,
            r#"{"detail": {"eventName": "CreateFunction20150331"}}"#
        ),
        vec!["ApiVersionSuffix"]
    );
    assert_eq!(
        kinds(r#"{"arn": ["arn:*"]}"#, r#"{"arn": "arn:aws"}"#),
        vec!["LooksLikeWildcard"]
    );
}

/// Events and patterns built to make a naive consistency search explode.
#[test]
fn adversarial_array_searches_finish() {
    let elements = |n: usize, body: &str| vec![body.to_string(); n].join(",");
    // A late field that no element shared with an early field can satisfy.
    let mut event = format!(
        "{{\"a\": [{}, {{\"y\": \"yes\"}}]",
        elements(50, r#"{"x": "1", "y": "no"}"#)
    );
    let mut pattern = String::from(r#"{"a": {"x": ["1"]}"#);
    for b in 0..8 {
        event.push_str(&format!(", \"b{b}\": [{}]", elements(50, r#"{"v": "1"}"#)));
        pattern.push_str(&format!(", \"b{b}\": {{\"v\": [\"1\"]}}"));
    }
    event.push('}');
    pattern.push_str(r#", "a": {"y": ["yes"]}}"#);
    let (_, t) = trace(&pattern, &event);
    assert!(!t.matched);

    // An absence that no combination of picks can honour.
    let mut event = String::from(r#"{"c": [{"gone": 1}, {"other": 2}]"#);
    let mut pattern = String::from(r#"{"c": {"gone": [{"exists": false}]}"#);
    for b in 0..8 {
        event.push_str(&format!(", \"b{b}\": [{}]", elements(50, r#"{"v": "1"}"#)));
        pattern.push_str(&format!(", \"b{b}\": {{\"v\": [\"1\"]}}"));
    }
    event.push('}');
    pattern.push('}');
    let (_, t) = trace(&pattern, &event);
    assert!(!t.matched);
}
