//! Pattern text → [`ObjectNode`] tree, validated in one streaming pass in
//! document order, like AWS's compiler: the first problem met is the one
//! reported, whether it is a JSON syntax error or an invalid operator.

use super::ast::*;
use super::error::{ErrorKind, PathSegment, PatternError};
use crate::json::{decode_key, decode_text, Reader, Text, Token, TokenKind};
use crate::number::comparable;
use crate::operators::ignore_case::Folded;
use crate::operators::ip::{parse_addr, Cidr};
use crate::operators::wildcard::Wildcard;
use crate::span::Span;

/// Longest pattern AWS accepts, in characters (UTF-16 units).
///
/// ```
/// use eventpattern::{pattern::MAX_PATTERN_LENGTH, ErrorKind, Pattern};
///
/// let long = format!(r#"{{"a": ["{}"]}}"#, "x".repeat(MAX_PATTERN_LENGTH));
/// assert_eq!(Pattern::parse(&long).unwrap_err().kind, ErrorKind::TooLong);
/// ```
pub const MAX_PATTERN_LENGTH: usize = 4096;

/// Deepest nesting of objects and lists the parser follows: Jackson's default
/// bound, which AWS's 4,096 characters cannot reach (about 820 levels fit).
/// Nothing recurses on the pattern's nesting, so any depth is safe.
///
/// ```
/// assert_eq!(eventpattern::pattern::MAX_PATTERN_DEPTH, 1000);
/// ```
pub const MAX_PATTERN_DEPTH: usize = 1000;

/// Field names that may not appear inside `$or` (event-ruler's reserved words).
const RESERVED_IN_OR: &[&str] = &[
    "exactly",
    "equals-ignore-case",
    "prefix",
    "suffix",
    "anything-but",
    "exists",
    "wildcard",
    "numeric",
    "cidr",
    "=",
    "<",
    "<=",
    ">",
    ">=",
    "regex",
    "not-wildcard",
    "not-equals-ignore-case",
    "date-after",
    "date-on-or-after",
    "date-before",
    "date-on-or-before",
    "in-date-range",
    "ip-address-in-range",
    "ip-address-not-in-range",
];

/// A parsed, valid pattern tree.
///
/// ```
/// use eventpattern::pattern::parse;
///
/// let tree = parse(r#"{"a": ["1"]} trailing"#).unwrap();
/// assert_eq!(tree.leaves.len(), 1);
/// assert!(tree.trailing.is_some());
/// ```
#[derive(Debug, Clone)]
pub struct ParsedPattern {
    /// The top-level object.
    pub root: ObjectNode,
    /// Every leaf field, in document order.
    pub leaves: Vec<Leaf>,
    /// Number of `$or` lists.
    pub or_count: usize,
    /// Text after the top-level object, which AWS's engine ignores (docs/SEMANTICS.md, "Inputs").
    pub trailing: Option<Span>,
}

impl ParsedPattern {
    /// Every `$or` list, indexed by its id (document order).
    ///
    /// ```
    /// use eventpattern::pattern::parse;
    ///
    /// let tree = parse(r#"{"$or": [{"a": ["1"]}, {"$or": [{"b": ["2"]}, {"c": ["3"]}]}]}"#).unwrap();
    /// assert_eq!(tree.or_nodes().len(), 2);
    /// ```
    pub fn or_nodes(&self) -> Vec<&OrNode> {
        let mut out = Vec::new();
        let mut todo = vec![&self.root];
        while let Some(obj) = todo.pop() {
            for m in &obj.members {
                match &m.value {
                    MemberValue::Object(o) => todo.push(o),
                    MemberValue::Or(or) => {
                        out.push(or);
                        todo.extend(&or.branches);
                    }
                    MemberValue::Leaf(_) => {}
                }
            }
        }
        crate::sort::sort_by_key(&mut out, |o| o.id);
        out
    }
}

