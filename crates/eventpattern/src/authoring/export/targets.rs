//! The snippet of each format around the pattern, and the notes on what a
//! target changes or cannot hold.

use super::code::{literal, Lang};
use super::quote;
use super::tree::{self, fold_duplicates, minify, numbers, strings, Json, Member};
use super::{cdk, yaml, Export, Format};
use crate::Pattern;

/// The rule's id in templates when the user gave no name.
const DEFAULT_ID: &str = "MyRule";

pub(crate) fn render(
    pattern: &Pattern,
    mut tree: Json<'_>,
    format: Format,
    name: Option<&str>,
) -> Export {
    let mut notes = Vec::new();
    if let Some(n) = name {
        if !valid_rule_name(n) {
            notes.push(format!(
                "AWS rule names are 1 to 64 letters, digits, `.`, `-` or `_`; {} is not one.",
                quote::js(n)
            ));
        }
    }
    let id = logical_id(name);
    let compact = {
        let mut s = String::new();
        minify(&tree, &mut s);
        s
    };
    if !matches!(format, Format::Json | Format::AwsCli) && fold_duplicates(&mut tree) {
        notes.push(
            "The pattern repeats a key; this format keeps one value per key, so the repeated fields are merged as AWS reads them (a later value replaces an earlier one)."
                .into(),
        );
    }
    if !matches!(
        format,
        Format::Json | Format::AwsCli | Format::CloudFormationJson
    ) && tree::has_lone_surrogate(&tree)
    {
        notes.push("The pattern escapes a lone UTF-16 surrogate (like \\ud800), which only JSON text can carry; here it is written as U+FFFD, so use the JSON or AWS CLI export for this pattern.".into());
    }
    let text = match format {
        Format::Json => format!("{compact}\n"),
        Format::AwsCli => aws_cli(pattern, &compact, name.unwrap_or(DEFAULT_ID)),
        Format::CloudFormationYaml => {
            yaml_numbers_note(&tree, &mut notes);
            let mut out = String::from("AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n");
            out.push_str(&format!(
                "  {id}:\n    Type: AWS::Events::Rule\n    Properties:\n"
            ));
            if let Some(n) = name {
                out.push_str(&format!("      Name: {}\n", quote::yaml(n)));
            }
            out.push_str("      State: ENABLED\n      EventPattern:");
            yaml_value(&tree, 6, &mut out);
            out.push_str(
                "      # Targets: where matching events go (each with an Id and an Arn).\n",
            );
            out
        }
        Format::CloudFormationJson => cloudformation_json(&tree, &id, name),
        Format::Sam => {
            yaml_numbers_note(&tree, &mut notes);
            let mut out = String::from(
                "AWSTemplateFormatVersion: \"2010-09-09\"\nTransform: AWS::Serverless-2016-10-31\nResources:\n",
            );
            out.push_str(&format!(
                "  {id}Function:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: index.handler\n      Runtime: nodejs20.x\n      CodeUri: src/\n      Events:\n        {id}:\n          Type: EventBridgeRule\n          Properties:\n"
            ));
            if let Some(n) = name {
                out.push_str(&format!("            RuleName: {}\n", quote::yaml(n)));
            }
            out.push_str("            Pattern:");
            yaml_value(&tree, 12, &mut out);
            out
        }
        Format::CdkTs | Format::CdkPy => {
            let (text, note) = if format == Format::CdkTs {
                cdk::typescript(&tree, &id, name)
            } else {
                cdk::python(&tree, &id, name)
            };
            notes.extend(note);
            respelled_note(&tree, "CDK", &mut notes);
            text
        }
        Format::Terraform => {
            respelled_note(&tree, "Terraform's jsonencode", &mut notes);
            let label = terraform_label(&id);
            let mut out = format!("resource \"aws_cloudwatch_event_rule\" \"{label}\" {{\n");
            if let Some(n) = name {
                out.push_str(&format!("  name          = {}\n", quote::hcl(n)));
            }
            out.push_str(&format!(
                "  event_pattern = jsonencode({})\n}}\n",
                literal(Lang::Hcl, &tree, 1)
            ));
            out
        }
        Format::Serverless => {
            yaml_numbers_note(&tree, &mut notes);
            let mut found = Vec::new();
            strings(&tree, &mut found);
            if found.iter().any(|s| s.contains("${")) {
                notes.push("The Serverless Framework reads `${…}` in serverless.yml as a variable, also inside quotes: move such values out of the file or escape them as your version of the Framework allows.".into());
            }
            let mut function = id.clone();
            if let Some(first) = function.get(..1) {
                function.replace_range(..1, &first.to_ascii_lowercase());
            }
            let mut out = format!(
                "functions:\n  {function}:\n    handler: handler.main\n    events:\n      - eventBridge:\n"
            );
            if let Some(n) = name {
                out.push_str(&format!("          name: {}\n", quote::yaml(n)));
            }
            out.push_str("          pattern:");
            yaml_value(&tree, 10, &mut out);
            out
        }
    };
    Export {
        text,
        note: (!notes.is_empty()).then(|| notes.join(" ")),
    }
}

