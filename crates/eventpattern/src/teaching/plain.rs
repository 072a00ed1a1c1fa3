//! Errors in plain words: one sentence that says what is wrong and how to fix
//! it, for the pattern and for the event. AWS's exact reason stays in
//! [`PatternError::reason`]; these sentences are shown before it.
//!
//! ```
//! use eventpattern::{plain, Encoding, Pattern};
//!
//! let text = "{\"source\": [\"aws.ec2\"}";
//! let e = Pattern::parse(text).unwrap_err();
//! assert_eq!(
//!     plain::pattern_error_sentence(text, &e, Encoding::Chars),
//!     "The list opened at line 1, column 12 is not closed: add `]` before the `}` at line 1, column 22."
//! );
//! ```

use crate::json::{decode_string, JsonError, JsonErrorKind, Reader, TokenKind};
use crate::pattern::{ErrorKind, PathSegment, PatternError, MAX_PATTERN_DEPTH, MAX_PATTERN_LENGTH};
use crate::span::{Encoding, LineIndex, Span};
use crate::EventError;

/// The operators a pattern may use, for "did you mean" and for listing.
pub(crate) const OPERATORS: &[&str] = &[
    "prefix",
    "suffix",
    "equals-ignore-case",
    "wildcard",
    "anything-but",
    "numeric",
    "exists",
    "cidr",
];

/// One sentence on why the pattern is invalid and what to change.
/// `text` is the pattern the error came from; columns are counted in `encoding`.
///
/// ```
/// use eventpattern::{plain::pattern_error_sentence, Encoding, Pattern};
///
/// let text = "{\"a\": [\n  'x']}";
/// let sentence = pattern_error_sentence(text, &Pattern::parse(text).unwrap_err(), Encoding::Chars);
/// assert!(sentence.contains("line 2, column 3"), "{sentence}");
/// ```
pub fn pattern_error_sentence(text: &str, e: &PatternError, encoding: Encoding) -> String {
    let w = Where::new(text, encoding);
    if e.kind == ErrorKind::Syntax {
        return match first_json_error(text, MAX_PATTERN_DEPTH) {
            Some(je) if je.span == e.span => syntax_sentence(&w, &je),
            _ => format!("The pattern is not valid JSON at {}.", w.at(e.span)),
        };
    }
    semantic_sentence(&w, e)
}

/// One sentence on why the event could not be read, naming the text at fault.
///
/// ```
/// use eventpattern::{plain::event_error_sentence, Encoding, Pattern};
///
/// let event = r#"{"a": tru}"#;
/// let e = Pattern::parse(r#"{"a": ["x"]}"#).unwrap().matches(event).unwrap_err();
/// assert!(event_error_sentence(event, &e, Encoding::Chars).contains("tru"));
/// ```
pub fn event_error_sentence(text: &str, e: &EventError, encoding: Encoding) -> String {
    let w = Where::new(text, encoding);
    match first_json_error(text, usize::MAX) {
        Some(je) if je.span == e.span => {
            format!("The event is not valid JSON: {}", decapitalize(&syntax_sentence(&w, &je)))
        }
        Some(_) => format!("The event is not valid JSON at {}.", w.at(e.span)),
        None if text.trim().is_empty() => {
            "The event is empty: paste an event, a JSON object such as {\"source\": \"aws.ec2\", …}."
                .to_string()
        }
        None => format!(
            "An event is a JSON object ({{ … }}); this one is {} at {}.",
            describe(w.slice(e.span)),
            w.at(e.span)
        ),
    }
}

/// Line and column of spans in one text.
struct Where<'a> {
    text: &'a str,
    index: LineIndex<'a>,
    encoding: Encoding,
}

impl<'a> Where<'a> {
    fn new(text: &'a str, encoding: Encoding) -> Self {
        Where {
            text,
            index: LineIndex::new(text),
            encoding,
        }
    }

    fn at(&self, span: Span) -> String {
        let p = self.index.line_col(span.start, self.encoding);
        format!("line {}, column {}", p.line, p.column)
    }

    fn slice(&self, span: Span) -> &'a str {
        self.text.get(span.range()).unwrap_or("")
    }

    /// The last character before `span` that is not whitespace.
    fn before(&self, span: Span) -> Option<char> {
        self.text
            .get(..span.start as usize)?
            .trim_end_matches([' ', '\n', '\r', '\t'])
            .chars()
            .next_back()
    }
}

