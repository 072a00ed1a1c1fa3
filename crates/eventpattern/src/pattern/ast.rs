//! The pattern tree. It mirrors what the user wrote (every duplicate key,
//! every `$or` branch, in order), with spans into the pattern text, so the
//! trace can be shown against the user's own pattern.

use crate::operators::ignore_case::Folded;
use crate::operators::ip::{Addr, Cidr};
use crate::operators::wildcard::Wildcard;
use crate::span::Span;

/// Index of a [`Leaf`] in the pattern's leaf list.
pub type LeafId = usize;

/// An object of the pattern.
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
pub type Identity = Option<Box<crate::json::Lone>>;

/// One condition of a list, with its span.
#[derive(Debug, Clone)]
pub struct Condition {
    /// What it tests.
    pub kind: ConditionKind,
    /// The value or operator object as written.
    pub span: Span,
}

/// A bound of a numeric range.
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
#[derive(Debug, Clone, PartialEq)]
pub struct Range {
    /// Lower bound, if any.
    pub lower: Option<Bound>,
    /// Upper bound, if any.
    pub upper: Option<Bound>,
}

/// The forms of `anything-but`.
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
