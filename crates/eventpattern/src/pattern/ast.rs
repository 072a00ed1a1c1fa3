//! The pattern tree. It mirrors what the user wrote (every duplicate key,
//! every `$or` branch, in order), with spans into the pattern text, so the
//! trace can be shown against the user's own pattern.

use crate::operators::ignore_case::Folded;
use crate::operators::ip::{Addr, Cidr};
use crate::operators::wildcard::Wildcard;
use crate::span::Span;

/// Index of a [`Leaf`] in the pattern's leaf list.
///
/// ```
/// use eventpattern::Pattern;
///
/// let p = Pattern::parse(r#"{"a": ["1"], "b": ["2"]}"#).unwrap();
/// let trace = p.explain(r#"{"a": "1"}"#).unwrap();
/// let id: eventpattern::pattern::LeafId = trace.fields[1].leaf;
/// assert_eq!(p.tree().leaves[id].joined, "b");
/// ```
pub type LeafId = usize;

/// An object of the pattern.
///
/// ```
/// use eventpattern::pattern::parse;
///
/// let tree = parse(r#"{"a": ["1"], "a": ["2"]}"#).unwrap();
/// assert_eq!(tree.root.members.len(), 2); // duplicates kept, as written
/// ```
#[derive(Debug)]
pub struct ObjectNode {
    /// From `{` to `}`.
    pub span: Span,
    /// Members in the order written (duplicates included).
    pub members: Vec<Member>,
}

/// Copies the whole subtree with an explicit stack: patterns can nest about
/// 820 levels deep, too deep for a recursive copy on a small Wasm stack.
impl Clone for ObjectNode {
    fn clone(&self) -> Self {
        /// A container being copied: what is copied so far, what is left.
        enum Frame<'a> {
            Object {
                src: &'a ObjectNode,
                members: Vec<Member>,
            },
            Or {
                src: &'a OrNode,
                key_span: Span,
                branches: Vec<ObjectNode>,
            },
        }
        let mut stack = vec![Frame::Object {
            src: self,
            members: Vec::with_capacity(self.members.len()),
        }];
        loop {
            let top = stack.last_mut().expect("the root is open");
            let next = match top {
                Frame::Object { src, members } => match src.members.get(members.len()) {
                    Some(m) => match &m.value {
                        MemberValue::Leaf(id) => {
                            members.push(Member {
                                key: m.key.clone(),
                                key_span: m.key_span,
                                value: MemberValue::Leaf(*id),
                            });
                            continue;
                        }
                        MemberValue::Object(o) => Frame::Object {
                            src: o,
                            members: Vec::with_capacity(o.members.len()),
                        },
                        MemberValue::Or(or) => Frame::Or {
                            src: or,
                            key_span: m.key_span,
                            branches: Vec::with_capacity(or.branches.len()),
                        },
                    },
                    None => {
                        let Some(Frame::Object { src, members }) = stack.pop() else {
                            unreachable!("the top is an object");
                        };
                        let done = ObjectNode {
                            span: src.span,
                            members,
                        };
                        match stack.last_mut() {
                            None => return done,
                            Some(Frame::Object { src, members }) => {
                                let m = &src.members[members.len()];
                                members.push(Member {
                                    key: m.key.clone(),
                                    key_span: m.key_span,
                                    value: MemberValue::Object(done),
                                });
                            }
                            Some(Frame::Or { branches, .. }) => branches.push(done),
                        }
                        continue;
                    }
                },
                Frame::Or { src, branches, .. } => match src.branches.get(branches.len()) {
                    Some(b) => Frame::Object {
                        src: b,
                        members: Vec::with_capacity(b.members.len()),
                    },
                    None => {
                        let Some(Frame::Or {
                            src,
                            key_span,
                            branches,
                        }) = stack.pop()
                        else {
                            unreachable!("the top is a $or");
                        };
                        if let Some(Frame::Object { members, .. }) = stack.last_mut() {
                            members.push(Member {
                                key: "$or".into(),
                                key_span,
                                value: MemberValue::Or(OrNode {
                                    id: src.id,
                                    span: src.span,
                                    branches,
                                }),
                            });
                        }
                        continue;
                    }
                },
            };
            stack.push(next);
        }
    }
}

