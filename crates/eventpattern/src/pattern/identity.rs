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
//!
//! Each exact value is compared with the other values on its field: the
//! 4,096-character limit bounds their number, and this is small code, which
//! the page downloads.

use super::ast::{AnythingBut, ConditionKind, Leaf};
use crate::json::Lone;

/// Decides, for every exact string value, how it is compared: keeps its
/// [`super::ast::Identity`] where the engine compares the string, clears it
/// where it compares bytes.
pub(crate) fn settle(leaves: &mut [Leaf]) {
    let mut by_bytes = Vec::new();
    for (l, leaf) in leaves.iter().enumerate() {
        for (c, cond) in leaf.conditions.iter().enumerate() {
            let ConditionKind::Exact(text, Some(lone)) = &cond.kind else {
                continue;
            };
            let exact = Exact {
                text,
                lone,
                at: cond.span.start,
            };
            if leaves
                .iter()
                .filter(|other| other.joined == leaf.joined)
                .flat_map(|other| &other.conditions)
                .any(|other| exact.loses_shortcut(&other.kind, other.span.start))
            {
                by_bytes.push((l, c));
            }
        }
    }
    for (l, c) in by_bytes {
        if let ConditionKind::Exact(_, identity) = &mut leaves[l].conditions[c].kind {
            *identity = None;
        }
    }
}

/// An exact value and where it stands in the pattern text.
struct Exact<'a> {
    text: &'a str,
    lone: &'a Lone,
    at: u32,
}

impl Exact<'_> {
    /// Whether the value `other` (starting at `at`) on the same field makes
    /// the engine store this one byte by byte: its stored text begins with
    /// this one's, so they share every byte before this one's closing quote.
    /// Case-insensitive values and wildcards are not plain bytes where a
    /// character has two cases or a star stands: one added first (written
    /// before) takes this value off its shortcut when the value begins one of
    /// its spellings or runs into its first star; one added after only by
    /// its plain bytes.
    fn loses_shortcut(&self, other: &ConditionKind, at: u32) -> bool {
        use ConditionKind as C;
        let earlier = at < self.at;
        let begins = |stored: &str| stored.starts_with(self.text);
        // Suffixes are stored reversed.
        let reversed = |s: &str| begins(&s.chars().rev().collect::<String>());
        let folded = |f: &crate::operators::ignore_case::Folded| {
            if earlier {
                f.begins(self.text)
            } else {
                begins(&f.caseless_start())
            }
        };
        let wildcard = |w: &crate::operators::wildcard::Wildcard| {
            let start = w.leading_literal();
            begins(start) || (earlier && w.stars() > 0 && self.text.starts_with(start))
        };
        match other {
            // The same value twice is one value in the automaton.
            C::Exact(text, lone) => {
                begins(text) && (text != self.text || lone.as_deref() != Some(self.lone))
            }
            C::ExactIp(text, _) | C::Prefix(text, None) => begins(text),
            C::Suffix(text, None) => reversed(text),
            C::EqualsIgnoreCase(_, f) | C::Prefix(_, Some(f)) => folded(f),
            C::Wildcard(_, w) => wildcard(w),
            C::AnythingBut(AnythingBut::Strings(list) | AnythingBut::Prefixes(list)) => {
                list.iter().any(|s| begins(s))
            }
            C::AnythingBut(AnythingBut::Suffixes(list)) => list.iter().any(|s| reversed(s)),
            C::AnythingBut(AnythingBut::IgnoreCase(list)) => list.iter().any(|(_, f)| folded(f)),
            C::AnythingBut(AnythingBut::Wildcards(list)) => list.iter().any(|(_, w)| wildcard(w)),
            _ => false,
        }
    }
}
