//! The CDK snippets. CDK's typed `EventPattern` has one property per envelope
//! field, each a list of strings, plus `detail` (any object); a pattern that
//! needs more (top-level `$or`, other top-level keys, operators or numbers on
//! envelope fields) is written as a `CfnRule`, whose `eventPattern` takes
//! any JSON, so the snippet still deploys exactly this pattern.

use super::code::{literal, Lang};
use super::tree::{Json, Member};
use std::borrow::Cow;

/// Envelope fields and CDK's names for them (TypeScript, Python).
const FIELDS: &[(&str, &str, &str)] = &[
    ("version", "version", "version"),
    ("id", "id", "id"),
    ("detail-type", "detailType", "detail_type"),
    ("source", "source", "source"),
    ("account", "account", "account"),
    ("time", "time", "time"),
    ("region", "region", "region"),
    ("resources", "resources", "resources"),
    ("detail", "detail", "detail"),
];

/// Why CDK's typed `EventPattern` cannot hold `pattern`, if it cannot.
pub(crate) fn untyped_reason(pattern: &Json<'_>) -> Option<String> {
    let Json::Object(members) = pattern else {
        return Some("the pattern is not an object".into());
    };
    for m in members {
        let key = m.key.as_ref();
        if key == "$or" {
            return Some("it has a top-level `$or`".into());
        }
        if !FIELDS.iter().any(|f| f.0 == key) {
            return Some(format!(
                "its top-level field {} is not an envelope field",
                super::quote::js(key)
            ));
        }
        let fits = match (&m.value, key) {
            (Json::Object(_), "detail") => true,
            (Json::Array(items), k) if k != "detail" => {
                items.iter().all(|i| matches!(i, Json::Str(..)))
            }
            _ => false,
        };
        if !fits {
            return Some(if key == "detail" {
                "its `detail` is a list of values, not an object of fields".into()
            } else {
                format!("`{key}` holds more than plain strings (CDK types it as a list of strings)")
            });
        }
    }
    None
}

/// The pattern with CDK's property names for `lang`.
fn renamed<'a>(pattern: &Json<'a>, lang: Lang) -> Vec<(&'static str, Json<'a>)> {
    let Json::Object(members) = pattern else {
        return Vec::new();
    };
    members
        .iter()
        .filter_map(|m: &Member<'a>| {
            let f = FIELDS.iter().find(|f| f.0 == m.key.as_ref())?;
            Some((if lang == Lang::Py { f.2 } else { f.1 }, m.value.clone()))
        })
        .collect()
}

/// CDK TypeScript.
pub(crate) fn typescript(
    pattern: &Json<'_>,
    id: &str,
    name: Option<&str>,
) -> (String, Option<String>) {
    let mut out = String::from("import * as events from 'aws-cdk-lib/aws-events';\n\n");
    let id = Lang::Ts.string(id);
    match untyped_reason(pattern) {
        None => {
            let object = Json::Object(
                renamed(pattern, Lang::Ts)
                    .into_iter()
                    .map(|(k, value)| Member {
                        key: Cow::Borrowed(k),
                        raw_key: k,
                        value,
                    })
                    .collect(),
            );
            out.push_str(&format!("const rule = new events.Rule(this, {id}, {{\n"));
            if let Some(n) = name {
                out.push_str(&format!("  ruleName: {},\n", Lang::Ts.string(n)));
            }
            out.push_str(&format!(
                "  eventPattern: {},\n",
                literal(Lang::Ts, &object, 1)
            ));
            out.push_str("});\n// Then: rule.addTarget(...) with a target from 'aws-cdk-lib/aws-events-targets'.\n");
            (out, None)
        }
        Some(why) => {
            let note = cfn_note(&why, "targets: [{ id: …, arn: … }]");
            out.push_str(&format!("// {note}\n"));
            out.push_str(&format!("new events.CfnRule(this, {id}, {{\n"));
            if let Some(n) = name {
                out.push_str(&format!("  name: {},\n", Lang::Ts.string(n)));
            }
            out.push_str("  state: 'ENABLED',\n");
            out.push_str(&format!(
                "  eventPattern: {},\n",
                literal(Lang::Ts, pattern, 1)
            ));
            out.push_str("  // targets: [{ id: 'Target0', arn: … }],\n});\n");
            (out, Some(note))
        }
    }
}

/// CDK Python.
pub(crate) fn python(pattern: &Json<'_>, id: &str, name: Option<&str>) -> (String, Option<String>) {
    let mut out = String::from("from aws_cdk import aws_events as events\n\n");
    let id = Lang::Py.string(id);
    match untyped_reason(pattern) {
        None => {
            out.push_str(&format!("rule = events.Rule(\n    self,\n    {id},\n"));
            if let Some(n) = name {
                out.push_str(&format!("    rule_name={},\n", Lang::Py.string(n)));
            }
            out.push_str("    event_pattern=events.EventPattern(\n");
            for (k, v) in renamed(pattern, Lang::Py) {
                out.push_str(&format!("        {k}={},\n", literal(Lang::Py, &v, 2)));
            }
            out.push_str("    ),\n)\n# Then: rule.add_target(...) with a target from aws_cdk.aws_events_targets.\n");
            (out, None)
        }
        Some(why) => {
            let note = cfn_note(&why, "targets=[events.CfnRule.TargetProperty(id=…, arn=…)]");
            out.push_str(&format!("# {note}\n"));
            out.push_str(&format!("events.CfnRule(\n    self,\n    {id},\n"));
            if let Some(n) = name {
                out.push_str(&format!("    name={},\n", Lang::Py.string(n)));
            }
            out.push_str("    state=\"ENABLED\",\n");
            out.push_str(&format!(
                "    event_pattern={},\n",
                literal(Lang::Py, pattern, 1)
            ));
            out.push_str(
                "    # targets=[events.CfnRule.TargetProperty(id=\"Target0\", arn=…)],\n)\n",
            );
            (out, Some(note))
        }
    }
}

fn cfn_note(why: &str, targets: &str) -> String {
    format!(
        "CDK's typed EventPattern cannot express this pattern ({why}), so it is set on a CfnRule, which takes any pattern; add its targets there ({targets})."
    )
}