/// The first syntax error a full read of `text` meets, if any.
fn first_json_error(text: &str, max_depth: usize) -> Option<JsonError> {
    let mut r = Reader::new(text, max_depth);
    loop {
        match r.next_token() {
            Ok(t) if t.kind == TokenKind::End => return None,
            Ok(_) => {}
            Err(e) => return Some(e),
        }
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

fn decapitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) if f.is_ascii_uppercase() && !s.starts_with("JSON") => {
            f.to_ascii_lowercase().to_string() + c.as_str()
        }
        _ => s.to_string(),
    }
}

/// `{` → object, `[` → list, `"` → string.
fn opened(c: &str) -> (&'static str, &'static str) {
    match c {
        "{" => ("object", "}"),
        "[" => ("list", "]"),
        _ => ("string", "\""),
    }
}

fn syntax_sentence(w: &Where<'_>, e: &JsonError) -> String {
    let tok = w.slice(e.span);
    let at = w.at(e.span);
    let first = tok.chars().next();
    match e.kind {
        JsonErrorKind::MismatchedClose => match e.related {
            Some(open) => {
                let (what, close) = opened(w.slice(open));
                format!(
                    "The {what} opened at {} is not closed: add `{close}` before the `{tok}` at {at}.",
                    w.at(open)
                )
            }
            None => format!("`{tok}` at {at} closes nothing: the text must start with `{{`."),
        },
        JsonErrorKind::UnexpectedEnd => match e.related {
            // Inside an escape the string is unclosed too; the escape is the nearer fix.
            _ if e.message.contains("escape") => format!(
                "The text ends in the middle of an escape sequence (`\\`), at {at}: finish it and close the string."
            ),
            Some(open) if w.slice(open) == "\"" => format!(
                "The string that starts at {} is not closed: add `\"` at its end.",
                w.at(open)
            ),
            Some(open) => {
                let (what, close) = opened(w.slice(open));
                format!(
                    "The {what} opened at {} is not closed: add `{close}` at the end.",
                    w.at(open)
                )
            }
            None if e.message.contains("numeric") => {
                format!("The text ends in the middle of a number, at {at}: finish the number.")
            }
            None => format!("The text ends too early, at {at}: something is missing."),
        },
        JsonErrorKind::UnexpectedCharacter => {
            let prev = w.before(e.span);
            let c = first.unwrap_or(' ');
            if c == '\'' {
                return format!("Unexpected `'` at {at}: JSON strings use double quotes (\"…\").");
            }
            let closes = c == ']' || c == '}';
            if closes && prev == Some(',') {
                return format!(
                    "Remove the `,` before the `{c}` at {at}: JSON allows no comma after the last entry."
                );
            }
            if e.message.contains("start field name") {
                if c.is_alphanumeric() || c == '_' || c == '$' {
                    let word: String = w.text[e.span.start as usize..]
                        .chars()
                        .take_while(|&c| c.is_alphanumeric() || c == '_' || c == '-' || c == '$')
                        .collect();
                    return format!(
                        "The key `{word}` at {at} needs double quotes: write \"{word}\"."
                    );
                }
                return format!("Unexpected `{c}` at {at}: a key in double quotes was expected.");
            }
            if e.message.contains("comma to separate") {
                return format!(
                    "A `,` is missing before the `{c}` at {at}: separate the entries of a list or object with commas."
                );
            }
            if e.message.contains("colon") {
                return format!(
                    "A `:` is missing before the `{c}` at {at}: write a colon between a key and its value."
                );
            }
            if prev == Some(':') {
                return format!(
                    "The key before {at} has no value: write a value after the `:` (e.g. [\"…\"])."
                );
            }
            format!(
                "Unexpected `{c}` at {at}: a value was expected (a string in double quotes, a number, true, false, null, a list or an object)."
            )
        }
        JsonErrorKind::UnrecognizedToken => {
            let lower = tok.to_ascii_lowercase();
            if ["true", "false", "null"].contains(&lower.as_str()) {
                format!("`{tok}` at {at} is not JSON: write `{lower}` in lower case.")
            } else {
                format!(
                    "`{tok}` at {at} is not a JSON value: put text in double quotes (\"{tok}\")."
                )
            }
        }
        JsonErrorKind::BadEscape if tok.starts_with('\\') => format!(
            "`{tok}` at {at} is not a JSON escape: write `\\\\` for a backslash (escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)."
        ),
        JsonErrorKind::BadEscape => {
            format!("A `\\u` escape needs four hexadecimal digits; `{tok}` at {at} is not one.")
        }
        JsonErrorKind::ControlCharacter => {
            let (name, escape) = match tok.as_bytes().first() {
                Some(b'\n') => ("line break", "\\n".to_string()),
                Some(b'\r') => ("carriage return", "\\r".to_string()),
                Some(b'\t') => ("tab", "\\t".to_string()),
                Some(&b) => ("control character", format!("\\u{:04x}", b)),
                None => ("control character", "\\u0000".to_string()),
            };
            format!(
                "A string contains a raw {name} at {at}: close the string with `\"` before it, or write it as `{escape}`."
            )
        }
        JsonErrorKind::BadNumber if tok == "0" => format!(
            "The number at {at} starts with 0: JSON numbers have no leading zeros (write it without them, or as a string in double quotes)."
        ),
        JsonErrorKind::BadNumber => {
            let what = if e.message.contains("minus") {
                "a `-` must be followed by a digit"
            } else if e.message.contains("Decimal") {
                "a decimal point must be followed by a digit"
            } else if e.message.contains("Exponent") {
                "an exponent (`e`) must be followed by a digit"
            } else {
                "it is not a valid JSON number"
            };
            format!("The number before {at} is malformed: {what}.")
        }
        JsonErrorKind::TooDeep => {
            format!("The lists and objects at {at} are nested too deeply.")
        }
    }
}

