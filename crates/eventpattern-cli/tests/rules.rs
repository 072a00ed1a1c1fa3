//! `rules`, `test --rules`, `matrix` and `filter --rules` on the IaC files in
//! tests/fixtures/iac (CloudFormation YAML, SAM, cdk.out, Terraform plan and
//! .tf), compared exactly with tests/fixtures/iac/golden (regenerate with
//! UPDATE_GOLDEN=1 after checking the difference).

use serde_json::Value;
use std::process::{Command, Output};

const IAC: &str = "tests/fixtures/iac";

fn root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_eventpattern"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("binary runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8(b.to_vec()).unwrap()
}

/// Compares with (or, with UPDATE_GOLDEN set, writes) a golden file.
fn golden(name: &str, actual: &str) {
    let path = root().join(IAC).join("golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(actual, expected, "differs from golden/{name}");
}

fn sources() -> Vec<String> {
    [
        "cloudformation.yaml",
        "sam.yaml",
        "cdk.out",
        "terraform/plan.json",
        "terraform/main.tf",
    ]
    .iter()
    .map(|f| format!("{IAC}/{f}"))
    .collect()
}

fn args<'a>(head: &[&'a str], tail: &'a [String]) -> Vec<&'a str> {
    head.iter()
        .copied()
        .chain(tail.iter().map(String::as_str))
        .collect()
}

#[test]
fn rules_lists_every_source_with_aws_reasons_at_their_positions() {
    let sources = sources();
    let out = run(&args(&["rules"], &sources));
    assert_eq!(out.status.code(), Some(1), "an invalid rule fails the run");
    golden("rules.txt", &text(&out.stdout));
    assert_eq!(
        text(&out.stderr),
        "20 rules: 10 valid, 6 invalid, 4 unresolved\n"
    );
}

#[test]
fn rules_json_has_the_documented_shape() {
    let sources = sources();
    let out = run(&args(&["rules", "--json"], &sources));
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    golden("rules.json", &stdout);
    let rules: Vec<Value> = serde_json::from_str(&stdout).unwrap();
    assert_eq!(rules.len(), 20);
    for r in &rules {
        assert!(r["name"].is_string() && r["file"].is_string() && r["line"].is_u64());
        match r["status"].as_str().unwrap() {
            "valid" => assert!(r["pattern"].is_string() && r["error"].is_null()),
            "invalid" => assert!(r["pattern"].is_string() && r["error"]["reason"].is_string()),
            "unresolved" => assert!(r["pattern"].is_null() && r["error"].is_null()),
            other => panic!("status {other}"),
        }
    }
    // Each `Fn::If` branch is its own rule; a pattern given as a JSON
    // string is the string's decoded text.
    let names: Vec<&str> = rules.iter().map(|r| r["name"].as_str().unwrap()).collect();
    assert!(names.contains(&"LargeOrderRule[if:IsProd:true]"));
    assert!(names.contains(&"LargeOrderRule[if:IsProd:false]"));
    let refund = rules.iter().find(|r| r["name"] == "RefundRule").unwrap();
    assert!(refund["pattern"]
        .as_str()
        .unwrap()
        .contains("\"Remboursement \u{e9}mis\"],\n  \"detail\""));
}

#[test]
fn rules_sarif_annotates_invalid_and_unresolved_rules() {
    let sources = sources();
    let out = run(&args(&["rules", "--format", "sarif"], &sources));
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    golden("rules.sarif", &stdout);
    let sarif: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 10);
    let first = &results[0];
    assert_eq!(first["ruleId"], "invalid-event-pattern");
    let region = &first["locations"][0]["physicalLocation"]["region"];
    assert!(region["startLine"].is_u64() && region["startColumn"].is_u64());
}

