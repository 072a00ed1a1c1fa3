//! The quick reference: every operator EventBridge patterns have, with a
//! one-line example and when to reach for it. Each example is a condition as
//! it sits in a field's list, so it can be inserted at the caret; a test
//! checks that each one, placed in a field's list, is a valid pattern.

/// One entry of the quick reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// The operator's name as shown.
    pub name: &'static str,
    /// The text inserted at the caret (a condition inside a field's list,
    /// or a whole member for `$or`).
    pub insert: &'static str,
    /// When to use it.
    pub when: &'static str,
}

/// Every operator, in the order a learner meets them.
pub const ENTRIES: &[Entry] = &[
    Entry { name: "exact value", insert: "\"stopped\"", when: "The field equals this string (case-sensitive). List several to accept any of them." },
    Entry { name: "number", insert: "42", when: "The field is this number (compared as a number: 42 matches 42.0)." },
    Entry { name: "null", insert: "null", when: "The field is present and null (not absent: use exists for that)." },
    Entry { name: "prefix", insert: "{\"prefix\": \"prod-\"}", when: "The string starts with this text." },
    Entry { name: "suffix", insert: "{\"suffix\": \".png\"}", when: "The string ends with this text, e.g. a file extension." },
    Entry { name: "equals-ignore-case", insert: "{\"equals-ignore-case\": \"Stopped\"}", when: "The string equals this text in any letter case." },
    Entry { name: "prefix, any case", insert: "{\"prefix\": {\"equals-ignore-case\": \"prod-\"}}", when: "Starts with this text in any letter case." },
    Entry { name: "wildcard", insert: "{\"wildcard\": \"arn:aws:s3:::my-bucket/*.jpg\"}", when: "`*` stands for any run of characters; write `\\\\*` for a literal star." },
    Entry { name: "anything-but", insert: "{\"anything-but\": [\"running\", \"pending\"]}", when: "Any value except these (an absent field does not match)." },
    Entry { name: "anything-but prefix", insert: "{\"anything-but\": {\"prefix\": \"test-\"}}", when: "Any string that does not start with this text." },
    Entry { name: "anything-but suffix", insert: "{\"anything-but\": {\"suffix\": \".tmp\"}}", when: "Any string that does not end with this text." },
    Entry { name: "anything-but, any case", insert: "{\"anything-but\": {\"equals-ignore-case\": [\"Test\", \"Dev\"]}}", when: "Any string except these, in any letter case." },
    Entry { name: "numeric range", insert: "{\"numeric\": [\">\", 0, \"<=\", 100]}", when: "A number in a range: one or two of >, >=, <, <=, or = alone." },
    Entry { name: "exists", insert: "{\"exists\": true}", when: "The field is present with a value (not an object)." },
    Entry { name: "does not exist", insert: "{\"exists\": false}", when: "The field is absent from the event." },
    Entry { name: "cidr", insert: "{\"cidr\": \"10.0.0.0/24\"}", when: "An IPv4 or IPv6 address inside this block, e.g. a source IP." },
    Entry { name: "empty string", insert: "\"\"", when: "The field is the empty string." },
    Entry { name: "$or", insert: "\"$or\": [{\"detail\": {\"state\": [\"stopped\"]}}, {\"detail\": {\"state\": [\"terminated\"]}}]", when: "Either set of fields matches (a member of the pattern object, not a condition)." },
];

/// The text to insert for `entry` between `before` and `after` (the editor's
/// text on each side of the caret): commas added where the neighbours are
/// values or members, so an example dropped beside another stays valid JSON.
/// Refused (with what to do) when the caret is not where the entry goes: a
/// condition inside a field's list `[ … ]`, `$or` inside an object.
pub fn with_separators(entry: &Entry, before: &str, after: &str) -> Result<String, String> {
    let member = entry.insert.starts_with("\"$or\"");
    match (member, innermost_open(before)) {
        (false, Some('[')) | (true, Some('{')) => {}
        (false, _) => {
            return Err(format!(
                "Put the caret inside a field's list (between its [ and ]), then choose {} again.",
                entry.name
            ))
        }
        (true, _) => {
            return Err("Put the caret inside an object (after a {), then choose $or again.".into())
        }
    }
    let prev = before.trim_end().chars().next_back();
    let next = after.trim_start().chars().next();
    // A value (or member) ends just before: `"x"`, `5`, `true`, `}`, `]`.
    let ends_value = prev.is_some_and(|c| !matches!(c, '[' | '{' | ',' | ':'));
    // A value (or member) starts just after.
    let starts_value = next.is_some_and(|c| !matches!(c, ']' | '}' | ','));
    Ok(format!(
        "{}{}{}",
        if ends_value { ", " } else { "" },
        entry.insert,
        if starts_value { ", " } else { "" }
    ))
}

/// The innermost bracket (`[` or `{`) still open at the end of `before`,
/// strings skipped.
fn innermost_open(before: &str) -> Option<char> {
    let (mut open, mut in_string, mut escaped) = (Vec::new(), false, false);
    for c in before.chars() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '[' | '{' => open.push(c),
            ']' | '}' => {
                open.pop();
            }
            _ => {}
        }
    }
    open.pop()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inserted_examples_keep_the_pattern_valid() {
        let prefix = ENTRIES.iter().find(|e| e.name == "prefix").unwrap();
        for (before, after) in [
            ("{\"detail\": {\"state\": [\"stopped\"", "]}}"),
            ("{\"detail\": {\"state\": [", "\"stopped\"]}}"),
            ("{\"detail\": {\"state\": [", "]}}"),
            ("{\"detail\": {\"state\": [\"a\" ", " \"b\"]}}"),
        ] {
            let text = format!(
                "{before}{}{after}",
                with_separators(prefix, before, after).unwrap()
            );
            assert!(eventpattern::Pattern::parse(&text).is_ok(), "{text}");
        }
        let or = ENTRIES.iter().find(|e| e.name == "$or").unwrap();
        let (before, after) = ("{\"source\": [\"aws.ec2\"]", "}");
        let text = format!(
            "{before}{}{after}",
            with_separators(or, before, after).unwrap()
        );
        assert!(eventpattern::Pattern::parse(&text).is_ok(), "{text}");
        // Not where it goes: refused, with what to do.
        assert!(with_separators(prefix, "", "{\"a\": [\"x\"]}").is_err());
        assert!(with_separators(prefix, "{\"a\": [\"x\"], ", "}").is_err());
        assert!(with_separators(prefix, "{\"a\": [\"[x\", ", "]}").is_ok());
        assert!(with_separators(or, "{\"a\": [", "]}").is_err());
    }

    #[test]
    fn every_example_makes_a_valid_pattern_where_it_belongs() {
        for e in ENTRIES {
            let pattern = if e.insert.starts_with("\"$or\"") {
                format!("{{{}}}", e.insert)
            } else {
                format!("{{\"detail\": {{\"field\": [{}]}}}}", e.insert)
            };
            assert!(
                eventpattern::Pattern::parse(&pattern).is_ok(),
                "{}: {pattern}",
                e.name
            );
        }
    }
}