/// `the number 5`, `the string "x"`, `a list`, …, for a token's text.
fn describe(tok: &str) -> String {
    match tok.chars().next() {
        Some('"') => format!("the string {tok}"),
        Some('-' | '0'..='9') => format!("the number {tok}"),
        Some('[') => "a list".to_string(),
        Some('{') => "an object".to_string(),
        Some(_) => format!("`{tok}`"),
        None => "nothing".to_string(),
    }
}

/// The pattern field an error is in (`detail.state`), and the operator, if any.
fn field_and_operator(e: &PatternError) -> (String, Option<String>) {
    let mut keys = Vec::new();
    let mut operator = None;
    let (mut in_list, mut or_branch) = (false, false);
    for seg in &e.path {
        match seg {
            PathSegment::Key(k) if in_list => operator = Some(k.clone()),
            PathSegment::Key(k) if k == "$or" => or_branch = true,
            PathSegment::Key(k) => keys.push(k.as_str()),
            // The index of a `$or` branch: the fields inside continue the path.
            PathSegment::Index(_) if or_branch => or_branch = false,
            PathSegment::Index(_) => in_list = true,
        }
    }
    (keys.join("."), operator)
}

/// The operator someone most likely meant by `name`, if one is close.
///
/// ```
/// use eventpattern::plain::operator_meant;
///
/// assert_eq!(operator_meant("startsWith"), Some("prefix"));
/// assert_eq!(operator_meant("banana"), None);
/// ```
pub fn operator_meant(name: &str) -> Option<&'static str> {
    let known: &[(&str, &str)] = &[
        ("startswith", "prefix"),
        ("beginswith", "prefix"),
        ("starts-with", "prefix"),
        ("endswith", "suffix"),
        ("ends-with", "suffix"),
        ("wildcards", "wildcard"),
        ("anything_but", "anything-but"),
        ("anythingbut", "anything-but"),
        ("not", "anything-but"),
        ("equalsignorecase", "equals-ignore-case"),
        ("equals_ignore_case", "equals-ignore-case"),
        ("ignorecase", "equals-ignore-case"),
        ("exist", "exists"),
        ("number", "numeric"),
        ("numbers", "numeric"),
        ("range", "numeric"),
    ];
    // Operator names are ASCII.
    let lower = name.to_ascii_lowercase();
    if let Some(op) = OPERATORS.iter().find(|op| **op == lower) {
        return Some(op);
    }
    if let Some((_, op)) = known.iter().find(|(k, _)| *k == lower) {
        return Some(op);
    }
    let (d, op) = OPERATORS
        .iter()
        .map(|op| (crate::hints::edit_distance(&lower, op, 3), *op))
        .min()?;
    (d <= if op.len() > 6 { 3 } else { 2 } && d < op.len() / 2 + 1).then_some(op)
}

