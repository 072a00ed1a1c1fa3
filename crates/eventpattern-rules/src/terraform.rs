//! `terraform show -json` output, of a plan (`planned_values`, else
//! `resource_changes`) or of a state (`values`), child modules included:
//! each `aws_cloudwatch_event_rule`'s `event_pattern` (a JSON string), named
//! by its resource address.

use crate::tree::{Kind, Node};
use crate::{Doc, Rule};

const RULE_TYPE: &str = "aws_cloudwatch_event_rule";

/// Whether a JSON document is `terraform show -json` output.
pub fn is_show_output(root: &Node) -> bool {
    root.get("format_version").is_some()
        && [
            "planned_values",
            "values",
            "resource_changes",
            "terraform_version",
        ]
        .iter()
        .any(|k| root.get(k).is_some())
}

/// The event rules of a plan or state.
pub fn rules(doc: &Doc<'_>, root: &Node) -> Vec<Rule> {
    let mut found = Vec::new();
    let module = root
        .get("planned_values")
        .or_else(|| root.get("values"))
        .and_then(|v| v.get("root_module"));
    if let Some(module) = module {
        // Modules nest; walk them with a stack, in document order.
        let mut stack = vec![module];
        while let Some(m) = stack.pop() {
            for r in items(m.get("resources")) {
                if r.get("type").and_then(Node::as_str) == Some(RULE_TYPE) {
                    let address = r.get("address").and_then(Node::as_str).unwrap_or("?");
                    found.extend(rule(doc, address, r.get("values"), r.start));
                }
            }
            stack.extend(items(m.get("child_modules")).iter().rev());
        }
    } else {
        for change in items(root.get("resource_changes")) {
            if change.get("type").and_then(Node::as_str) == Some(RULE_TYPE) {
                let address = change.get("address").and_then(Node::as_str).unwrap_or("?");
                let after = change.get("change").and_then(|c| c.get("after"));
                found.extend(rule(doc, address, after, change.start));
            }
        }
    }
    found
}

fn items(node: Option<&Node>) -> &[Node] {
    match node.map(|n| &n.kind) {
        Some(Kind::Array(a)) => a,
        _ => &[],
    }
}

/// The rule of one resource's values (none when it has no `event_pattern`,
/// e.g. a scheduled rule).
fn rule(doc: &Doc<'_>, address: &str, values: Option<&Node>, at: usize) -> Option<Rule> {
    let Some((key, value)) = values.and_then(|v| v.entry("event_pattern")) else {
        // Absent from a plan's values: known after apply.
        return values
            .is_none()
            .then(|| doc.unresolved(address.to_string(), at, "the resource has no values".into()));
    };
    Some(match &value.kind {
        Kind::Str(t) => doc.rule(address.to_string(), key.start, t.value.clone(), &t.map),
        Kind::Null => return None,
        _ => doc.unresolved(
            address.to_string(),
            key.start,
            "event_pattern is not a string".into(),
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Status;

    #[test]
    fn plan_with_child_module() {
        let text = r#"{"format_version": "1.2", "planned_values": {"root_module": {
  "resources": [{"address": "aws_cloudwatch_event_rule.a", "type": "aws_cloudwatch_event_rule",
    "values": {"event_pattern": "{\"source\":[\"aws.s3\"]}"}}],
  "child_modules": [{"resources": [{"address": "module.m.aws_cloudwatch_event_rule.b",
    "type": "aws_cloudwatch_event_rule", "values": {"event_pattern": "{\"source\":[\"x\"],\"x\":{}}"}}]}]}}}"#;
        let root = crate::json_source::parse(text).unwrap();
        assert!(is_show_output(&root));
        let rules = rules(&Doc::new("plan.json", text), &root);
        assert_eq!(rules.len(), 2);
        assert_eq!(rules[1].name, "module.m.aws_cloudwatch_event_rule.b");
        assert!(matches!(rules[0].status, Status::Valid { .. }));
        let Status::Invalid { error, .. } = &rules[1].status else {
            panic!()
        };
        assert_eq!(error.reason, "Empty objects are not allowed");
        assert_eq!(error.at.line, 5);
    }

    #[test]
    fn state_and_changes_only_plans() {
        let state = r#"{"format_version": "1.0", "terraform_version": "1.9.5", "values": {"root_module": {
  "resources": [{"address": "aws_cloudwatch_event_rule.s", "type": "aws_cloudwatch_event_rule",
    "values": {"event_pattern": "{\"source\":[\"aws.s3\"]}"}},
   {"address": "aws_cloudwatch_event_rule.nightly", "type": "aws_cloudwatch_event_rule",
    "values": {"event_pattern": null, "schedule_expression": "rate(1 day)"}}]}}}"#;
        let root = crate::json_source::parse(state).unwrap();
        let found = rules(&Doc::new("state.json", state), &root);
        assert_eq!(found.len(), 1, "a scheduled rule has no pattern");
        assert_eq!(found[0].name, "aws_cloudwatch_event_rule.s");
        let changes = r#"{"format_version": "1.2", "resource_changes": [
  {"address": "aws_cloudwatch_event_rule.c", "type": "aws_cloudwatch_event_rule",
   "change": {"actions": ["update"], "after": {"event_pattern": "{\"source\":\"aws.s3\"}"}}}]}"#;
        let root = crate::json_source::parse(changes).unwrap();
        let found = rules(&Doc::new("plan.json", changes), &root);
        let Status::Invalid { error, .. } = &found[0].status else {
            panic!("{:?}", found[0].status)
        };
        assert_eq!((error.at.line, error.at.column), (3, 78));
    }
}
