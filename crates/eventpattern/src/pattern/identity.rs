//! Which exact string values AWS's engine compares as Java strings, and which
//! as UTF-8 bytes (docs/SEMANTICS.md, "Lone surrogates").
//!
//! The engine keeps every value of one field in one byte automaton
//! (event-ruler `ByteMachine.java`). A value that no other value on the field
//! shares from some byte on, before its closing quote, hangs there as a
//! "shortcut" that compares the whole string; a value whose bytes another
//! value shares up to its closing quote is stored byte by byte, and there a
//! lone surrogate is the `?` Java's UTF-8 encoder writes. The two ways differ
//! only for text with a `?` or a lone surrogate.

use super::ast::{AnythingBut, ConditionKind, Leaf};
use crate::operators::ignore_case::Folded;
use crate::operators::wildcard::Wildcard;
use std::collections::HashMap;

/// A value as the automaton stores it: kind, bytes, lone surrogates.
type Stored = (u8, Vec<u8>, Vec<(u32, u16)>);

/// Decides, for every exact string value, how it is compared: keeps its
/// [`super::ast::Identity`] where the engine compares the string, clears it
/// where it compares bytes.
pub(crate) fn settle(leaves: &mut [Leaf]) {
    let mut fields: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, leaf) in leaves.iter().enumerate() {
        fields.entry(leaf.joined.as_str()).or_default().push(i);
    }
    let mut by_bytes: Vec<(usize, usize)> = Vec::new();
    for ids in fields.into_values() {
        // The field's distinct values (the same value twice is one in the
        // automaton), and where its exact ones are.
        let mut stored: HashMap<Stored, Vec<(usize, usize)>> = HashMap::new();
        for &l in &ids {
            for (c, cond) in leaves[l].conditions.iter().enumerate() {
                for (value, exact) in stored_values(&cond.kind) {
                    let at = stored.entry(value).or_default();
                    if exact {
                        at.push((l, c));
                    }
                }
            }
        }
        let mut values: Vec<(Stored, Vec<(usize, usize)>)> = stored.into_iter().collect();
        crate::sort::sort_by(&mut values, |a, b| a.0 .1.cmp(&b.0 .1));
        for (i, (value, exacts)) in values.iter().enumerate() {
            if exacts.is_empty() {
                continue;
            }
            let bytes = &value.1;
            let shared = [i.checked_sub(1), Some(i + 1)]
                .into_iter()
                .flatten()
                .filter_map(|j| values.get(j))
                .map(|(other, _)| common_prefix(bytes, &other.1))
                .max()
                .unwrap_or(0);
            if shared + 1 >= bytes.len() {
                by_bytes.extend(exacts);
            }
        }
    }
    for (l, c) in by_bytes.iter().copied() {
        if let ConditionKind::Exact(_, identity) = &mut leaves[l].conditions[c].kind {
            *identity = None;
        }
    }
    // Case-insensitive values and wildcards are not plain bytes: whether they
    // take an exact value off its shortcut depends on which came first.
    let mut shapes: HashMap<&str, Vec<(u32, &ConditionKind)>> = HashMap::new();
    for leaf in leaves.iter() {
        for cond in &leaf.conditions {
            if is_shape(&cond.kind) {
                let at = shapes.entry(leaf.joined.as_str()).or_default();
                at.push((cond.span.start, &cond.kind));
            }
        }
    }
    let mut shadowed = Vec::new();
    for (l, leaf) in leaves.iter().enumerate() {
        let Some(field) = shapes.get(leaf.joined.as_str()) else {
            continue;
        };
        for (c, cond) in leaf.conditions.iter().enumerate() {
            if let ConditionKind::Exact(text, Some(_)) = &cond.kind {
                let start = cond.span.start;
                if field
                    .iter()
                    .any(|&(at, kind)| shadows(kind, at < start, text))
                {
                    shadowed.push((l, c));
                }
            }
        }
    }
    for (l, c) in shadowed {
        if let ConditionKind::Exact(_, identity) = &mut leaves[l].conditions[c].kind {
            *identity = None;
        }
    }
}

