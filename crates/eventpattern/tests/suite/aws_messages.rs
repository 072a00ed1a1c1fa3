//! AWS's whole `InvalidEventPatternException` message, byte for byte:
//! `tests/aws_messages.jsonl` gives, for each invalid pattern, the message
//! AWS answers — `Event pattern is not valid. Reason: ` + the reason and the
//! parser's ` at [Source: (String)"…"; line: L, column: C]` location(s).
//! `basis` says where each answer comes from: `AWS TestEventPattern`
//! (answers AWS gave, recorded by LocalStack's snapshot tests in December
//! 2024), or AWS's engine (event-ruler 2.0.1) with its parser's columns as
//! Jackson 2.17 and later count them (one character earlier for an
//! unexpected character, an illegal one, a bad escape or a mismatched close
//! marker — the AWS answers above show AWS counts this way).

use eventpattern::Pattern;
use serde::Deserialize;

const MESSAGES: &str = include_str!("../aws_messages.jsonl");

/// Cases in the file, so a truncated file fails.
const CASES: usize = 253;

#[derive(Deserialize)]
struct Case {
    id: String,
    pattern: String,
    message: String,
}

#[test]
fn whole_aws_messages() {
    let mut total = 0;
    let mut wrong = Vec::new();
    for line in MESSAGES.lines().filter(|l| !l.trim().is_empty()) {
        total += 1;
        let case: Case = serde_json::from_str(line).expect("a case");
        match Pattern::parse(&case.pattern) {
            Ok(_) => wrong.push(format!("{}: parsed as valid", case.id)),
            Err(e) => {
                let got = e.aws_full_message(&case.pattern);
                if got != case.message {
                    wrong.push(format!(
                        "{}:\n  got  {got:?}\n  want {:?}",
                        case.id, case.message
                    ));
                }
            }
        }
    }
    assert_eq!(total, CASES, "cases in tests/aws_messages.jsonl");
    assert!(
        wrong.is_empty(),
        "{} of {total} differ:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn aws_side_limits_have_no_location() {
    // AWS's length check and its wildcard complexity check run outside the
    // compiler: no parser location.
    let long = format!("{{\"a\": [\"{}\"]}}", "x".repeat(5000));
    let e = Pattern::parse(&long).expect_err("too long");
    assert!(!e.aws_full_message(&long).contains(" at [Source"));
    let complex = r#"{"a": [{"wildcard": "*:*:*:*:*:event-bus/*"}]}"#;
    let e = Pattern::parse(complex).expect_err("too complex");
    assert_eq!(
        e.aws_full_message(complex),
        "Event pattern is not valid. Reason: Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character"
    );
}