/// The pattern as the value of a YAML key at `indent`.
fn yaml_value(tree: &Json<'_>, indent: usize, out: &mut String) {
    match tree {
        Json::Object(members) => {
            out.push('\n');
            yaml::mapping(members, indent + 2, false, out);
        }
        other => {
            // Not reached for a valid pattern (always an object).
            let mut s = String::new();
            minify(other, &mut s);
            out.push(' ');
            out.push_str(&s);
            out.push('\n');
        }
    }
}

fn aws_cli(pattern: &Pattern, compact: &str, name: &str) -> String {
    let p = quote::shell(compact);
    let mut out = format!(
        "aws events put-rule \\\n  --name {} \\\n  --event-pattern {p}\n\n",
        quote::shell(name)
    );
    match crate::example::example_event(pattern) {
        Some(event) => {
            out.push_str("# Check it against an event first (this example event matches):\n");
            out.push_str(&format!(
                "aws events test-event-pattern \\\n  --event-pattern {p} \\\n  --event {}\n",
                quote::shell(&event)
            ));
        }
        None => {
            out.push_str("# Check it against an event first (save one as event.json):\n");
            out.push_str(&format!(
                "aws events test-event-pattern \\\n  --event-pattern {p} \\\n  --event file://event.json\n"
            ));
        }
    }
    out
}

fn cloudformation_json(tree: &Json<'_>, id: &str, name: Option<&str>) -> String {
    let mut props: Vec<Member<'_>> = Vec::new();
    let name_literal;
    if let Some(n) = name {
        name_literal = crate::json::quote(n);
        props.push(member("Name", Json::Str(n.into(), &name_literal)));
    }
    props.push(member("State", Json::Str("ENABLED".into(), "\"ENABLED\"")));
    props.push(member("EventPattern", tree.clone()));
    let id_literal = crate::json::quote(id);
    let resource = Json::Object(vec![
        member(
            "Type",
            Json::Str("AWS::Events::Rule".into(), "\"AWS::Events::Rule\""),
        ),
        member("Properties", Json::Object(props)),
    ]);
    let template = Json::Object(vec![
        member(
            "AWSTemplateFormatVersion",
            Json::Str("2010-09-09".into(), "\"2010-09-09\""),
        ),
        member(
            "Resources",
            Json::Object(vec![Member {
                key: id.into(),
                raw_key: &id_literal,
                value: resource,
            }]),
        ),
    ]);
    let mut compact = String::new();
    minify(&template, &mut compact);
    crate::json::format(&compact).unwrap_or(compact)
}

