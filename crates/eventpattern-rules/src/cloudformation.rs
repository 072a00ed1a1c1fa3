//! CloudFormation, SAM and CDK-synthesised templates: `AWS::Events::Rule`'s
//! `EventPattern` and SAM events' `Pattern` (`EventBridgeRule`,
//! `CloudWatchEvent`), each an object or a JSON string.

use crate::render::{conditions, render, Condition, MAX_CONDITIONS};
use crate::tree::{Kind, Node, Text};
use crate::{Doc, Found, Rule, SourceError};

/// Reads a CloudFormation or SAM template (JSON, or YAML with the `yaml`
/// feature); `stack`, when given, prefixes each name (`Stack/LogicalId`, as
/// for CDK output).
pub fn read_template(file: &str, text: &str, stack: Option<&str>) -> Result<Found, SourceError> {
    let doc = Doc::new(file, text);
    let (format, root) = crate::detect::template_tree(&doc)?;
    Ok(Found {
        format,
        rules: rules(&doc, &root, stack)?,
    })
}

/// Whether a document is a template (it has `Resources`).
pub fn is_template(root: &Node) -> bool {
    matches!(
        root.get("Resources").map(|r| &r.kind),
        Some(Kind::Object(_))
    )
}

/// The rules of a template's resources, in document order.
pub fn rules(doc: &Doc<'_>, root: &Node, stack: Option<&str>) -> Result<Vec<Rule>, SourceError> {
    let Some(resources) = root
        .get("Resources")
        .filter(|r| matches!(r.kind, Kind::Object(_)))
    else {
        return Err(doc.error(
            root.start,
            "not a CloudFormation template: no Resources object",
        ));
    };
    let prefix = |id: &str| match stack {
        Some(s) => format!("{s}/{id}"),
        None => id.to_string(),
    };
    let mut found = Vec::new();
    for (id, resource) in resources.entries() {
        let properties = resource.get("Properties");
        match resource.get("Type").and_then(Node::as_str) {
            Some("AWS::Events::Rule") => {
                if let Some((key, pattern)) = properties.and_then(|p| p.entry("EventPattern")) {
                    found.extend(pattern_rules(doc, prefix(&id.value), key, pattern));
                }
            }
            Some("AWS::Serverless::Function" | "AWS::Serverless::StateMachine") => {
                let events = properties.and_then(|p| p.get("Events"));
                for (event, spec) in events.map(Node::entries).unwrap_or_default() {
                    let kind = spec.get("Type").and_then(Node::as_str);
                    if !matches!(kind, Some("EventBridgeRule" | "CloudWatchEvent")) {
                        continue;
                    }
                    let pattern = spec.get("Properties").and_then(|p| p.entry("Pattern"));
                    if let Some((key, pattern)) = pattern {
                        let name = prefix(&format!("{}/{}", id.value, event.value));
                        found.extend(pattern_rules(doc, name, key, pattern));
                    }
                }
            }
            _ => {}
        }
    }
    Ok(found)
}

/// The rule (or, with `Fn::If`, one rule per variant) of one pattern value.
fn pattern_rules(doc: &Doc<'_>, name: String, key: &Text, pattern: &Node) -> Vec<Rule> {
    let origin = key.start;
    if let Kind::Str(t) = &pattern.kind {
        return vec![doc.rule(name, origin, t.value.clone(), &t.map)];
    }
    let conds = conditions(pattern);
    if conds.len() > MAX_CONDITIONS {
        let why = format!(
            "{} Fn::If conditions (more than {MAX_CONDITIONS}): too many variants to check",
            conds.len()
        );
        return vec![doc.unresolved(name, origin, why)];
    }
    let mut rules = Vec::new();
    for variant in 0..1usize << conds.len() {
        // Condition i is true when bit i of `variant` is clear: true first.
        let taken = |offset: usize| {
            let i = conds.iter().position(|c| c.offset == offset).unwrap_or(0);
            variant & (1 << i) == 0
        };
        let name = variant_name(&name, &conds, &taken);
        // A pattern that is itself a string once the branch is chosen.
        let chosen = chosen_string(pattern, &taken);
        rules.push(match (chosen, render(pattern, &taken)) {
            (Some(t), _) => doc.rule(name, origin, t.value.clone(), &t.map),
            (None, Ok((text, map))) => doc.rule(name, origin, text, &map),
            (None, Err(u)) => doc.unresolved(
                name,
                origin,
                format!(
                    "the pattern uses {} at {}: its value is known only when deployed",
                    u.what,
                    doc.place(u.offset)
                ),
            ),
        });
    }
    rules
}

/// `Name[if:Cond:true,if:Other:false]`, or the name alone without `Fn::If`.
fn variant_name(name: &str, conds: &[Condition], taken: &dyn Fn(usize) -> bool) -> String {
    if conds.is_empty() {
        return name.to_string();
    }
    let parts: Vec<String> = conds
        .iter()
        .map(|c| format!("if:{}:{}", c.name, taken(c.offset)))
        .collect();
    format!("{name}[{}]", parts.join(","))
}

