//! Runs the real `eventpattern` binary on the committed examples and compares
//! its output and exit codes exactly.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn run(args: &[&str], stdin: Option<&str>) -> Output {
    run_bytes(args, stdin.map(str::as_bytes))
}

fn run_bytes(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_eventpattern"))
        .args(args)
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    if let Some(input) = stdin {
        child.stdin.take().unwrap().write_all(input).unwrap();
    } else {
        drop(child.stdin.take());
    }
    child.wait_with_output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8(b.to_vec()).unwrap()
}

#[test]
fn every_template_matches_its_event() {
    let dir = root().join("examples/templates");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if let Some(id) = name.strip_suffix(".pattern.json") {
            let p = format!("examples/templates/{id}.pattern.json");
            let e = format!("examples/templates/{id}.event.json");
            let out = run(&["test", "-p", &p, "-e", &e, "--color", "never"], None);
            assert_eq!(out.status.code(), Some(0), "{id}: {}", text(&out.stdout));
            assert!(text(&out.stdout).starts_with("MATCH\n"));
            n += 1;
        }
    }
    assert!(n >= 10, "only {n} templates");
}

#[test]
fn no_match_explains_the_failing_field() {
    let out = run(
        &[
            "test",
            "-p",
            "examples/templates/ec2-state-change.pattern.json",
            "-e",
            "examples/ec2-running.event.json",
            "--color",
            "never",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stdout),
        "NO MATCH\n  ✓ matched `source` is \"aws.ec2\", which meets \"aws.ec2\".\n  ✓ matched `detail-type` is \"EC2 Instance State-change Notification\", which meets \"EC2 Instance State-change Notification\".\n  ✗ failed  `detail.state` is \"running\", which meets none of: \"stopped\", \"terminated\".\n"
    );
}

#[test]
fn invalid_pattern_shows_aws_reason_under_a_caret() {
    let out = run(
        &[
            "test",
            "-p",
            "examples/invalid.pattern.json",
            "-e",
            "examples/ec2-running.event.json",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "error: invalid pattern: prefix match pattern must be a string\n --> examples/invalid.pattern.json:4:26\n  |\n4 |     \"state\": [{\"prefix\": 5}]\n  |                          ^\n  = at pattern path: detail.state[0].prefix\n  = help: `prefix` needs a string (or {\"equals-ignore-case\": \"…\"}), here it is the number 5.\n  = fix: Quote 5: `prefix` takes a string\n  = AWS: Event pattern is not valid. Reason: prefix match pattern must be a string\n"
    );
}

#[test]
fn json_error_shape() {
    let out = run(
        &["validate", "-p", "-", "--json"],
        Some("{\"a\": [\n  'x']}"),
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stdout),
        "{\"error\":{\"reason\":\"Unexpected character (''' (code 39)): expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')\",\"message\":\"Event pattern is not valid. Reason: Unexpected character (''' (code 39)): expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')\",\"kind\":\"syntax\",\"line\":2,\"column\":3,\"path\":[\"a\",0],\"plain\":\"Unexpected `'` at line 2, column 3: JSON strings use double quotes (\\\"…\\\").\",\"fixes\":[{\"label\":\"Use double quotes: \\\"x\\\"\",\"pattern\":\"{\\\"a\\\": [\\n  \\\"x\\\"]}\"}]}}\n"
    );
}

#[test]
fn json_trace_shape() {
    let out = run(
        &[
            "test",
            "-p",
            "-",
            "-e",
            "examples/templates/lambda-esm.event.json",
            "--json",
        ],
        Some(r#"{"detail": {"eventName": ["UpdateEventSourceMapping"]}}"#),
    );
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["matched"], false);
    let f = &v["trace"]["fields"][0];
    assert_eq!(f["path"], "detail.eventName");
    assert_eq!(f["status"], "failed");
    assert_eq!(f["outcome"], "no-condition-met");
    assert_eq!(f["hints"][0]["kind"], "api-version-suffix");
    assert_eq!(
        f["hints"][0]["suggestion"],
        "{\"prefix\": \"UpdateEventSourceMapping\"}"
    );
    // The engine's report shape: places with offsets, the whole fixed pattern.
    assert_eq!(
        f["pattern"],
        serde_json::json!({"line": 1, "column": 13, "start": 12, "end": 23})
    );
    assert_eq!(
        f["hints"][0]["pattern"],
        "{\"detail\": {\"eventName\": [{\"prefix\": \"UpdateEventSourceMapping\"}]}}"
    );
    let trace_keys: Vec<&str> = v["trace"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        trace_keys,
        ["alternative", "alternatives", "fields", "inactive"]
    );
}