fn member<'a>(key: &'static str, value: Json<'a>) -> Member<'a> {
    let raw_key: &'static str = match key {
        "Name" => "\"Name\"",
        "State" => "\"State\"",
        "EventPattern" => "\"EventPattern\"",
        "Type" => "\"Type\"",
        "Properties" => "\"Properties\"",
        "AWSTemplateFormatVersion" => "\"AWSTemplateFormatVersion\"",
        _ => "\"Resources\"",
    };
    Member {
        key: key.into(),
        raw_key,
        value,
    }
}

/// A note when a number is spelt in a way YAML 1.1 readers take for a string.
fn yaml_numbers_note(tree: &Json<'_>, notes: &mut Vec<String>) {
    let mut all = Vec::new();
    numbers(tree, &mut all);
    let odd: Vec<&str> = all
        .into_iter()
        .filter(|t| !yaml::yaml11_number(t))
        .collect();
    if !odd.is_empty() {
        notes.push(format!(
            "YAML 1.1 readers (PyYAML, SnakeYAML) take these numbers for strings: {}; if your tool uses one, write them with a decimal point and a signed exponent (1e2 as 1.0e+2).",
            odd.join(", ")
        ));
    }
}

/// A note when the target's JSON writer may print a number differently.
fn respelled_note(tree: &Json<'_>, writer: &str, notes: &mut Vec<String>) {
    let mut all = Vec::new();
    numbers(tree, &mut all);
    let odd: Vec<&str> = all.into_iter().filter(|t| !plain_number(t)).collect();
    if !odd.is_empty() {
        notes.push(format!(
            "{writer} writes numbers in its own spelling, so {} may reach AWS spelt differently (e.g. 1e2 as 100); AWS compares most numbers by value, but one that is not exactly representable matches only its identical text.",
            odd.join(", ")
        ));
    }
}

/// A number every JSON writer prints as written: an integer of at most 15
/// digits, or a decimal with no exponent and no trailing zero; not `-0`.
fn plain_number(t: &str) -> bool {
    let body = t.strip_prefix('-').unwrap_or(t);
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(int)
        && int.len() + frac.len() <= 15
        && (frac.is_empty() || (digits(frac) && !frac.ends_with('0')))
        && !(t.starts_with('-') && body.bytes().all(|b| b == b'0' || b == b'.'))
}

/// AWS's rule-name rule: `[.\-_A-Za-z0-9]+`, at most 64 characters.
fn valid_rule_name(n: &str) -> bool {
    (1..=64).contains(&n.len())
        && n.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
}

/// A CloudFormation logical id (letters and digits) from the rule's name.
fn logical_id(name: Option<&str>) -> String {
    let Some(n) = name else {
        return DEFAULT_ID.into();
    };
    let mut id = String::new();
    let mut upper = true;
    for c in n.chars() {
        if c.is_ascii_alphanumeric() {
            id.push(if upper { c.to_ascii_uppercase() } else { c });
            upper = false;
        } else {
            upper = true;
        }
    }
    if id.is_empty() || id.starts_with(|c: char| c.is_ascii_digit()) {
        id.insert_str(0, "Rule");
    }
    id.truncate(255);
    id
}

/// A Terraform resource name (`my_rule` from `MyRule`).
fn terraform_label(id: &str) -> String {
    let mut out = String::new();
    for (i, c) in id.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_ids() {
        assert_eq!(logical_id(Some("ec2-state.rule")), "Ec2StateRule");
        assert_eq!(logical_id(Some("9x")), "Rule9x");
        assert_eq!(logical_id(Some("--")), "Rule");
        assert_eq!(terraform_label("Ec2StateRule"), "ec2_state_rule");
        assert!(valid_rule_name("my.rule_1-a"));
        assert!(!valid_rule_name("my rule"));
    }

    #[test]
    fn plain_numbers() {
        for t in ["0", "-5", "1.5", "123456789012345"] {
            assert!(plain_number(t), "{t}");
        }
        for t in ["-0", "1e2", "1.50", "1234567890123456", "-0.0"] {
            assert!(!plain_number(t), "{t}");
        }
    }
}