/// The string a pattern value is after choosing `Fn::If` branches, if any.
fn chosen_string<'n>(mut node: &'n Node, taken: &dyn Fn(usize) -> bool) -> Option<&'n Text> {
    loop {
        match (&node.kind, node.intrinsic()) {
            (Kind::Str(t), _) => return Some(t),
            (_, Some(("Fn::If", args))) => match &args.kind {
                Kind::Array(a) if a.len() == 3 => {
                    node = if taken(node.start) { &a[1] } else { &a[2] };
                }
                _ => return None,
            },
            _ => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Status;

    fn at(rule: &Rule) -> (u32, u32, &str) {
        match &rule.status {
            Status::Invalid { error, .. } => (error.at.line, error.at.column, &error.reason),
            other => panic!("{}: {other:?}", rule.name),
        }
    }

    #[test]
    fn json_string_pattern_error_points_through_escapes() {
        let text = r#"{"Resources": {
  "R": {"Type": "AWS::Events::Rule", "Properties": {
    "EventPattern": "{\"source\": [\"aws.\u0065c2\"], \"detail\": {\"n\": [{\"numeric\": [\">\", \"x\"]}]}}"}}}}"#;
        let found = read_template("t.json", text, None).unwrap();
        let rule = &found.rules[0];
        assert_eq!((rule.origin.line, rule.origin.column), (3, 5));
        let (line, col, reason) = at(rule);
        assert_eq!(reason, "Value of > must be numeric");
        // The offending character is the `\"` that opens "x".
        let line3 = text.lines().nth(2).unwrap();
        let expected = line3.find(r#"\"x\""#).unwrap() + 1;
        assert_eq!((line, col as usize), (3, expected));
    }

    #[test]
    fn sam_events_cdk_prefix_and_if_variants() {
        let text = r#"{"Transform": "AWS::Serverless-2016-10-31", "Resources": {
  "Fn": {"Type": "AWS::Serverless::Function", "Properties": {"Events": {
    "OnStop": {"Type": "EventBridgeRule", "Properties": {"Pattern": {"source": ["aws.ec2"]}}},
    "Api": {"Type": "Api", "Properties": {}}}}},
  "R": {"Type": "AWS::Events::Rule", "Properties": {"EventPattern": {
    "source": {"Fn::If": ["IsProd", ["aws.ec2"], [{"prefix": 5}]]}}}},
  "S": {"Type": "AWS::Events::Rule", "Properties": {"EventPattern": {"Fn::Sub": "{}"}}}}}"#;
        let found = read_template("cdk.out/App.template.json", text, Some("App")).unwrap();
        let names: Vec<&str> = found.rules.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "App/Fn/OnStop",
                "App/R[if:IsProd:true]",
                "App/R[if:IsProd:false]",
                "App/S"
            ]
        );
        assert!(matches!(found.rules[1].status, Status::Valid { .. }));
        let (line, col, reason) = at(&found.rules[2]);
        assert_eq!(reason, "prefix match pattern must be a string");
        assert_eq!((line, col), (6, 62));
        let Status::Unresolved { why } = &found.rules[3].status else {
            panic!()
        };
        assert_eq!(
            why,
            "the pattern uses Fn::Sub at 7:69: its value is known only when deployed"
        );
    }

    fn template(pattern: &str) -> String {
        format!(
            r#"{{"Resources": {{"R": {{"Type": "AWS::Events::Rule", "Properties": {{"EventPattern": {pattern}}}}}}}}}"#
        )
    }

    #[test]
    fn aws_limits_apply_to_the_text_cloudformation_sends() {
        // 4,096 characters: counted on the compact JSON, not the template's layout.
        let long = format!(r#"{{"source": ["{}"]}}"#, "a".repeat(5000));
        let rules = read_template("t.json", &template(&long), None)
            .unwrap()
            .rules;
        let (_, _, reason) = at(&rules[0]);
        assert!(
            reason.starts_with("Value at 'eventPattern' failed to satisfy constraint"),
            "{reason}"
        );
        let spaced = format!(
            "{{\"source\": [\"{}\"]{}}}",
            "a".repeat(4000),
            " ".repeat(500)
        );
        let rules = read_template("t.json", &template(&spaced), None)
            .unwrap()
            .rules;
        assert!(matches!(rules[0].status, Status::Valid { .. }));
        // 1,000 $or combinations: 11 × 11 × 11.
        let or = (0..11)
            .map(|i| format!(r#"{{"f{i}": ["v"]}}"#))
            .collect::<Vec<_>>()
            .join(",");
        let many = format!(
            r#"{{"a": {{"$or": [{or}]}}, "b": {{"$or": [{or}]}}, "c": {{"$or": [{or}]}}}}"#
        );
        let rules = read_template("t.json", &template(&many), None)
            .unwrap()
            .rules;
        let (_, _, reason) = at(&rules[0]);
        assert!(reason.contains("1331 alternatives"), "{reason}");
    }
}