/// Parses and validates pattern text.
///
/// ```
/// use eventpattern::pattern::parse;
///
/// // The tree only: `Pattern::parse` also compiles it (and checks AWS's limits on alternatives).
/// assert_eq!(parse(r#"{"a": {"b": ["1"]}}"#).unwrap().leaves[0].joined, "a.b");
/// assert!(parse("[]").is_err());
/// ```
pub fn parse(text: &str) -> Result<ParsedPattern, PatternError> {
    let units = text.encode_utf16().count();
    if units > MAX_PATTERN_LENGTH {
        let at = text
            .char_indices()
            .scan(0, |n, (i, c)| {
                *n += c.len_utf16();
                Some((i, *n))
            })
            .find(|&(_, n)| n > MAX_PATTERN_LENGTH)
            .map(|(i, _)| i)
            .unwrap_or(0);
        return Err(PatternError::new(
            ErrorKind::TooLong,
            format!(
                "Value at 'eventPattern' failed to satisfy constraint: Member must have length less than or equal to {MAX_PATTERN_LENGTH} (this pattern has {units} characters)"
            ),
            Span::new(at, text.len()),
            &[],
        ));
    }
    let mut p = Parser {
        r: Reader::new(text, MAX_PATTERN_DEPTH),
        path: Vec::new(),
        keys: Vec::new(),
        in_or: 0,
        leaves: Vec::new(),
        or_count: 0,
    };
    let first = p.next()?;
    if first.kind != TokenKind::BeginObject {
        return Err(PatternError::new(
            ErrorKind::NotAnObject,
            "Filter is not an object",
            first.span,
            &[],
        ));
    }
    let root = p.object(first.span)?;
    let end = p.r.offset();
    let rest = &text[end..];
    let trailing = rest
        .find(|c: char| !c.is_whitespace())
        .map(|i| Span::new(end + i, text.trim_end().len()));
    let mut leaves = p.leaves;
    super::identity::settle(&mut leaves);
    Ok(ParsedPattern {
        root,
        leaves,
        or_count: p.or_count,
        trailing,
    })
}

/// A field's path as AWS's compiler writes it: the enclosing keys joined with
/// dots, then a dot only if that is not empty, then the field's key. So
/// `{"": {"b": …}}` is `b`, `{"a": {"": …}}` is `a.` and `{"": {"": {"": …}}}`
/// is `..` (docs/SEMANTICS.md, "Paths").
fn join_path(keys: &[String]) -> String {
    let Some((last, enclosing)) = keys.split_last() else {
        return String::new();
    };
    let mut joined = enclosing.join(".");
    if !joined.is_empty() {
        joined.push('.');
    }
    joined.push_str(last);
    joined
}

mod anything_but;
mod numeric;

pub(super) struct Parser<'a> {
    r: Reader<'a>,
    /// Path for error messages (keys and list indexes).
    path: Vec<PathSegment>,
    /// Keys only: the field path of the current object.
    keys: Vec<String>,
    in_or: usize,
    leaves: Vec<Leaf>,
    or_count: usize,
}

pub(super) type Res<T> = Result<T, PatternError>;

/// A container being read: an object (and what holds it) or a `$or` list.
enum Open {
    Object {
        open: Span,
        members: Vec<Member>,
        via: Via,
    },
    Or {
        id: usize,
        open: Span,
        key_span: Span,
        branches: Vec<ObjectNode>,
    },
}

/// What holds an object.
enum Via {
    /// The whole pattern.
    Root,
    /// The value of a key.
    Member { key: String, key_span: Span },
    /// A branch of the `$or` list below it on the stack.
    Branch,
}

impl<'a> Parser<'a> {
    pub(super) fn next(&mut self) -> Res<Token> {
        self.r
            .next_token()
            .map_err(|e| PatternError::from_json(e, &self.path))
    }