#[test]
fn invalid_event_has_a_position() {
    let out = run(
        &[
            "test",
            "-p",
            "examples/templates/ec2-state-change.pattern.json",
            "-e",
            "-",
        ],
        Some("{\"source\": \"aws.ec2\",\n \"x\": tru}"),
    );
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.starts_with("error: invalid event: Unrecognized token 'tru'"),
        "{err}"
    );
    assert!(err.contains("<stdin>:2:7"), "{err}");
    assert!(
        err.contains("  = help: The event is not valid JSON: `tru` at line 2, column 7 is not a JSON value: put text in double quotes (\"tru\").\n"),
        "{err}"
    );
}

#[test]
fn filter_cloudtrail_log_and_json_lines() {
    let out = run(
        &[
            "filter",
            "-p",
            "examples/templates/s3-create-bucket.pattern.json",
            "examples/cloudtrail-log.json",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    let lines: Vec<String> = text(&out.stdout).lines().map(String::from).collect();
    assert_eq!(lines.len(), 1);
    assert!(lines[0].starts_with("{\"version\":\"0\",\"id\":"));
    assert!(
        lines[0].contains("\"detail-type\":\"AWS API Call via CloudTrail\",\"source\":\"aws.s3\"")
    );
    assert_eq!(text(&out.stderr), "1 of 4 events matched\n");

    let out = run(
        &[
            "filter",
            "-p",
            "examples/templates/s3-create-bucket.pattern.json",
            "-p",
            "examples/templates/lambda-esm.pattern.json",
            "examples/cloudtrail-log.json",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stdout).lines().count(), 2);
    assert_eq!(text(&out.stderr), "2 of 4 events matched\n");

    let jsonl = "{\"source\":\"aws.ec2\",\"detail-type\":\"EC2 Instance State-change Notification\",\"detail\":{\"state\":\"stopped\"}}\n{\"source\":\"aws.ec2\",\"detail\":{\"state\":\"running\"}}\n";
    let out = run(
        &[
            "filter",
            "-p",
            "examples/templates/ec2-state-change.pattern.json",
        ],
        Some(jsonl),
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stdout).lines().count(), 1);
    assert_eq!(text(&out.stderr), "1 of 2 events matched\n");
}

#[test]
fn validate_reports_alternatives() {
    let out = run(
        &[
            "validate",
            "-p",
            "examples/templates/console-sign-in.pattern.json",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        text(&out.stdout),
        "valid pattern (5 fields, 2 alternatives)\n"
    );
}

#[test]
fn validate_notes_likely_mistakes() {
    let out = run(
        &["validate", "-p", "-", "--json"],
        Some(r#"{"source": ["aws.lambda"], "detail": {"eventName": ["CreateFunction"]}}"#),
    );
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["notes"][0]["suggestion"],
        "{\"prefix\": \"CreateFunction\"}"
    );
    assert_eq!(v["notes"][0]["column"], 53);
}

#[test]
fn example_prints_a_matching_event() {
    let out = run(
        &[
            "example",
            "-p",
            "examples/templates/lambda-esm.pattern.json",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    let event = text(&out.stdout);
    assert!(
        event.contains("\"eventName\": \"UpdateEventSourceMappingexample\""),
        "{event}"
    );
    std::fs::write(
        std::env::temp_dir().join("eventpattern-example.json"),
        &event,
    )
    .unwrap();
    let path = std::env::temp_dir().join("eventpattern-example.json");
    let out = run(
        &[
            "test",
            "-p",
            "examples/templates/lambda-esm.pattern.json",
            "-e",
            path.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn a_match_on_a_read_only_call_says_what_aws_delivers() {
    let args = [
        "test",
        "-p",
        "examples/templates/sts-assume-role.pattern.json",
        "-e",
        "examples/templates/sts-assume-role.event.json",
        "--color",
        "never",
    ];
    let out = run(&args, None);
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("delivery: `AssumeRoleWithSAML` is a read-only management event (`readOnly: true`): EventBridge delivers it only to rules whose state is ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"),
        "{stdout}"
    );
    let mut json_args = args.to_vec();
    json_args.push("--json");
    let v: serde_json::Value = serde_json::from_slice(&run(&json_args, None).stdout).unwrap();
    let kinds: Vec<&str> = v["delivery"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["trail-needed", "read-only"]);
    assert!(v["delivery"][1]["doc"]
        .as_str()
        .unwrap()
        .starts_with("https://docs.aws.amazon.com/"));
}

#[test]
fn fields_not_in_play_and_trailing_text_are_named() {
    let pattern = "{\"source\": [\"aws.x\"],\n \"source\": [\"aws.ec2\"]} extra";
    let args = [
        "test",
        "-p",
        "-",
        "-e",
        "examples/ec2-running.event.json",
        "--color",
        "never",
    ];
    let out = run(&args, Some(pattern));
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with("warning: The text after the pattern's closing brace (line 2) is ignored, as AWS's engine ignores it.\n"),
        "{stderr}"
    );
    assert!(text(&out.stdout).contains("  - not in play: `source` on line 1 is replaced by the same path on line 2: with repeated keys, AWS keeps only the last.\n"));
    let mut json_args = args.to_vec();
    json_args.push("--json");
    let v: serde_json::Value =
        serde_json::from_slice(&run(&json_args, Some(pattern)).stdout).unwrap();
    assert_eq!(v["trace"]["inactive"].as_array().unwrap().len(), 2);
}

// Regressions of the hostile-input audit (issue 11), one per defect.

/// A file in the temporary directory with these bytes.
fn temp_file(name: &str, bytes: &[u8]) -> String {
    let path = std::env::temp_dir().join(format!("eventpattern-{}-{name}", std::process::id()));
    std::fs::write(&path, bytes).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn defect_1_control_characters_are_not_sent_to_the_terminal() {
    let pattern = temp_file(
        "esc.pattern.json",
        br#"{"detail":{"k\u001b[2J":["x"],"t\u001b]0;TITLE\u0007":["y"]}}"#,
    );
    let event = temp_file("esc.event.json", br#"{"detail":{"k\u001b[2J":"z"}}"#);
    for args in [
        vec!["test", "-p", &pattern, "-e", &event, "--color", "never"],
        vec!["validate", "-p", &pattern],
    ] {
        let out = run(&args, None);
        let all = [out.stdout, out.stderr].concat();
        assert!(
            !all.contains(&0x1b) && !all.contains(&0x07),
            "{}",
            String::from_utf8_lossy(&all)
        );
    }
    let out = run(
        &["test", "-p", &pattern, "-e", &event, "--color", "never"],
        None,
    );
    assert!(
        text(&out.stdout).contains("`detail.k\\u001B[2J`"),
        "{}",
        text(&out.stdout)
    );
    // Raw control bytes quoted in an error excerpt.
    let out = run_bytes(
        &["validate", "-p", "-"],
        Some(b"{\"a\":[\"x\x1b[2J\x07\"]}"),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(!out.stderr.contains(&0x1b), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("\"x\\u001B[2J\\u0007\""),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn defect_2_filter_skips_a_bad_line_and_goes_on() {
    let p = r#"{"source":[{"exists":true}]}"#;
    let pattern = temp_file("any.pattern.json", p.as_bytes());
    let input: &[u8] = b"{\"source\":\"a\"}\n}}\n42\n\xff\xfe\n{\"source\":\"b\"}\n{\"source\": tru}\n{\"source\":\"c\"}\n";
    let out = run_bytes(&["filter", "-p", &pattern], Some(input));
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stdout),
        "{\"source\":\"a\"}\n{\"source\":\"b\"}\n{\"source\":\"c\"}\n"
    );
    let err = text(&out.stderr);
    for line in ["<stdin>:2:", "<stdin>:3:", "<stdin>:4:", "<stdin>:6:"] {
        assert!(err.contains(line), "{line} not reported: {err}");
    }
    assert!(
        err.ends_with("3 of 3 events matched; 4 skipped (errors above)\n"),
        "{err}"
    );
}

#[test]
fn defect_3_an_event_with_records_is_not_a_cloudtrail_log() {
    let pattern = temp_file("rec.pattern.json", br#"{"source":["x"]}"#);
    let event = r#"{"Records":[{"s3":{"bucket":"b"}}],"source":"x","detail-type":"y"}"#;
    let out = run(&["filter", "-p", &pattern], Some(event));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), format!("{event}\n"));
    let file = temp_file("rec.event.json", event.as_bytes());
    let out = run(&["test", "-p", &pattern, "-e", &file], None);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn defect_9_error_excerpts_are_a_window_and_a_bom_is_named() {
    let mut event = b"{\"source\":\"".to_vec();
    event.extend(std::iter::repeat_n(b'a', 1_000_000));
    event.extend(b"\" x}");
    let event = temp_file("long.event.json", &event);
    let pattern = temp_file("src.pattern.json", br#"{"source":["a"]}"#);
    let out = run(&["test", "-p", &pattern, "-e", &event], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        out.stderr.len() < 1_000,
        "{} bytes of stderr",
        out.stderr.len()
    );
    let err = text(&out.stderr);
    let lines: Vec<&str> = err.lines().collect();
    let caret = lines.iter().find(|l| l.contains('^')).unwrap();
    let excerpt = lines.iter().find(|l| l.contains("\" x}")).unwrap();
    assert_eq!(
        excerpt.chars().nth(caret.find('^').unwrap()),
        Some('x'),
        "{err}"
    );
    let out = run_bytes(
        &["validate", "-p", "-"],
        Some(b"\xEF\xBB\xBF{\"a\":[\"x\"]}"),
    );
    assert!(
        text(&out.stderr).contains("'\\uFEFF' (code 65279"),
        "{}",
        text(&out.stderr)
    );
    assert!(!text(&out.stderr).contains('\u{FEFF}'));
    let out = run_bytes(
        &["filter", "-p", &pattern],
        Some(b"\xEF\xBB\xBF{\"source\":\"a\"}"),
    );
    assert!(
        text(&out.stderr).contains("byte-order mark (U+FEFF)"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(text(&out.stdout), "{\"source\":\"a\"}\n");
}

#[test]
fn defect_10_test_wraps_a_cloudtrail_record_with_a_notice() {
    let record = r#"{"eventVersion":"1.08","userIdentity":{"type":"AssumedRole","accountId":"123456789012"},"eventTime":"2024-01-01T00:00:00Z","eventSource":"controltower.amazonaws.com","eventName":"CreateManagedAccount","awsRegion":"us-east-1","eventID":"e1","eventType":"AwsServiceEvent","recipientAccountId":"123456789012"}"#;
    let pattern = temp_file(
        "ct.pattern.json",
        br#"{"source":["aws.controltower"],"detail":{"eventName":["CreateManagedAccount"]}}"#,
    );
    for (name, text_in) in [
        ("record", record.to_string()),
        ("log", format!(r#"{{"Records":[{record}]}}"#)),
        ("comma", format!("{record},\n")),
    ] {
        let event = temp_file(&format!("ct-{name}.event.json"), text_in.as_bytes());
        let out = run(
            &["test", "-p", &pattern, "-e", &event, "--color", "never"],
            None,
        );
        assert_eq!(out.status.code(), Some(0), "{name}: {}", text(&out.stdout));
        assert!(
            text(&out.stderr).contains("wrapped in the envelope"),
            "{name}"
        );
        let out = run(&["test", "-p", &pattern, "-e", &event, "--no-wrap"], None);
        assert_eq!(out.status.code(), Some(1), "{name}");
        assert!(!text(&out.stderr).contains("wrapped"));
    }
    let event = temp_file("ct-json.event.json", record.as_bytes());
    let out = run(&["test", "-p", &pattern, "-e", &event, "--json"], None);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["matched"], true);
    assert_eq!(v["wrapped"]["cloudtrail"], "record");
}
