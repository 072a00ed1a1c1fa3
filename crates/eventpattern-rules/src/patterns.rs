//! Plain pattern files: one pattern per file, one per line (JSON Lines), or
//! a JSON object of named patterns. The text of each pattern is exactly as
//! written (AWS's verdict can depend on it: a syntax error, the length limit).

use crate::map::SourceMap;
use crate::tree::{Kind, Node};
use crate::{Doc, Rule};

/// The whole file is one pattern, named `name`.
pub fn single(doc: &Doc<'_>, name: &str) -> Vec<Rule> {
    let start = doc.text.len() - doc.text.trim_start().len();
    vec![doc.rule(
        name.to_string(),
        start,
        doc.text.to_string(),
        &SourceMap::verbatim(0),
    )]
}

/// One pattern per non-blank line, named `line-N` (1-based). A pattern
/// written over several lines (pretty-printed patterns pasted one after
/// another) is one pattern, named by the line it starts on; a line that does
/// not read as a whole value is one pattern as it is (AWS's error says why).
pub fn lines(doc: &Doc<'_>) -> Vec<Rule> {
    let text = doc.text;
    let mut rules = Vec::new();
    let (mut offset, mut line_no) = (0, 1);
    while offset < text.len() {
        let line_end = text[offset..]
            .find('\n')
            .map_or(text.len(), |i| offset + i + 1);
        let content = text[offset..line_end].trim_end_matches(['\n', '\r']);
        let start = offset + (content.len() - content.trim_start().len());
        if let Some(next) = (!content.trim().is_empty())
            .then(|| multi_line_value(text, start))
            .flatten()
        {
            rules.push(doc.rule(
                format!("line-{line_no}"),
                start,
                text[start..next.0].to_string(),
                &SourceMap::verbatim(start),
            ));
            line_no += text[offset..next.1].matches('\n').count();
            offset = next.1;
            continue;
        }
        if !content.trim().is_empty() {
            rules.push(doc.rule(
                format!("line-{line_no}"),
                start,
                content.to_string(),
                &SourceMap::verbatim(offset),
            ));
        }
        line_no += 1;
        offset = line_end;
    }
    rules
}

/// A well-formed JSON value starting at `start` that goes on past its first
/// line and ends its last one: (its end, the start of the next line).
fn multi_line_value(text: &str, start: usize) -> Option<(usize, usize)> {
    let end = well_formed_value_end(text, start)?;
    let next_line = text[end..].find('\n').map_or(text.len(), |i| end + i + 1);
    (text[start..end].contains('\n') && text[end..next_line].trim().is_empty())
        .then_some((end, next_line))
}

/// `{"name": pattern, …}`: each value's text as written.
pub fn named(doc: &Doc<'_>, root: &Node) -> Vec<Rule> {
    root.entries()
        .iter()
        .map(|(key, value)| {
            let end = value_end(doc.text, value.start);
            doc.rule(
                key.value.clone(),
                value.start,
                doc.text[value.start..end].to_string(),
                &SourceMap::verbatim(value.start),
            )
        })
        .collect()
}

/// Whether a JSON object reads as named patterns rather than one pattern:
/// every value is an object and no key is a field of the event envelope.
pub fn looks_named(root: &Node) -> bool {
    const ENVELOPE: [&str; 10] = [
        "version",
        "id",
        "detail-type",
        "source",
        "account",
        "time",
        "region",
        "resources",
        "detail",
        "$or",
    ];
    let entries = root.entries();
    !entries.is_empty()
        && entries.iter().all(|(k, v)| {
            matches!(v.kind, Kind::Object(_)) && !ENVELOPE.contains(&k.value.as_str())
        })
}

/// The end of the JSON value starting at `start` (already known to be well formed).
fn value_end(text: &str, start: usize) -> usize {
    well_formed_value_end(text, start).unwrap_or(text.len())
}

/// The end of the JSON value starting at `start`, if it is well formed.
fn well_formed_value_end(text: &str, start: usize) -> Option<usize> {
    let mut reader = eventpattern::json::Reader::new(&text[start..], crate::tree::MAX_DEPTH);
    loop {
        match reader.next_token() {
            Ok(t) if t.kind == eventpattern::json::TokenKind::End => return None,
            Ok(_) if reader.depth() == 0 => return Some(start + reader.offset()),
            Ok(_) => {}
            Err(_) => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Status;

    #[test]
    fn pretty_printed_patterns_one_after_another_are_one_rule_each() {
        let text = "{\n  \"source\": [\"aws.ec2\"]\n}\n{\n  \"detail\": {\n    \"n\": [{\"prefix\": 5}]\n  }\n}\n{\"a\": [1]}\n{\"b\": \n";
        let doc = Doc::new("pasted", text);
        let rules = lines(&doc);
        let names: Vec<&str> = rules.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["line-1", "line-4", "line-9", "line-10"]);
        assert!(matches!(rules[0].status, Status::Valid { .. }));
        let Status::Invalid { error, .. } = &rules[1].status else {
            panic!("{:?}", rules[1].status)
        };
        assert_eq!(error.reason, "prefix match pattern must be a string");
        assert_eq!((error.at.line, error.at.column), (6, 22));
        assert!(matches!(rules[2].status, Status::Valid { .. }));
        assert!(matches!(rules[3].status, Status::Invalid { .. }));
    }

    #[test]
    fn json_lines_name_by_line_and_point_into_the_line() {
        let text = "{\"source\": [\"a\"]}\n\n  {\"source\": [{\"prefix\": 1}]}\n";
        let doc = Doc::new("p.jsonl", text);
        let rules = lines(&doc);
        assert_eq!(rules.len(), 2);
        assert_eq!(rules[1].name, "line-3");
        assert_eq!((rules[1].origin.line, rules[1].origin.column), (3, 3));
        let Status::Invalid { error, .. } = &rules[1].status else {
            panic!("{:?}", rules[1].status)
        };
        assert_eq!(error.reason, "prefix match pattern must be a string");
        assert_eq!((error.at.line, error.at.column), (3, 26));
    }

    #[test]
    fn named_patterns_keep_their_text() {
        let text = "{\"a\": {\"source\": [\"x\"]},\n \"b\": {\"detail\": {\"n\": [ 1, ]}}}";
        let root = crate::json_source::parse(text);
        // The file is not valid JSON: the reader says where.
        assert!(root.is_err());
        let text = "{\"a\": {\"source\": [\"x\"]},\n \"b\": {\"detail\": {\"n\": [\"1\"]}}}";
        let root = crate::json_source::parse(text).unwrap();
        assert!(looks_named(&root));
        let rules = named(&Doc::new("n.json", text), &root);
        assert_eq!(
            rules[1].status.text(),
            Some("{\"detail\": {\"n\": [\"1\"]}}")
        );
        let single = crate::json_source::parse("{\"detail\": {\"n\": [1]}}").unwrap();
        assert!(!looks_named(&single));
    }
}