fn semantic_sentence(w: &Where<'_>, e: &PatternError) -> String {
    let tok = w.slice(e.span);
    let at = w.at(e.span);
    let (field, operator) = field_and_operator(e);
    let field_name = if field.is_empty() {
        "The pattern".to_string()
    } else {
        format!("`{field}`")
    };
    match e.kind {
        ErrorKind::NotAnObject if w.text.trim().is_empty() => {
            "The pattern is empty: write a JSON object, e.g. {\"source\": [\"aws.ec2\"]}.".into()
        }
        ErrorKind::NotAnObject => format!(
            "A pattern is a JSON object ({{ … }}); this one is {}. Start from e.g. {{\"source\": [\"aws.ec2\"]}}.",
            describe(tok)
        ),
        ErrorKind::EmptyObject if e.path.is_empty() => {
            "The pattern has no fields: name at least one, e.g. {\"source\": [\"aws.ec2\"]}.".into()
        }
        ErrorKind::EmptyObject => format!(
            "{field_name} is an empty object at {at}, which AWS rejects: name a field inside it, or remove it."
        ),
        ErrorKind::EmptyArray => match operator {
            Some(op) => format!("`{op}` has an empty list at {at}, which AWS rejects: list at least one value."),
            None => format!(
                "{field_name} has an empty list, which AWS rejects (it could match nothing): list at least one value, or remove the field."
            ),
        },
        ErrorKind::FieldNotObjectOrArray => format!(
            "{field_name} needs a list of values: write [{tok}] instead of {tok}."
        ),
        ErrorKind::MatchValueType => format!(
            "The list of {field_name} contains {} at {at}: a field's list holds values and operator objects, not lists.",
            describe(tok)
        ),
        ErrorKind::OperatorMissing => format!(
            "`{tok}` at {at} names no operator: write one, e.g. {{\"prefix\": \"abc\"}}, or remove it."
        ),
        ErrorKind::OperatorUnknown => {
            let name = decode_string(tok).into_owned();
            match operator_meant(&name) {
                Some(op) => format!("`{name}` is not an operator: did you mean `{op}`? (Operator names are case-sensitive.)"),
                None => format!(
                    "`{name}` is not an operator; the operators are {} (names are case-sensitive).",
                    OPERATORS.iter().map(|o| format!("`{o}`")).collect::<Vec<_>>().join(", ")
                ),
            }
        }
        ErrorKind::OperatorExtraKey => format!(
            "An operator object holds exactly one operator, and `{}` at {at} is one too many: put each condition in its own {{ … }} in the list.",
            decode_string(tok)
        ),
        ErrorKind::OperandInvalid => operand_sentence(e, operator.as_deref(), tok, &at),
        ErrorKind::WildcardSyntax if e.reason.starts_with("Consecutive") => format!(
            "The wildcard {tok} has two `*` in a row, which AWS rejects: one `*` already matches any number of characters."
        ),
        ErrorKind::WildcardSyntax => format!(
            "The wildcard {tok} has a backslash that escapes neither `*` nor `\\`: write `\\\\*` for a literal `*` and `\\\\\\\\` for a backslash."
        ),
        ErrorKind::WildcardTooComplex => format!(
            "The wildcard at {at} is too complex for AWS: use fewer `*`, or fewer repeated characters after a `*`."
        ),
        ErrorKind::NumericRange if e.reason == "Bottom must be less than top" => format!(
            "The numeric range at {at} is empty: its lower bound must be below its upper bound."
        ),
        ErrorKind::NumericRange if e.reason.contains("must be an array") => format!(
            "`numeric` needs a list such as [\">\", 0, \"<=\", 5], here it is {}.",
            describe(tok)
        ),
        ErrorKind::NumericRange if e.reason.contains("must be numeric") => format!(
            "Each operator in `numeric` is followed by a number; at {at} it is {}.",
            describe(tok)
        ),
        ErrorKind::NumericRange if e.reason.contains("range operator") => format!(
            "{} at {at} is not a numeric operator here: use `>` or `>=` for the lower bound, then `<` or `<=` for the upper one (or `=` alone).",
            capitalize(&describe(tok))
        ),
        ErrorKind::NumericRange => format!(
            "The numeric condition at {at} is not a valid range: write pairs of an operator (`>`, `>=`, `<`, `<=`, `=`) and a number, at most one lower and one upper bound, e.g. [\">\", 0, \"<=\", 5]."
        ),
        ErrorKind::NumberNotComparable => format!(
            "{tok} cannot be compared as a number: AWS compares only numbers that a double holds exactly (not 1e309 or 0.30000000000000001)."
        ),
        ErrorKind::Cidr => format!(
            "{tok} is not a CIDR block AWS accepts ({}): write a network address and a prefix length, e.g. \"10.0.0.0/24\".",
            e.reason
        ),
        ErrorKind::OrShape if e.reason.contains("at least 2") => format!(
            "`$or` needs at least two alternatives at {at}; with one, write its fields directly without `$or`."
        ),
        ErrorKind::OrShape if e.reason.contains("Array") => format!(
            "`$or` needs a list of objects, one per alternative: \"$or\": [{{…}}, {{…}}]; here it is {}.",
            describe(tok)
        ),
        ErrorKind::OrShape => format!(
            "Each alternative of `$or` must be an object; {} at {at} is not.",
            describe(tok)
        ),
        ErrorKind::OrReservedField => format!(
            "Inside `$or`, {tok} cannot be a field name: AWS reserves operator names there."
        ),
        ErrorKind::TooManyCombinations => {
            let n: String = e
                .reason
                .split(|c: char| !c.is_ascii_digit())
                .find(|s| !s.is_empty())
                .unwrap_or("too many")
                .to_string();
            format!(
                "The `$or` lists combine into {n} alternatives; AWS allows at most 1000: use fewer `$or` lists or fewer branches."
            )
        }
        ErrorKind::TooLong => format!(
            "The pattern is {} characters long; AWS allows at most {MAX_PATTERN_LENGTH}: remove indentation, or shorten it.",
            w.text.encode_utf16().count()
        ),
        ErrorKind::NestingTooDeep => format!(
            "The pattern nests lists and objects more than {MAX_PATTERN_DEPTH} levels deep (at {at})."
        ),
        _ => format!("{} (at {at}).", e.reason),
    }
}

