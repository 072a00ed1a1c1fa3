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

/// One pattern per non-blank line, named `line-N` (1-based).
pub fn lines(doc: &Doc<'_>) -> Vec<Rule> {
    let mut rules = Vec::new();
    let mut offset = 0;
    for (i, line) in doc.text.split_inclusive('\n').enumerate() {
        let content = line.trim_end_matches(['\n', '\r']);
        if !content.trim().is_empty() {
            let start = offset + (content.len() - content.trim_start().len());
            rules.push(doc.rule(
                format!("line-{}", i + 1),
                start,
                content.to_string(),
                &SourceMap::verbatim(offset),
            ));
        }
        offset += line.len();
    }
    rules
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
    let mut reader = eventpattern::json::Reader::new(&text[start..], crate::tree::MAX_DEPTH);
    loop {
        match reader.next_token() {
            Ok(t) if t.kind == eventpattern::json::TokenKind::End => break,
            Ok(_) => {}
            Err(_) => break,
        }
        if reader.depth() == 0 {
            break;
        }
    }
    start + reader.offset()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Status;

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