/// One `key: value` of an object.
///
/// ```
/// use eventpattern::pattern::parse;
///
/// let text = r#"{"detail": {"state": ["on"]}}"#;
/// let m = &parse(text).unwrap().root.members[0];
/// assert_eq!((m.key.as_str(), &text[m.key_span.range()]), ("detail", "\"detail\""));
/// ```
#[derive(Debug, Clone)]
pub struct Member {
    /// The decoded key.
    pub key: String,
    /// The key with its quotes.
    pub key_span: Span,
    /// What the key holds.
    pub value: MemberValue,
}

/// What a key holds.
///
/// ```
/// use eventpattern::pattern::{parse, MemberValue};
///
/// let tree = parse(r#"{"a": {"b": ["1"]}, "$or": [{"c": ["2"]}, {"d": ["3"]}]}"#).unwrap();
/// assert!(matches!(tree.root.members[0].value, MemberValue::Object(_)));
/// assert!(matches!(tree.root.members[1].value, MemberValue::Or(_)));
/// ```
#[derive(Debug, Clone)]
pub enum MemberValue {
    /// A nested object: the path goes deeper.
    Object(ObjectNode),
    /// A list of conditions on the leaf at this path.
    Leaf(LeafId),
    /// `"$or": [ {…}, {…} ]`.
    Or(OrNode),
}

/// A `$or` list.
///
/// ```
/// use eventpattern::pattern::parse;
///
/// let tree = parse(r#"{"$or": [{"c": ["2"]}, {"d": ["3"]}]}"#).unwrap();
/// let ors = tree.or_nodes();
/// assert_eq!((ors[0].id, ors[0].branches.len()), (0, 2));
/// ```
#[derive(Debug, Clone)]
pub struct OrNode {
    /// Number of this `$or` in document order.
    pub id: usize,
    /// From `[` to `]`.
    pub span: Span,
    /// The alternatives.
    pub branches: Vec<ObjectNode>,
}

/// A pattern field with its conditions: `"state": ["stopped", {"prefix": "term"}]`.
///
/// ```
/// use eventpattern::pattern::parse;
///
/// let text = r#"{"detail": {"state": ["stopped", {"prefix": "term"}]}}"#;
/// let leaf = &parse(text).unwrap().leaves[0];
/// assert_eq!(leaf.path, ["detail", "state"]);
/// assert_eq!(leaf.joined, "detail.state");
/// assert_eq!(leaf.conditions.len(), 2);
/// assert_eq!(&text[leaf.list_span.range()], r#"["stopped", {"prefix": "term"}]"#);
/// ```
#[derive(Debug, Clone)]
pub struct Leaf {
    /// Keys from the root, as written.
    pub path: Vec<String>,
    /// Keys joined with `.`, which is how AWS compares paths (`a.b` = `a` → `b`).
    pub joined: String,
    /// The key with its quotes.
    pub key_span: Span,
    /// From `[` to `]`.
    pub list_span: Span,
    /// The conditions; any one of them may be met.
    pub conditions: Vec<Condition>,
}

/// How AWS's engine compares an exact string value (docs/SEMANTICS.md, "Lone
/// surrogates"). `Some`: as the Java string itself, whose lone surrogates
/// are these (a value alone at its first differing byte gets a "shortcut"
/// in the engine's automaton, which compares strings). `None`: by UTF-8
/// bytes, in which every lone surrogate is `?` (another value on the field
/// shares its bytes up to its closing quote). The two differ only for text
/// with a `?` or a lone surrogate.
///
/// ```
/// use eventpattern::pattern::{parse, ConditionKind};
///
/// let tree = parse(r#"{"a": ["plain"]}"#).unwrap();
/// assert!(matches!(&tree.leaves[0].conditions[0].kind, ConditionKind::Exact(s, _) if s == "plain"));
/// ```
pub type Identity = Option<Box<crate::json::Lone>>;