#[test]
fn rules_in_pattern_files_pass_and_other_files_are_named() {
    let out = run(&["rules", &format!("{IAC}/patterns")]);
    assert_eq!(out.status.code(), Some(0));
    golden("patterns.txt", &text(&out.stdout));
    let out = run(&["rules", "README.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "error: README.md:1:1: not a rule source: expected a pattern, JSON Lines of patterns, a CloudFormation/SAM template (JSON or YAML), CDK output, Terraform `show -json` output or a .tf file\n"
    );
}

#[test]
fn test_rules_says_which_rules_fire_and_explains_one() {
    let event = format!("{IAC}/order-placed.event.json");
    let rules = [
        format!("{IAC}/cloudformation.yaml"),
        format!("{IAC}/cdk.out"),
    ];
    let mut a = args(&["test", "--rules"], &rules);
    a.extend([
        "--event",
        &event,
        "--explain",
        "OrderPlacedRule",
        "--color",
        "never",
    ]);
    let out = run(&a);
    assert_eq!(out.status.code(), Some(0));
    golden("test-rules.txt", &text(&out.stdout));
    golden("test-rules.stderr", &text(&out.stderr));

    let mut a = args(&["test", "--rules"], &rules);
    a.extend(["--event", &event, "--json"]);
    let out = run(&a);
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["matched"],
        serde_json::json!(["OrderPlacedRule", "OrdersStack/OrderPlacedRule8C3E2A1F"])
    );
    assert_eq!(v["rules"].as_array().unwrap().len(), 5);
    assert_eq!(
        v["rules"][1],
        serde_json::json!({"name": "LargeOrderRule[if:IsProd:true]", "matched": false})
    );
}

#[test]
fn test_rules_exit_codes() {
    let small = r#"{"source": "com.example.orders", "detail-type": "Order Placed", "detail": {"total": 40}}"#;
    let dir = std::env::temp_dir().join(format!("ep-rules-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let none = dir.join("small.json");
    std::fs::write(&none, small).unwrap();
    let bad = dir.join("bad.json");
    std::fs::write(&bad, "{\"source\": tru}").unwrap();
    let rules = format!("{IAC}/cloudformation.yaml");
    let out = run(&["test", "--rules", &rules, "--event", none.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).starts_with("NO MATCH: 0 of 3 rules\n"));
    let out = run(&["test", "--rules", &rules, "--event", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("invalid event: Unrecognized token 'tru'"));
    let out = run(&[
        "test",
        "--rules",
        &rules,
        "--event",
        none.to_str().unwrap(),
        "--explain",
        "Nope",
    ]);
    assert_eq!(out.status.code(), Some(2));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn matrix_streams_events_against_rules() {
    let events = format!("{IAC}/events.jsonl");
    let rules = [
        "--rules".to_string(),
        format!("{IAC}/cloudformation.yaml"),
        "--rules".to_string(),
        format!("{IAC}/sam.yaml"),
        "--rules".to_string(),
        format!("{IAC}/cdk.out"),
        "--rules".to_string(),
        format!("{IAC}/terraform/plan.json"),
    ];
    let mut a = args(&["matrix"], &rules);
    a.push(&events);
    let out = run(&a);
    assert_eq!(out.status.code(), Some(0));
    golden("matrix.txt", &text(&out.stdout));
    golden("matrix.stderr", &text(&out.stderr));

    let mut a = args(&["matrix", "--json", "--summary"], &rules);
    a.extend([events.as_str(), "examples/cloudtrail-log.json"]);
    let out = run(&a);
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    golden("matrix.jsonl", &stdout);
    let lines: Vec<Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let (summary, per_event) = lines.split_last().unwrap();
    for (i, e) in per_event.iter().enumerate() {
        assert_eq!(e["event"], i, "indexes run over the whole input");
    }
    assert_eq!(summary["summary"]["events"], per_event.len());
    assert_eq!(summary["summary"]["rules"], 9);
    assert_eq!(
        summary["summary"]["unmatched"],
        serde_json::json!(["module.security_alerts.aws_cloudwatch_event_rule.root_login"])
    );
}

#[test]
fn filter_accepts_rules() {
    let out = run(&[
        "filter",
        "--rules",
        &format!("{IAC}/cdk.out"),
        &format!("{IAC}/events.jsonl"),
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stdout).lines().count(), 3);
    assert!(text(&out.stderr).ends_with("3 of 6 events matched\n"));
}
