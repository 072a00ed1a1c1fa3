//! Terraform configuration (`.tf`): each `resource "aws_cloudwatch_event_rule"`
//! block's `event_pattern`, written as `jsonencode({…})`, a heredoc or a
//! string. A value that needs evaluation (a variable, an interpolation, a
//! function) is reported as unresolved.
//!
//! Crate choice: `hcl-edit` (the parser behind `hcl-rs`, maintained, in the
//! workspace already) because it keeps the byte span of every expression
//! and template literal, which positions need; `hcl-rs`'s values have none.

use crate::map::SourceMap;
use crate::tree::{Kind, Node, Text};
use crate::{Doc, Rule, SourceError};
use hcl_edit::expr::{Expression, ObjectKey};
use hcl_edit::structure::{BlockLabel, Structure};
use hcl_edit::template::Element;
use hcl_edit::Span;

const RULE_TYPE: &str = "aws_cloudwatch_event_rule";

/// The event rules of a `.tf` file, named by address (`aws_cloudwatch_event_rule.name`).
pub fn rules(doc: &Doc<'_>) -> Result<Vec<Rule>, SourceError> {
    let body = hcl_edit::parser::parse_body(doc.text).map_err(|e| {
        let loc = e.location();
        let offset = line_col_offset(doc.text, loc.line(), loc.column());
        doc.error(offset, e.message().to_string())
    })?;
    let mut found = Vec::new();
    for structure in body.iter() {
        let Structure::Block(block) = structure else {
            continue;
        };
        let labels: Vec<&str> = block.labels.iter().map(BlockLabel::as_str).collect();
        if block.ident.as_str() != "resource" || labels.first() != Some(&RULE_TYPE) {
            continue;
        }
        let name = format!("{RULE_TYPE}.{}", labels.get(1).copied().unwrap_or("?"));
        let Some(attr) = block.body.get_attribute("event_pattern") else {
            continue;
        };
        let origin = attr.span().map_or(0, |s| s.start);
        found.push(match pattern(doc.text, &attr.value) {
            Ok((text, map)) => doc.rule(name, origin, text, &map),
            Err((what, at)) => doc.unresolved(
                name,
                origin,
                format!(
                    "event_pattern uses {what} at {}: its value is known only when applied",
                    doc.place(at)
                ),
            ),
        });
    }
    Ok(found)
}

/// Byte offset of a 1-based line and column (in characters).
fn line_col_offset(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    text[start..]
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(text.len(), |(i, _)| start + i)
}

type Unresolved = (String, usize);

/// The pattern text of an `event_pattern` value and its source map.
fn pattern(src: &str, value: &Expression) -> Result<(String, SourceMap), Unresolved> {
    let start = value.span().map_or(0, |s| s.start);
    match value {
        Expression::FuncCall(call)
            if call.name.name.as_str() == "jsonencode" && !call.name.is_namespaced() =>
        {
            let arg = call
                .args
                .iter()
                .next()
                .ok_or(("jsonencode()".to_string(), start))?;
            let node = node(src, arg, 0)?;
            crate::render::render(&node, &|_| true).map_err(|u| (u.what, u.offset))
        }
        Expression::String(s) => Ok(string(src, s.value(), start)),
        Expression::HeredocTemplate(h) => {
            let mut text = String::new();
            let mut map = SourceMap::default();
            for element in h.template.iter() {
                match element {
                    Element::Literal(lit) => {
                        let at = lit.span().map_or(start, |s| s.start);
                        let (t, m) = literal(src, lit.value(), at, h.indent());
                        map.append(text.len(), &m);
                        text.push_str(&t);
                    }
                    other => {
                        let at = other.span().map_or(start, |s| s.start);
                        return Err(("a template interpolation".into(), at));
                    }
                }
            }
            Ok((text, map))
        }
        Expression::Parenthesis(p) => pattern(src, p.inner()),
        other => Err((describe(src, other), start)),
    }
}

/// What an expression is, for an unresolved pattern's reason.
fn describe(src: &str, e: &Expression) -> String {
    let written = e.span().and_then(|s| src.get(s)).unwrap_or("").trim();
    match e {
        Expression::Variable(_) | Expression::Traversal(_) if written.len() <= 60 => {
            format!("`{written}`")
        }
        Expression::Variable(_) | Expression::Traversal(_) => "a reference".into(),
        Expression::FuncCall(f) => format!("the function {}()", f.name.name.as_str()),
        Expression::StringTemplate(_) => "a string interpolation".into(),
        Expression::Conditional(_) => "a conditional".into(),
        Expression::ForExpr(_) => "a for expression".into(),
        _ => "an expression".into(),
    }
}

/// A quoted string: its escapes decoded again to map each byte, checked
/// against the parser's value.
fn string(src: &str, value: &str, start: usize) -> (String, SourceMap) {
    let raw_end = src[start..]
        .find('"')
        .and_then(|_| closing_quote(&src[start..]));
    if let Some(end) = raw_end {
        let t = crate::json_source::decode(&src[start..start + end], start);
        if t.value == value {
            return (t.value, t.map);
        }
    }
    let mut map = SourceMap::default();
    map.produced(0, start);
    (value.to_string(), map)
}