/// One condition of a list, with its span.
///
/// ```
/// use eventpattern::pattern::parse;
///
/// let text = r#"{"a": ["x", {"suffix": ".png"}]}"#;
/// let c = &parse(text).unwrap().leaves[0].conditions[1];
/// assert_eq!(&text[c.span.range()], r#"{"suffix": ".png"}"#);
/// assert_eq!(c.kind.operator_name(), "suffix");
/// ```
#[derive(Debug, Clone)]
pub struct Condition {
    /// What it tests.
    pub kind: ConditionKind,
    /// The value or operator object as written.
    pub span: Span,
}

/// A bound of a numeric range.
///
/// ```
/// use eventpattern::pattern::{parse, ConditionKind};
///
/// let tree = parse(r#"{"n": [{"numeric": [">=", 1e1]}]}"#).unwrap();
/// let ConditionKind::Numeric(range) = &tree.leaves[0].conditions[0].kind else { unreachable!() };
/// let lower = range.lower.as_ref().unwrap();
/// assert_eq!((lower.value, lower.inclusive, lower.text.as_str()), (10.0, true, "1e1"));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Bound {
    /// The bound.
    pub value: f64,
    /// `>=` / `<=` / `=`.
    pub inclusive: bool,
    /// As written.
    pub text: String,
}

/// A numeric range; `=` has equal inclusive bounds.
///
/// ```
/// use eventpattern::pattern::{parse, ConditionKind};
///
/// let tree = parse(r#"{"n": [{"numeric": ["=", 5]}]}"#).unwrap();
/// let ConditionKind::Numeric(range) = &tree.leaves[0].conditions[0].kind else { unreachable!() };
/// assert_eq!(range.lower, range.upper);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Range {
    /// Lower bound, if any.
    pub lower: Option<Bound>,
    /// Upper bound, if any.
    pub upper: Option<Bound>,
}

/// The forms of `anything-but`.
///
/// ```
/// use eventpattern::pattern::{parse, AnythingBut, ConditionKind};
///
/// let tree = parse(r#"{"a": [{"anything-but": {"prefix": "tmp/"}}]}"#).unwrap();
/// let ConditionKind::AnythingBut(but) = &tree.leaves[0].conditions[0].kind else { unreachable!() };
/// assert!(matches!(but, AnythingBut::Prefixes(p) if p == &["tmp/"]));
/// ```
#[derive(Debug, Clone)]
pub enum AnythingBut {
    /// `"a"` or `["a", "b"]`.
    Strings(Vec<String>),
    /// `5` or `[1, 2]` (text, value).
    Numbers(Vec<(String, f64)>),
    /// `{"prefix": …}`.
    Prefixes(Vec<String>),
    /// `{"suffix": …}`.
    Suffixes(Vec<String>),
    /// `{"equals-ignore-case": …}`.
    IgnoreCase(Vec<(String, Folded)>),
    /// `{"wildcard": …}`.
    Wildcards(Vec<(String, Wildcard)>),
}

impl AnythingBut {
    /// Whether nothing is excluded: `{"prefix": []}` and the like, which AWS
    /// accepts and which then accepts no value at all.
    ///
    /// ```
    /// use eventpattern::pattern::{parse, ConditionKind};
    ///
    /// let tree = parse(r#"{"a": [{"anything-but": {"prefix": []}}]}"#).unwrap();
    /// let ConditionKind::AnythingBut(but) = &tree.leaves[0].conditions[0].kind else { unreachable!() };
    /// assert!(but.is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        match self {
            AnythingBut::Strings(l) | AnythingBut::Prefixes(l) | AnythingBut::Suffixes(l) => {
                l.is_empty()
            }
            AnythingBut::Numbers(l) => l.is_empty(),
            AnythingBut::IgnoreCase(l) => l.is_empty(),
            AnythingBut::Wildcards(l) => l.is_empty(),
        }
    }
}

