//! Pattern tree → the flat rules AWS evaluates: `$or` expanded into
//! alternatives (outer fields copied into each branch), of two fields at the
//! same path the later in the text winning (whether it is in a `$or` branch or
//! not), and the two limits AWS checks after compiling (docs/SEMANTICS.md,
//! "$or" and "Limits").

use crate::operators::wildcard::MAX_COMPLEXITY;
use crate::pattern::{
    AnythingBut, ConditionKind, ErrorKind, Leaf, LeafId, MemberValue, ObjectNode, OrNode,
    ParsedPattern, PathSegment, PatternError,
};
use crate::span::Span;

/// Most alternatives `$or` may expand to.
///
/// ```
/// use eventpattern::{compile::MAX_COMBINATIONS, ErrorKind, Pattern};
///
/// let or = |k: &str| format!(r#"[{}]"#, (0..32).map(|i| format!(r#"{{"{k}{i}": ["x"]}}"#)).collect::<Vec<_>>().join(","));
/// let text = format!(r#"{{"$or": {}, "d": {{"$or": {}}}}}"#, or("a"), or("b"));
/// assert!(32 * 32 > MAX_COMBINATIONS);
/// assert_eq!(Pattern::parse(&text).unwrap_err().kind, ErrorKind::TooManyCombinations);
/// ```
pub const MAX_COMBINATIONS: usize = 1000;

/// One alternative of the pattern: fields that must all be met.
///
/// ```
/// use eventpattern::Pattern;
///
/// let p = Pattern::parse(r#"{"a": ["1"], "$or": [{"b": ["2"]}, {"c": ["3"]}]}"#).unwrap();
/// assert_eq!(p.rules().len(), 2);
/// assert_eq!(p.rules()[1].leaves.len(), 2); // `a` and `c`
/// assert_eq!(p.rules()[1].branches, [(0, 1)]);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rule {
    /// The fields, at most one per joined path.
    pub leaves: Vec<LeafId>,
    /// Which branch of which `$or` this alternative took: `(or id, branch index)`.
    pub branches: Vec<(usize, usize)>,
}

impl Rule {
    fn set(&mut self, id: LeafId, leaves: &[Leaf]) {
        let joined = &leaves[id].joined;
        self.leaves.retain(|&l| &leaves[l].joined != joined);
        self.leaves.push(id);
    }
}

/// Expands the pattern into its alternatives and applies AWS's limits.
///
/// ```
/// use eventpattern::{compile::compile, pattern::parse};
///
/// let rules = compile(&parse(r#"{"$or": [{"a": ["1"]}, {"b": ["2"]}]}"#).unwrap()).unwrap();
/// assert_eq!(rules.len(), 2);
/// ```
pub fn compile(p: &ParsedPattern) -> Result<Vec<Rule>, PatternError> {
    check_complexity(p)?;
    expand(&p.root, &p.leaves)
}

fn product(
    a: Vec<Rule>,
    b: Vec<Rule>,
    leaves: &[Leaf],
    span: Span,
) -> Result<Vec<Rule>, PatternError> {
    let n = a.len().saturating_mul(b.len());
    if n > MAX_COMBINATIONS {
        return Err(too_many(n, span));
    }
    if b.len() == 1 && b[0].leaves.is_empty() && b[0].branches.is_empty() {
        return Ok(a);
    }
    let mut out = Vec::with_capacity(n);
    for x in &a {
        for y in &b {
            let mut r = x.clone();
            for &l in &y.leaves {
                r.set(l, leaves);
            }
            r.branches.extend_from_slice(&y.branches);
            out.push(r);
        }
    }
    Ok(out)
}

fn too_many(n: usize, span: Span) -> PatternError {
    PatternError::new(
        ErrorKind::TooManyCombinations,
        format!(
            "The $or lists in this pattern combine into {n} alternatives; EventBridge allows at most {MAX_COMBINATIONS}"
        ),
        span,
        &[],
    )
}