/// The length of the string literal starting at the text's first byte (a quote).
fn closing_quote(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut i = 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// A heredoc literal: copied line by line when each line is the end of its
/// source line (a `<<-` heredoc drops indentation).
fn literal(src: &str, value: &str, at: usize, indent: Option<usize>) -> (String, SourceMap) {
    let mut map = SourceMap::default();
    let value = match indent {
        Some(n) => value
            .split_inclusive('\n')
            .map(|l| {
                let spaces = l.len() - l.trim_start_matches(' ').len();
                &l[spaces.min(n)..]
            })
            .collect::<String>(),
        None => value.to_string(),
    };
    let mut source = at;
    let mut out = 0;
    for line in value.split_inclusive('\n') {
        let src_line_end = src[source..]
            .find('\n')
            .map_or(src.len(), |n| source + n + 1);
        let src_line = &src[source..src_line_end];
        if !src_line.ends_with(line) {
            map.produced(out, source);
            return (value, map);
        }
        map.copied(out, src_line_end - line.len());
        out += line.len();
        source = src_line_end;
    }
    (value, map)
}

/// A `jsonencode` argument as a tree.
fn node(src: &str, e: &Expression, depth: usize) -> Result<Node, Unresolved> {
    let start = e.span().map_or(0, |s| s.start);
    if depth > crate::tree::MAX_DEPTH {
        return Err(("nesting too deep".into(), start));
    }
    let kind = match e {
        Expression::Null(_) => Kind::Null,
        Expression::Bool(b) => Kind::Bool(*b.value()),
        Expression::Number(_) => {
            let written = e.span().map(|s| src[s].to_string()).unwrap_or_default();
            Kind::Number(written)
        }
        Expression::String(s) => {
            let (value, map) = string(src, s.value(), start);
            Kind::Str(Text { value, map, start })
        }
        Expression::Array(a) => Kind::Array(
            a.iter()
                .map(|v| node(src, v, depth + 1))
                .collect::<Result<_, _>>()?,
        ),
        Expression::Object(o) => {
            let mut entries = Vec::new();
            for (k, v) in o.iter() {
                let key = match k {
                    ObjectKey::Ident(id) => {
                        Text::at(id.as_str(), id.span().map_or(start, |s| s.start))
                    }
                    ObjectKey::Expression(Expression::String(s)) => {
                        let at = k.span().map_or(start, |s| s.start);
                        let (value, map) = string(src, s.value(), at);
                        Text {
                            value,
                            map,
                            start: at,
                        }
                    }
                    ObjectKey::Expression(other) => {
                        return Err((describe(src, other), k.span().map_or(start, |s| s.start)))
                    }
                };
                entries.push((key, node(src, v.expr(), depth + 1)?));
            }
            Kind::Object(entries)
        }
        Expression::Parenthesis(p) => return node(src, p.inner(), depth + 1),
        other => return Err((describe(src, other), start)),
    };
    Ok(Node { kind, start })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Status;

    #[test]
    fn jsonencode_heredoc_and_variables() {
        let text = r#"resource "aws_cloudwatch_event_rule" "a" {
  name          = "a"
  event_pattern = jsonencode({
    source        = ["aws.ec2"]
    "detail-type" = ["EC2 Instance State-change Notification"]
    detail = { state = [{ prefix = 5 }] }
  })
}

resource "aws_cloudwatch_event_rule" "b" {
  event_pattern = <<-EOF
    {"source": ["aws.s3"], "detail": {"size": [{"numeric": [">", "big"]}]}}
  EOF
}

resource "aws_cloudwatch_event_rule" "c" {
  event_pattern = jsonencode({ source = [var.source] })
}
"#;
        let rules = rules(&Doc::new("main.tf", text)).unwrap();
        assert_eq!(rules.len(), 3);
        assert_eq!(rules[0].name, "aws_cloudwatch_event_rule.a");
        let Status::Invalid { error, .. } = &rules[0].status else {
            panic!("{:?}", rules[0].status)
        };
        assert_eq!(error.reason, "prefix match pattern must be a string");
        assert_eq!((error.at.line, error.at.column), (6, 36));
        let Status::Invalid { error, .. } = &rules[1].status else {
            panic!("{:?}", rules[1].status)
        };
        assert_eq!(error.reason, "Value of > must be numeric");
        let line = text.lines().nth(11).unwrap();
        assert_eq!(
            (error.at.line, error.at.column as usize),
            (12, line.find("\"big").unwrap() + 1)
        );
        let Status::Unresolved { why } = &rules[2].status else {
            panic!()
        };
        assert_eq!(
            why,
            "event_pattern uses `var.source` at 17:42: its value is known only when applied"
        );
    }
}
