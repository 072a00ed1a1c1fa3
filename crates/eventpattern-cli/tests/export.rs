//! `eventpattern export`: the real binary's output and exit codes, exactly.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_eventpattern"))
        .args(args)
        .current_dir(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    // The binary may exit before reading (a refused argument): a closed pipe is fine.
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    child.wait_with_output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8(b.to_vec()).unwrap()
}

#[test]
fn terraform_of_a_template() {
    let out = run(
        &[
            "export",
            "-p",
            "examples/templates/ec2-state-change.pattern.json",
            "--format",
            "terraform",
            "--name",
            "ec2-stopped",
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stderr), "");
    assert_eq!(
        text(&out.stdout),
        r#"resource "aws_cloudwatch_event_rule" "ec2_stopped" {
  name          = "ec2-stopped"
  event_pattern = jsonencode({
    source = ["aws.ec2"]
    "detail-type" = ["EC2 Instance State-change Notification"]
    detail = {
      state = ["stopped", "terminated"]
    }
  })
}
"#
    );
}

#[test]
fn aws_cli_quotes_for_the_shell() {
    let out = run(
        &["export", "-p", "-", "-f", "aws-cli"],
        r#"{"detail": {"name": ["it's"]}}"#,
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        text(&out.stdout),
        r#"aws events put-rule \
  --name 'MyRule' \
  --event-pattern '{"detail":{"name":["it'\''s"]}}'

# Check it against an event first (this example event matches):
aws events test-event-pattern \
  --event-pattern '{"detail":{"name":["it'\''s"]}}' \
  --event '{"version":"0","id":"6a7e8feb-b491-4cf7-a9f1-bf3703467718","detail-type":"Example Event","source":"example.source","account":"123456789012","time":"2026-01-01T00:00:00Z","region":"us-east-1","resources":[],"detail":{"name":"it'\''s"}}'
"#
    );
}

#[test]
fn cdk_note_goes_to_stderr() {
    let out = run(
        &["export", "-p", "-", "-f", "cdk-py"],
        r#"{"$or": [{"source": ["a"]}, {"source": ["b"]}]}"#,
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).starts_with(
        "from aws_cdk import aws_events as events\n\n# CDK's typed EventPattern cannot express this pattern (it has a top-level `$or`)"
    ));
    assert!(text(&out.stdout).contains("    event_pattern={\n        \"$or\": [\n"));
    assert!(text(&out.stderr).starts_with("note: CDK's typed EventPattern cannot express"));
}

#[test]
fn invalid_pattern_and_unknown_format() {
    let out = run(
        &["export", "-p", "-", "-f", "json"],
        r#"{"source": "aws.ec2"}"#,
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(text(&out.stdout), "");
    assert!(text(&out.stderr).starts_with("error: invalid pattern: "));
    let out = run(&["export", "-p", "-", "-f", "yaml"], "{}");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains(
        "unknown format `yaml`; one of: json, aws-cli, cloudformation-yaml, cloudformation-json, sam, cdk-ts, cdk-py, terraform, serverless"
    ));
}