/// What a condition tests.
///
/// ```
/// use eventpattern::pattern::{parse, ConditionKind};
///
/// let tree = parse(r#"{"a": [300, {"exists": true}, {"cidr": "10.0.0.0/8"}]}"#).unwrap();
/// let kinds: Vec<&ConditionKind> = tree.leaves[0].conditions.iter().map(|c| &c.kind).collect();
/// assert!(matches!(kinds[0], ConditionKind::Number { text, .. } if text == "300"));
/// assert!(matches!(kinds[1], ConditionKind::Exists(true)));
/// assert_eq!(kinds[2].operator_name(), "cidr");
/// ```
#[derive(Debug, Clone)]
pub enum ConditionKind {
    /// `"text"`, and how AWS's engine compares it (see [`Identity`]).
    Exact(String, Identity),
    /// `"10.0.0.1"`: a plain string that is an IP address matches any spelling of it.
    ExactIp(String, Addr),
    /// `300`: numeric equality when comparable, else identical text.
    Number {
        /// As written.
        text: String,
        /// The comparable value, if any.
        value: Option<f64>,
    },
    /// `true` / `false`.
    Bool(bool),
    /// `null`.
    Null,
    /// `{"prefix": "p"}` (with `ignore_case` for `{"prefix": {"equals-ignore-case": "p"}}`).
    Prefix(String, Option<Folded>),
    /// `{"suffix": "s"}` (optionally ignoring case).
    Suffix(String, Option<Folded>),
    /// `{"equals-ignore-case": "s"}`.
    EqualsIgnoreCase(String, Folded),
    /// `{"wildcard": "a*b"}`.
    Wildcard(String, Wildcard),
    /// `{"exactly": "s"}` (event-ruler only).
    Exactly(String),
    /// `{"anything-but": …}`.
    AnythingBut(AnythingBut),
    /// `{"numeric": [">", 0, "<=", 5]}`.
    Numeric(Range),
    /// `{"exists": true}`.
    Exists(bool),
    /// `{"cidr": "10.0.0.0/24"}`.
    Cidr(String, Cidr),
}

impl ConditionKind {
    /// The operator's name as written in patterns (`exact` for plain values).
    ///
    /// ```
    /// use eventpattern::pattern::parse;
    ///
    /// let tree = parse(r#"{"a": [{"equals-ignore-case": "X"}]}"#).unwrap();
    /// assert_eq!(tree.leaves[0].conditions[0].kind.operator_name(), "equals-ignore-case");
    /// ```
    pub fn operator_name(&self) -> &'static str {
        match self {
            ConditionKind::Exact(..) | ConditionKind::ExactIp(..) => "exact",
            ConditionKind::Number { .. } => "exact number",
            ConditionKind::Bool(_) => "exact boolean",
            ConditionKind::Null => "null",
            ConditionKind::Prefix(_, None) => "prefix",
            ConditionKind::Prefix(_, Some(_)) => "prefix (equals-ignore-case)",
            ConditionKind::Suffix(_, None) => "suffix",
            ConditionKind::Suffix(_, Some(_)) => "suffix (equals-ignore-case)",
            ConditionKind::EqualsIgnoreCase(..) => "equals-ignore-case",
            ConditionKind::Wildcard(..) => "wildcard",
            ConditionKind::Exactly(_) => "exactly",
            ConditionKind::AnythingBut(_) => "anything-but",
            ConditionKind::Numeric(_) => "numeric",
            ConditionKind::Exists(_) => "exists",
            ConditionKind::Cidr(..) => "cidr",
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn clone_copies_every_member() {
        let p = crate::pattern::parse(
            r#"{"a": {"b": ["x"], "$or": [{"c": [1]}, {"d": {"e": [true]}}]}, "f": [null]}"#,
        )
        .unwrap();
        let copy = p.root.clone();
        assert_eq!(format!("{copy:?}"), format!("{:?}", p.root));
    }
}
