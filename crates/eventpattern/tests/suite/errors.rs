//! Error positions: each invalid pattern's reason, and the exact text its
//! span covers, and its line/column in UTF-16 and in characters.

use eventpattern::{Encoding, ErrorKind, LineCol, Pattern};

fn check(pattern: &str, reason: &str, covered: &str, kind: ErrorKind) {
    let e = Pattern::parse(pattern).expect_err(pattern);
    assert_eq!(e.reason, reason, "{pattern}");
    assert_eq!(&pattern[e.span.range()], covered, "{pattern}");
    assert_eq!(e.kind, kind, "{pattern}");
}

#[test]
fn spans_point_at_the_offending_token() {
    use ErrorKind::*;
    check(
        r#"{"a": [{"prefix": 5}]}"#,
        "prefix match pattern must be a string",
        "5",
        OperandInvalid,
    );
    check(
        r#"{"a": [{"prefx": "x"}]}"#,
        "Unrecognized match type prefx",
        "\"prefx\"",
        OperatorUnknown,
    );
    check(
        r#"{"a": []}"#,
        "Empty arrays are not allowed",
        "[]",
        EmptyArray,
    );
    check(
        r#"{"a": {}}"#,
        "Empty objects are not allowed",
        "{}",
        EmptyObject,
    );
    check(
        r#"{"a": "x"}"#,
        "\"a\" must be an object or an array",
        "\"x\"",
        FieldNotObjectOrArray,
    );
    check(
        r#"{"a": [{"wildcard": "a**"}]}"#,
        "Consecutive wildcard characters at pos 2",
        "\"a**\"",
        WildcardSyntax,
    );
    check(
        r#"{"a": [{"numeric": [">", 5, "<", 1]}]}"#,
        "Bottom must be less than top",
        "[\">\", 5, \"<\"",
        NumericRange,
    );
    check(
        r#"{"a": [{"cidr": "10.0.0.1/32"}]}"#,
        "IPv4 mask bits must be < 32",
        "\"10.0.0.1/32\"",
        Cidr,
    );
    check(
        r#"{"a": [{"exists": true, "b": 1}]}"#,
        "Only one key allowed in match expression",
        "\"b\"",
        OperatorExtraKey,
    );
    check(
        r#"{"$or": [{"a": ["1"]}]}"#,
        "There must have at least 2 Objects in $or relationship.",
        "[{\"a\": [\"1\"]}]",
        OrShape,
    );
    check("[1]", "Filter is not an object", "[", NotAnObject);
    check("", "Filter is not an object", "", NotAnObject);
    check(r#"{"a": ["x",]}"#, "Unexpected character (']' (code 93)): expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')", "]", Syntax);
    check(r#"{"a": ["x"]"#, "Unexpected end-of-input: expected close marker for Object (start marker at [Source: (String)\"{\"a\": [\"x\"]\"; line: 1, column: 1])", "", Syntax);
    check(
        r#"{"a": [{"wildcard": "*:*:*:*:*:event-bus/*"}]}"#,
        "Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character",
        r#"{"wildcard": "*:*:*:*:*:event-bus/*"}"#,
        WildcardTooComplex,
    );
}

#[test]
fn line_and_column_in_utf16_and_chars() {
    let text = "{\n  \"😀\": [{\"prefix\": 5}]\n}";
    let e = Pattern::parse(text).unwrap_err();
    assert_eq!(
        e.position(text, Encoding::Utf16),
        LineCol {
            line: 2,
            column: 21
        }
    );
    assert_eq!(
        e.position(text, Encoding::Chars),
        LineCol {
            line: 2,
            column: 20
        }
    );
    assert_eq!(e.path_display(), "😀[0].prefix");
}

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