/// Members are applied in document order, so of a field set both by a `$or`
/// branch and by a sibling, the one later in the text wins (as at AWS).
/// Nested objects and `$or` branches are expanded with an explicit stack,
/// not recursion, since patterns may nest about 820 levels deep.
fn expand(root: &ObjectNode, leaves: &[Leaf]) -> Result<Vec<Rule>, PatternError> {
    enum Frame<'a> {
        /// An object: the next member to apply and the alternatives so far.
        Object {
            obj: &'a ObjectNode,
            next: usize,
            rules: Vec<Rule>,
        },
        /// A `$or`: the next branch to expand and the alternatives so far.
        Or {
            node: &'a OrNode,
            next: usize,
            alternatives: Vec<Rule>,
        },
    }
    let object = |obj| Frame::Object {
        obj,
        next: 0,
        rules: vec![Rule::default()],
    };
    let mut stack = vec![object(root)];
    // The alternatives of the frame just finished, for the frame below it.
    let mut finished: Option<Vec<Rule>> = None;
    loop {
        let top = stack.last_mut().expect("the root frame is open");
        let child = match top {
            Frame::Object { obj, next, rules } => {
                if let Some(sub) = finished.take() {
                    let span = match &obj.members[*next - 1].value {
                        MemberValue::Object(o) => o.span,
                        MemberValue::Or(node) => node.span,
                        MemberValue::Leaf(_) => unreachable!("a leaf opens no frame"),
                    };
                    *rules = product(std::mem::take(rules), sub, leaves, span)?;
                }
                let mut child = None;
                while let Some(m) = obj.members.get(*next) {
                    *next += 1;
                    match &m.value {
                        MemberValue::Leaf(id) => rules.iter_mut().for_each(|r| r.set(*id, leaves)),
                        MemberValue::Object(o) => {
                            child = Some(object(o));
                            break;
                        }
                        MemberValue::Or(node) => {
                            child = Some(Frame::Or {
                                node,
                                next: 0,
                                alternatives: Vec::new(),
                            });
                            break;
                        }
                    }
                }
                if child.is_none() {
                    finished = Some(std::mem::take(rules));
                }
                child
            }
            Frame::Or {
                node,
                next,
                alternatives,
            } => {
                if let Some(sub) = finished.take() {
                    for mut r in sub {
                        r.branches.insert(0, (node.id, *next - 1));
                        alternatives.push(r);
                        if alternatives.len() > MAX_COMBINATIONS {
                            return Err(too_many(alternatives.len(), node.span));
                        }
                    }
                }
                match node.branches.get(*next) {
                    Some(b) => {
                        *next += 1;
                        Some(object(b))
                    }
                    None => {
                        finished = Some(std::mem::take(alternatives));
                        None
                    }
                }
            }
        };
        match child {
            Some(frame) => stack.push(frame),
            None => {
                stack.pop();
                if stack.is_empty() {
                    return Ok(finished.unwrap_or_default());
                }
            }
        }
    }
}

/// Where a leaf's condition sits in the pattern: the leaf's keys, then its
/// place in the list (each list element is one condition).
fn condition_path(leaf: &Leaf, index: usize) -> Vec<PathSegment> {
    let mut path: Vec<PathSegment> = leaf.path.iter().cloned().map(PathSegment::Key).collect();
    path.push(PathSegment::Index(index));
    path
}

/// AWS refuses wildcards whose automaton would be too non-deterministic
/// ("Rule is too complex"). The metric is event-ruler's (see
/// `Wildcard::complexity`); AWS's threshold is not published: values up to 9
/// are known accepted and 11 rejected, so above 10 is refused. A field's
/// wildcards share one automaton at AWS; we take the largest single one, which
/// never refuses what AWS accepts (a sum would refuse ordinary ARN lists).
fn check_complexity(p: &ParsedPattern) -> Result<(), PatternError> {
    for leaf in &p.leaves {
        let mut total = 0usize;
        for (index, c) in leaf.conditions.iter().enumerate() {
            let n = match &c.kind {
                ConditionKind::Wildcard(_, w) => w.complexity(MAX_COMPLEXITY),
                ConditionKind::AnythingBut(AnythingBut::Wildcards(ws)) => ws
                    .iter()
                    .map(|(_, w)| w.complexity(MAX_COMPLEXITY))
                    .max()
                    .unwrap_or(0),
                _ => 0,
            };
            total = total.max(n);
            if total > MAX_COMPLEXITY {
                return Err(PatternError::new(
                    ErrorKind::WildcardTooComplex,
                    "Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character",
                    c.span,
                    &condition_path(leaf, index),
                ));
            }
        }
    }
    Ok(())
}