/// The string values a condition puts in the automaton, each with whether
/// it is an exact value settled here. Values the engine stores in other
/// shapes (numbers, wildcards, case-insensitive ones) are left out.
fn stored_values(kind: &ConditionKind) -> Vec<(Stored, bool)> {
    let quoted = |s: &str, closed: bool| {
        let mut b = Vec::with_capacity(s.len() + 2);
        b.push(b'"');
        b.extend_from_slice(s.as_bytes());
        if closed {
            b.push(b'"');
        }
        b
    };
    match kind {
        ConditionKind::Exact(s, identity) => {
            let lone = identity.as_deref().unwrap_or(&[]).to_vec();
            vec![((0, quoted(s, true), lone), true)]
        }
        ConditionKind::ExactIp(s, _) => vec![((0, quoted(s, true), Vec::new()), false)],
        ConditionKind::Prefix(p, None) => vec![((1, quoted(p, false), Vec::new()), false)],
        // Suffixes are stored reversed, from the closing quote on.
        ConditionKind::Suffix(p, None) => vec![((4, reversed(p), Vec::new()), false)],
        ConditionKind::AnythingBut(AnythingBut::Suffixes(list)) => list
            .iter()
            .map(|p| ((5, reversed(p), Vec::new()), false))
            .collect(),
        ConditionKind::AnythingBut(AnythingBut::Strings(list)) => list
            .iter()
            .map(|s| ((2, quoted(s, true), Vec::new()), false))
            .collect(),
        ConditionKind::AnythingBut(AnythingBut::Prefixes(list)) => list
            .iter()
            .map(|p| ((3, quoted(p, false), Vec::new()), false))
            .collect(),
        _ => Vec::new(),
    }
}

/// Case-insensitive values and wildcards, which [`shadows`] looks at.
fn is_shape(kind: &ConditionKind) -> bool {
    matches!(
        kind,
        ConditionKind::EqualsIgnoreCase(..)
            | ConditionKind::Prefix(_, Some(_))
            | ConditionKind::Wildcard(..)
            | ConditionKind::AnythingBut(AnythingBut::IgnoreCase(_) | AnythingBut::Wildcards(_))
    )
}

/// Whether a case-insensitive or wildcard value makes the engine store the
/// exact value `text` byte by byte. Such a value's characters with two cases,
/// and its stars, are not plain bytes: an exact value added `earlier` keeps
/// its shortcut past them; one added after walks into them and loses it.
fn shadows(kind: &ConditionKind, earlier: bool, text: &str) -> bool {
    match kind {
        ConditionKind::EqualsIgnoreCase(_, f) => folded_shadows(f, earlier, text, true),
        ConditionKind::Prefix(_, Some(f)) => folded_shadows(f, earlier, text, false),
        ConditionKind::AnythingBut(AnythingBut::IgnoreCase(list)) => list
            .iter()
            .any(|(_, f)| folded_shadows(f, earlier, text, true)),
        ConditionKind::Wildcard(_, w) => wildcard_shadows(w, earlier, text),
        ConditionKind::AnythingBut(AnythingBut::Wildcards(list)) => {
            list.iter().any(|(_, w)| wildcard_shadows(w, earlier, text))
        }
        _ => false,
    }
}

fn folded_shadows(f: &Folded, earlier: bool, text: &str, closed: bool) -> bool {
    if earlier {
        return f.begins(text);
    }
    let (start, whole) = f.caseless_start();
    reaches(text, &start, whole && closed)
}

fn wildcard_shadows(w: &Wildcard, earlier: bool, text: &str) -> bool {
    let start = w.leading_literal();
    if w.stars() == 0 {
        return reaches(text, start, true);
    }
    (earlier && text.starts_with(start)) || reaches(text, start, false)
}

/// Whether a value stored as the bytes of `start` (a quote, `start`, and a
/// closing quote when `closed`) shares the exact value's bytes up to its
/// closing quote.
fn reaches(text: &str, start: &str, closed: bool) -> bool {
    let mut stored = vec![b'"'];
    stored.extend_from_slice(start.as_bytes());
    if closed {
        stored.push(b'"');
    }
    let mut exact = vec![b'"'];
    exact.extend_from_slice(text.as_bytes());
    exact.push(b'"');
    common_prefix(&exact, &stored) + 1 >= exact.len()
}

/// A suffix as the automaton stores it: a quote, then its characters last
/// first.
fn reversed(suffix: &str) -> Vec<u8> {
    let mut b = vec![b'"'];
    let mut buf = [0u8; 4];
    for c in suffix.chars().rev() {
        b.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
    }
    b
}

/// The length of the longest common prefix of `a` and `b`.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}