    pub(super) fn text(&self, t: Token) -> &'a str {
        self.r.slice(t.span)
    }

    /// The decoded text of a string token as AWS's engine compares operands
    /// (`?` for a lone surrogate); a malformed string value fails here, when
    /// its text is first needed, as at AWS.
    pub(super) fn string(&self, t: Token) -> Res<String> {
        Ok(self.string_value(t)?.as_str().to_string())
    }

    /// The string token with its lone surrogates (see [`Text`]).
    pub(super) fn string_value(&self, t: Token) -> Res<Text<'a>> {
        if let Some(e) = self.r.string_error(t) {
            return Err(PatternError::from_json(e.clone(), &self.path));
        }
        Ok(decode_text(self.r.slice(t.span)))
    }

    /// A field name, as AWS's engine compares names (see [`decode_key`]).
    fn key(&self, t: Token) -> Res<String> {
        if let Some(e) = self.r.string_error(t) {
            return Err(PatternError::from_json(e.clone(), &self.path));
        }
        Ok(decode_key(self.r.slice(t.span)).into_owned())
    }

    pub(super) fn fail<T>(&self, kind: ErrorKind, reason: impl Into<String>, span: Span) -> Res<T> {
        Err(PatternError::new(kind, reason, span, &self.path))
    }

    /// Reads the object whose `{` was just read, and everything inside it,
    /// with an explicit stack instead of recursion (patterns may nest as
    /// deeply as AWS's 4,096 characters allow).
    fn object(&mut self, open: Span) -> Res<ObjectNode> {
        let mut stack = vec![Open::Object {
            open,
            members: Vec::new(),
            via: Via::Root,
        }];
        loop {
            let t = self.next()?;
            let top = stack.last_mut().expect("the root object is open");
            match top {
                Open::Object { .. } => match t.kind {
                    TokenKind::EndObject => {
                        let Some(Open::Object { open, members, via }) = stack.pop() else {
                            unreachable!("the top is an object");
                        };
                        let span = open.cover(t.span);
                        if members.is_empty() {
                            return self.fail(
                                ErrorKind::EmptyObject,
                                "Empty objects are not allowed",
                                span,
                            );
                        }
                        let node = ObjectNode { span, members };
                        match via {
                            Via::Root => return Ok(node),
                            Via::Member { key, key_span } => {
                                self.keys.pop();
                                self.path.pop();
                                if let Some(Open::Object { members, .. }) = stack.last_mut() {
                                    members.push(Member {
                                        key,
                                        key_span,
                                        value: MemberValue::Object(node),
                                    });
                                }
                            }
                            Via::Branch => {
                                self.path.pop();
                                if let Some(Open::Or { branches, .. }) = stack.last_mut() {
                                    branches.push(node);
                                }
                            }
                        }
                    }
                    TokenKind::Key => {
                        let key = self.key(t)?;
                        self.path.push(PathSegment::Key(key.clone()));
                        if let Some(member) = self.member(key, t.span, &mut stack)? {
                            self.path.pop();
                            if let Some(Open::Object { members, .. }) = stack.last_mut() {
                                members.push(member);
                            }
                        }
                    }
                    _ => unreachable!("the reader yields keys or `}}` inside objects"),
                },
                Open::Or { branches, .. } => match t.kind {
                    TokenKind::EndArray => {
                        let Some(Open::Or {
                            id,
                            open,
                            key_span,
                            branches,
                        }) = stack.pop()
                        else {
                            unreachable!("the top is a $or");
                        };
                        let span = open.cover(t.span);
                        if branches.len() < 2 {
                            return self.fail(
                                ErrorKind::OrShape,
                                "There must have at least 2 Objects in $or relationship.",
                                span,
                            );
                        }
                        self.in_or -= 1;
                        self.path.pop();
                        if let Some(Open::Object { members, .. }) = stack.last_mut() {
                            members.push(Member {
                                key: "$or".into(),
                                key_span,
                                value: MemberValue::Or(OrNode { id, span, branches }),
                            });
                        }
                    }
                    TokenKind::BeginObject => {
                        self.path.push(PathSegment::Index(branches.len()));
                        stack.push(Open::Object {
                            open: t.span,
                            members: Vec::new(),
                            via: Via::Branch,
                        });
                    }
                    _ => {
                        return self.fail(
                            ErrorKind::OrShape,
                            "Only JSON object is allowed in array of $or relationship.",
                            t.span,
                        )
                    }
                },
            }
        }
    }

    /// Reads the value of `key`. A leaf is returned whole; an object or a
    /// `$or` list is opened on `stack` (and finished by [`Parser::object`]).
    fn member(
        &mut self,
        key: String,
        key_span: Span,
        stack: &mut Vec<Open>,
    ) -> Res<Option<Member>> {
        if self.in_or > 0 && RESERVED_IN_OR.contains(&key.as_str()) {
            return self.fail(
                ErrorKind::OrReservedField,
                format!("{key} is Ruler reserved fieldName which cannot be used inside $or."),
                key_span,
            );
        }
        let t = self.next()?;
        if key == "$or" {
            if t.kind != TokenKind::BeginArray {
                return self.fail(
                    ErrorKind::OrShape,
                    "It must be an Array followed with $or.",
                    t.span,
                );
            }
            let id = self.or_count;
            self.or_count += 1;
            self.in_or += 1;
            stack.push(Open::Or {
                id,
                open: t.span,
                key_span,
                branches: Vec::new(),
            });
            return Ok(None);
        }
        match t.kind {
            TokenKind::BeginObject => {
                self.keys.push(key.clone());
                stack.push(Open::Object {
                    open: t.span,
                    members: Vec::new(),
                    via: Via::Member { key, key_span },
                });
                Ok(None)
            }
            TokenKind::BeginArray => {
                let mut path = self.keys.clone();
                path.push(key.clone());
                let (conditions, list_span) = self.conditions(t.span)?;
                self.leaves.push(Leaf {
                    joined: join_path(&path),
                    path,
                    key_span,
                    list_span,
                    conditions,
                });
                Ok(Some(Member {
                    key,
                    key_span,
                    value: MemberValue::Leaf(self.leaves.len() - 1),
                }))
            }
            _ => self.fail(
                ErrorKind::FieldNotObjectOrArray,
                format!("\"{key}\" must be an object or an array"),
                t.span,
            ),
        }
    }

    fn conditions(&mut self, open: Span) -> Res<(Vec<Condition>, Span)> {
        let mut conditions = Vec::new();
        loop {
            self.path.push(PathSegment::Index(conditions.len()));
            let t = self.next()?;
            let kind = match t.kind {
                TokenKind::EndArray => {
                    self.path.pop();
                    let span = open.cover(t.span);
                    if conditions.is_empty() {
                        return self.fail(
                            ErrorKind::EmptyArray,
                            "Empty arrays are not allowed",
                            span,
                        );
                    }
                    return Ok((conditions, span));
                }
                TokenKind::String => {
                    let value = self.string_value(t)?;
                    let lone = Some(Box::from(value.lone()));
                    let s = value.as_str().to_string();
                    match parse_addr(&s) {
                        Some(addr) => ConditionKind::ExactIp(s, addr),
                        // By identity until `identity::settle` has seen the field's other values.
                        None => ConditionKind::Exact(s, lone),
                    }
                }
                TokenKind::Number => {
                    let text = self.text(t).to_string();
                    ConditionKind::Number {
                        value: comparable(&text),
                        text,
                    }
                }
                TokenKind::True => ConditionKind::Bool(true),
                TokenKind::False => ConditionKind::Bool(false),
                TokenKind::Null => ConditionKind::Null,
                TokenKind::BeginObject => {
                    let (kind, end) = self.operator(t.span)?;
                    self.path.pop();
                    conditions.push(Condition {
                        kind,
                        span: t.span.cover(end),
                    });
                    continue;
                }
                _ => {
                    return self.fail(
                        ErrorKind::MatchValueType,
                        "Match value must be String, number, true, false, or null",
                        t.span,
                    )
                }
            };
            self.path.pop();
            conditions.push(Condition { kind, span: t.span });
        }
    }

    /// Reads `{"op": operand}` whose `{` was just read; returns the condition and the `}` span.
    fn operator(&mut self, open: Span) -> Res<(ConditionKind, Span)> {
        let t = self.next()?;
        if t.kind == TokenKind::EndObject {
            return self.fail(
                ErrorKind::OperatorMissing,
                "Match expression name not found",
                open.cover(t.span),
            );
        }
        let name = self.string(t)?;
        self.path.push(PathSegment::Key(name.clone()));
        let mut extra_key_reason = "Only one key allowed in match expression";
        let kind = match name.as_str() {
            "prefix" | "suffix" => self.prefix_suffix(&name)?,
            "equals-ignore-case" => {
                let s = self.operand_string("equals-ignore-case match pattern must be a string")?;
                let folded = Folded::new(&s);
                ConditionKind::EqualsIgnoreCase(s, folded)
            }
            "wildcard" => {
                let (s, w) = self.wildcard_operand()?;
                ConditionKind::Wildcard(s, w)
            }
            "exactly" => {
                ConditionKind::Exactly(self.operand_string("exact match pattern must be a string")?)
            }
            "exists" => {
                let v = self.next()?;
                match v.kind {
                    TokenKind::True => ConditionKind::Exists(true),
                    TokenKind::False => ConditionKind::Exists(false),
                    _ => {
                        return self.fail(
                            ErrorKind::OperandInvalid,
                            "exists match pattern must be either true or false.",
                            v.span,
                        )
                    }
                }
            }
            "cidr" => {
                let v = self.next()?;
                if v.kind != TokenKind::String {
                    return self.fail(
                        ErrorKind::OperandInvalid,
                        "prefix match pattern must be a string",
                        v.span,
                    );
                }
                let s = self.string(v)?;
                match Cidr::parse(&s) {
                    Ok(c) => ConditionKind::Cidr(s, c),
                    Err(reason) => return self.fail(ErrorKind::Cidr, reason, v.span),
                }
            }
            "numeric" => {
                extra_key_reason = "Too many elements in numeric expression";
                ConditionKind::Numeric(self.numeric()?)
            }
            "anything-but" => {
                extra_key_reason = "Too many elements in numeric expression";
                ConditionKind::AnythingBut(self.anything_but()?)
            }
            _ => {
                return self.fail(
                    ErrorKind::OperatorUnknown,
                    format!("Unrecognized match type {name}"),
                    t.span,
                )
            }
        };
        self.path.pop();
        let end = self.next()?;
        if end.kind != TokenKind::EndObject {
            return self.fail(ErrorKind::OperatorExtraKey, extra_key_reason, end.span);
        }
        Ok((kind, end.span))
    }

    pub(super) fn operand_string(&mut self, reason: &str) -> Res<String> {
        let v = self.next()?;
        if v.kind != TokenKind::String {
            return self.fail(ErrorKind::OperandInvalid, reason, v.span);
        }
        self.string(v)
    }

    fn wildcard_operand(&mut self) -> Res<(String, Wildcard)> {
        let v = self.next()?;
        if v.kind != TokenKind::String {
            return self.fail(
                ErrorKind::OperandInvalid,
                "wildcard match pattern must be a string",
                v.span,
            );
        }
        self.wildcard_string(v)
    }

    pub(super) fn wildcard_string(&mut self, v: Token) -> Res<(String, Wildcard)> {
        let s = self.string(v)?;
        match Wildcard::parse(&s) {
            Ok(w) => Ok((s, w)),
            Err(e) => self.fail(ErrorKind::WildcardSyntax, e.reason, v.span),
        }
    }

    fn prefix_suffix(&mut self, name: &str) -> Res<ConditionKind> {
        let v = self.next()?;
        let make = |s: String, folded: Option<Folded>| {
            if name == "prefix" {
                ConditionKind::Prefix(s, folded)
            } else {
                ConditionKind::Suffix(s, folded)
            }
        };
        match v.kind {
            TokenKind::String => Ok(make(self.string(v)?, None)),
            TokenKind::BeginObject => {
                let k = self.next()?;
                if k.kind != TokenKind::Key {
                    let what = if name == "prefix" { "Prefix" } else { "Suffix" };
                    return self.fail(
                        ErrorKind::OperandInvalid,
                        format!("{what} expression name not found"),
                        v.span.cover(k.span),
                    );
                }
                let key = self.string(k)?;
                if key != "equals-ignore-case" {
                    return self.fail(
                        ErrorKind::OperandInvalid,
                        format!("Unsupported {name} pattern: {key}"),
                        k.span,
                    );
                }
                let s = self.operand_string("equals-ignore-case match pattern must be a string")?;
                let end = self.next()?;
                if end.kind != TokenKind::EndObject {
                    return self.fail(
                        ErrorKind::OperatorExtraKey,
                        "Only one key allowed in match expression",
                        end.span,
                    );
                }
                let folded = Folded::new(&s);
                Ok(make(s, Some(folded)))
            }
            _ => self.fail(
                ErrorKind::OperandInvalid,
                format!("{name} match pattern must be a string"),
                v.span,
            ),
        }
    }
}