fn operand_sentence(e: &PatternError, operator: Option<&str>, tok: &str, at: &str) -> String {
    let got = describe(tok);
    let op = operator.unwrap_or("the operator");
    if let Some(rest) = e.reason.strip_prefix("Unsupported ") {
        let name = rest.split(" pattern").next().unwrap_or(op);
        let allowed = if name == "anything-but" {
            "{\"prefix\": …}, {\"suffix\": …}, {\"equals-ignore-case\": …} or {\"wildcard\": …}"
        } else {
            "a string or {\"equals-ignore-case\": \"…\"}"
        };
        return format!(
            "`{name}` takes {allowed}; `{}` at {at} is not allowed inside it.",
            decode_string(tok)
        );
    }
    if e.reason.contains("expression name not found") {
        return format!(
            "`anything-but` needs a value, a list, or one operator inside {{ }} (e.g. {{\"prefix\": \"x\"}}); {} at {at} is empty.",
            describe(tok)
        );
    }
    if e.reason.contains("mixed type") {
        let after = tok.trim_start_matches('[').trim_start();
        if tok.starts_with('[') && (after.is_empty() || after.starts_with(']')) {
            return format!(
                "`anything-but` has an empty list at {at}, which AWS rejects: list at least one value."
            );
        }
        return "An `anything-but` list holds only strings or only numbers, not both.".into();
    }
    if op == "anything-but" && tok.starts_with('{') {
        return "An `anything-but` list holds only strings or numbers; to exclude by an operator, write the operator without the list: {\"anything-but\": {\"prefix\": \"…\"}}.".into();
    }
    if e.reason.contains("Null prefix") {
        return format!("`{op}` inside `anything-but` needs a string, here it is {got}.");
    }
    let needs = match op {
        "prefix" | "suffix" => "a string (or {\"equals-ignore-case\": \"…\"})",
        "exists" => "true or false",
        "numeric" => "a list such as [\">\", 0, \"<=\", 5]",
        "anything-but" => {
            if e.reason.contains("list") {
                "strings or numbers in its list"
            } else {
                "a string, a number, a list of them, or an operator such as {\"prefix\": \"…\"}"
            }
        }
        "equals-ignore-case" if e.reason.contains("list") => "strings in its list",
        _ => "a string",
    };
    format!("`{op}` needs {needs}, here it is {got}.")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Pattern;

    fn sentence(text: &str) -> String {
        let e = Pattern::parse(text).expect_err(text);
        pattern_error_sentence(text, &e, Encoding::Chars)
    }

    #[test]
    fn syntax_errors_in_plain_words() {
        let cases: &[(&str, &str)] = &[
            (
                "{\"a\": { \"b\": [\"1\", \"2\" } }",
                "The list opened at line 1, column 14 is not closed: add `]` before the `}` at line 1, column 24.",
            ),
            (
                "{\n  \"detail\": {\n    \"state\": [\"stopped\"\n  }\n}",
                "The list opened at line 3, column 14 is not closed: add `]` before the `}` at line 4, column 3.",
            ),
            (
                "{\"a\": [\"x\"]",
                "The object opened at line 1, column 1 is not closed: add `}` at the end.",
            ),
            (
                "{\"a\": [\"x",
                "The string that starts at line 1, column 8 is not closed: add `\"` at its end.",
            ),
            (
                "{\"source\": ['aws.ec2']}",
                "Unexpected `'` at line 1, column 13: JSON strings use double quotes (\"…\").",
            ),
            (
                "{\"a\": [\"x\",]}",
                "Remove the `,` before the `]` at line 1, column 12: JSON allows no comma after the last entry.",
            ),
            (
                "{\"a\": [\"x\"],}",
                "Remove the `,` before the `}` at line 1, column 13: JSON allows no comma after the last entry.",
            ),
            (
                "{source: [\"x\"]}",
                "The key `source` at line 1, column 2 needs double quotes: write \"source\".",
            ),
            (
                "{\"a\": [\"x\" \"y\"]}",
                "A `,` is missing before the `\"` at line 1, column 12: separate the entries of a list or object with commas.",
            ),
            (
                "{\"a\" [\"x\"]}",
                "A `:` is missing before the `[` at line 1, column 6: write a colon between a key and its value.",
            ),
            (
                "{\"a\": }",
                "The key before line 1, column 7 has no value: write a value after the `:` (e.g. [\"…\"]).",
            ),
            (
                "{\"a\": [True]}",
                "`True` at line 1, column 8 is not JSON: write `true` in lower case.",
            ),
            (
                "{\"a\": [stopped]}",
                "`stopped` at line 1, column 8 is not a JSON value: put text in double quotes (\"stopped\").",
            ),
            (
                "{\"a\": [\"\\d\"]}",
                "`\\d` at line 1, column 9 is not a JSON escape: write `\\\\` for a backslash (escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX).",
            ),
            (
                "{\"a\": [\"\\u12G4\"]}",
                "A `\\u` escape needs four hexadecimal digits; `G` at line 1, column 13 is not one.",
            ),
            (
                "{\"a\": [\"x\ny\"]}",
                "A string contains a raw line break at line 1, column 10: close the string with `\"` before it, or write it as `\\n`.",
            ),
            (
                "{\"a\": [01]}",
                "The number at line 1, column 8 starts with 0: JSON numbers have no leading zeros (write it without them, or as a string in double quotes).",
            ),
            (
                "{\"a\": [1.]}",
                "The number before line 1, column 10 is malformed: a decimal point must be followed by a digit.",
            ),
            (
                "{\"a\": [-x]}",
                "The number before line 1, column 9 is malformed: a `-` must be followed by a digit.",
            ),
            (
                "{\"a\": [1",
                "The list opened at line 1, column 7 is not closed: add `]` at the end.",
            ),
            (
                "}",
                "`}` at line 1, column 1 closes nothing: the text must start with `{`.",
            ),
            (
                "{\"a\": [\"\\",
                "The text ends in the middle of an escape sequence (`\\`), at line 1, column 10: finish it and close the string.",
            ),
        ];
        let wrong: Vec<String> = cases
            .iter()
            .filter(|(text, want)| &sentence(text) != want)
            .map(|(text, _)| format!("{text}\n  {}", sentence(text)))
            .collect();
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn unclosed_containers_carry_the_opening_span() {
        let text = "{\"a\": { \"b\": [\"1\", \"2\" } }";
        let e = Pattern::parse(text).unwrap_err();
        assert_eq!(e.related, Some(Span::new(13, 14)));
        let e = Pattern::parse("{\"a\": [\"x\"]").unwrap_err();
        assert_eq!(e.related, Some(Span::new(0, 1)));
        assert_eq!(Pattern::parse("{\"a\": [01]}").unwrap_err().related, None);
    }

    #[test]
    fn aws_reasons_in_plain_words() {
        let long = format!("{{\"a\": [\"{}\"]}}", "x".repeat(5000));
        let branches = (0..11)
            .map(|i| format!("{{\"k\": [\"{i}\"]}}"))
            .collect::<Vec<_>>()
            .join(", ");
        let combos = format!(
            "{{\"a\": {{\"$or\": [{branches}]}}, \"b\": {{\"$or\": [{branches}]}}, \"c\": {{\"$or\": [{branches}]}}}}"
        );
        let cases: Vec<(&str, ErrorKind, &str)> = vec![
            ("", ErrorKind::NotAnObject, "The pattern is empty: write a JSON object, e.g. {\"source\": [\"aws.ec2\"]}."),
            ("[\"a\"]", ErrorKind::NotAnObject, "A pattern is a JSON object ({ … }); this one is a list. Start from e.g. {\"source\": [\"aws.ec2\"]}."),
            ("{}", ErrorKind::EmptyObject, "The pattern has no fields: name at least one, e.g. {\"source\": [\"aws.ec2\"]}."),
            ("{\"detail\": {}}", ErrorKind::EmptyObject, "`detail` is an empty object at line 1, column 12, which AWS rejects: name a field inside it, or remove it."),
            ("{\"source\": []}", ErrorKind::EmptyArray, "`source` has an empty list, which AWS rejects (it could match nothing): list at least one value, or remove the field."),
            ("{\"a\": [{\"anything-but\": []}]}", ErrorKind::OperandInvalid, "`anything-but` has an empty list at line 1, column 25, which AWS rejects: list at least one value."),
            ("{\"source\": \"aws.ec2\"}", ErrorKind::FieldNotObjectOrArray, "`source` needs a list of values: write [\"aws.ec2\"] instead of \"aws.ec2\"."),
            ("{\"a\": [[\"x\"]]}", ErrorKind::MatchValueType, "The list of `a` contains a list at line 1, column 8: a field's list holds values and operator objects, not lists."),
            ("{\"a\": [{}]}", ErrorKind::OperatorMissing, "`{}` at line 1, column 8 names no operator: write one, e.g. {\"prefix\": \"abc\"}, or remove it."),
            ("{\"a\": [{\"startsWith\": \"x\"}]}", ErrorKind::OperatorUnknown, "`startsWith` is not an operator: did you mean `prefix`? (Operator names are case-sensitive.)"),
            ("{\"a\": [{\"Prefix\": \"x\"}]}", ErrorKind::OperatorUnknown, "`Prefix` is not an operator: did you mean `prefix`? (Operator names are case-sensitive.)"),
            ("{\"a\": [{\"regex\": \"x\"}]}", ErrorKind::OperatorUnknown, "`regex` is not an operator; the operators are `prefix`, `suffix`, `equals-ignore-case`, `wildcard`, `anything-but`, `numeric`, `exists`, `cidr` (names are case-sensitive)."),
            ("{\"a\": [{\"prefix\": \"x\", \"suffix\": \"y\"}]}", ErrorKind::OperatorExtraKey, "An operator object holds exactly one operator, and `suffix` at line 1, column 24 is one too many: put each condition in its own { … } in the list."),
            ("{\"a\": [{\"prefix\": 5}]}", ErrorKind::OperandInvalid, "`prefix` needs a string (or {\"equals-ignore-case\": \"…\"}), here it is the number 5."),
            ("{\"a\": [{\"exists\": \"yes\"}]}", ErrorKind::OperandInvalid, "`exists` needs true or false, here it is the string \"yes\"."),
            ("{\"a\": [{\"cidr\": 5}]}", ErrorKind::OperandInvalid, "`cidr` needs a string, here it is the number 5."),
            ("{\"a\": [{\"numeric\": 5}]}", ErrorKind::NumericRange, "`numeric` needs a list such as [\">\", 0, \"<=\", 5], here it is the number 5."),
            ("{\"a\": [{\"numeric\": [\">\", \"x\"]}]}", ErrorKind::NumericRange, "Each operator in `numeric` is followed by a number; at line 1, column 26 it is the string \"x\"."),
            ("{\"a\": [{\"numeric\": [\">\", 5, \">\", 7]}]}", ErrorKind::NumericRange, "The string \">\" at line 1, column 29 is not a numeric operator here: use `>` or `>=` for the lower bound, then `<` or `<=` for the upper one (or `=` alone)."),
            ("{\"a\": [{\"anything-but\": {\"foo\": 1}}]}", ErrorKind::OperandInvalid, "`anything-but` takes {\"prefix\": …}, {\"suffix\": …}, {\"equals-ignore-case\": …} or {\"wildcard\": …}; `foo` at line 1, column 26 is not allowed inside it."),
            ("{\"a\": [{\"anything-but\": {}}]}", ErrorKind::OperandInvalid, "`anything-but` needs a value, a list, or one operator inside { } (e.g. {\"prefix\": \"x\"}); an object at line 1, column 25 is empty."),
            ("{\"a\": [{\"anything-but\": [{\"prefix\": \"x\"}]}]}", ErrorKind::OperandInvalid, "An `anything-but` list holds only strings or numbers; to exclude by an operator, write the operator without the list: {\"anything-but\": {\"prefix\": \"…\"}}."),
            ("{\"a\": [{\"anything-but\": [\"a\", 1]}]}", ErrorKind::OperandInvalid, "An `anything-but` list holds only strings or only numbers, not both."),
            ("{\"a\": [{\"prefix\": {\"x\": \"y\"}}]}", ErrorKind::OperandInvalid, "`prefix` takes a string or {\"equals-ignore-case\": \"…\"}; `x` at line 1, column 20 is not allowed inside it."),
            ("{\"a\": [{\"wildcard\": \"a**\"}]}", ErrorKind::WildcardSyntax, "The wildcard \"a**\" has two `*` in a row, which AWS rejects: one `*` already matches any number of characters."),
            ("{\"a\": [{\"numeric\": [\">\", 5, \"<\", 1]}]}", ErrorKind::NumericRange, "The numeric range at line 1, column 20 is empty: its lower bound must be below its upper bound."),
            ("{\"a\": [{\"numeric\": [\">\", 1e309]}]}", ErrorKind::NumberNotComparable, "1e309 cannot be compared as a number: AWS compares only numbers that a double holds exactly (not 1e309 or 0.30000000000000001)."),
            ("{\"a\": [{\"cidr\": \"10.0.0.1/32\"}]}", ErrorKind::Cidr, "\"10.0.0.1/32\" is not a CIDR block AWS accepts (IPv4 mask bits must be < 32): write a network address and a prefix length, e.g. \"10.0.0.0/24\"."),
            ("{\"$or\": [{\"a\": [\"1\"]}]}", ErrorKind::OrShape, "`$or` needs at least two alternatives at line 1, column 9; with one, write its fields directly without `$or`."),
            ("{\"$or\": {\"a\": [\"1\"]}}", ErrorKind::OrShape, "`$or` needs a list of objects, one per alternative: \"$or\": [{…}, {…}]; here it is an object."),
            ("{\"$or\": [{\"prefix\": [\"1\"]}, {\"b\": [\"2\"]}]}", ErrorKind::OrReservedField, "Inside `$or`, \"prefix\" cannot be a field name: AWS reserves operator names there."),
            ("{\"a\": [{\"wildcard\": \"*:*:*:*:*:event-bus/*\"}]}", ErrorKind::WildcardTooComplex, "The wildcard at line 1, column 8 is too complex for AWS: use fewer `*`, or fewer repeated characters after a `*`."),
            (&combos, ErrorKind::TooManyCombinations, "The `$or` lists combine into 1331 alternatives; AWS allows at most 1000: use fewer `$or` lists or fewer branches."),
            (&long, ErrorKind::TooLong, "The pattern is 5011 characters long; AWS allows at most 4096: remove indentation, or shorten it."),
        ];
        let mut wrong = Vec::new();
        for (text, kind, want) in cases {
            let e = Pattern::parse(text).expect_err(text);
            let got = pattern_error_sentence(text, &e, Encoding::Chars);
            if e.kind != kind || got != want {
                wrong.push(format!("{text}\n  {:?} {got}", e.kind));
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn event_errors_name_the_text_at_fault() {
        let p = Pattern::parse("{\"a\": [\"x\"]}").unwrap();
        let cases = [
            ("{\"a\": \"x\",\n \"b\": 'y'}", "The event is not valid JSON: unexpected `'` at line 2, column 7: JSON strings use double quotes (\"…\")."),
            ("{\"a\": [1, 2}", "The event is not valid JSON: the list opened at line 1, column 7 is not closed: add `]` before the `}` at line 1, column 12."),
            ("[1]", "An event is a JSON object ({ … }); this one is a list at line 1, column 1."),
            ("  ", "The event is empty: paste an event, a JSON object such as {\"source\": \"aws.ec2\", …}."),
        ];
        for (event, want) in cases {
            let e = p.matches(event).expect_err(event);
            assert_eq!(
                event_error_sentence(event, &e, Encoding::Chars),
                want,
                "{event}"
            );
        }
    }
}
