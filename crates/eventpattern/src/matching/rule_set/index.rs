//! The rule set's index: for each rule, the values one of its required fields
//! must take, so that an event's values lead straight to the few rules that
//! could match it. The index only prunes: a rule it finds is still decided by
//! the engine's matcher, so a key must be implied by every value the field's
//! conditions accept (`condition::accepts`), never narrower.

use super::trie::Trie;
use crate::event::{FastMap, FlatEvent, Value};
use crate::matcher::ByPath;
use crate::pattern::{ConditionKind, Leaf, LeafId};
use crate::Pattern;

/// What an event value at a path must be for a condition to accept it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Key {
    /// This exact string (plain values, `exactly`, a wildcard without stars).
    Str(String),
    /// This string, ASCII case folded (`equals-ignore-case` of an ASCII operand).
    Folded(String),
    /// A comparable number, by its double's bits (`-0` as `0`): `5` is `5.0`.
    Num(u64),
    /// A number that is not comparable, equal only to its identical text.
    NumText(String),
    /// `true` / `false`.
    Bool(bool),
    /// `null`.
    Null,
    /// A string starting with this (`prefix`, a wildcard's leading literal).
    Prefix(String),
    /// Starting with this, ASCII case folded.
    FoldedPrefix(String),
    /// A string ending with this.
    Suffix(String),
    /// Ending with this, ASCII case folded.
    FoldedSuffix(String),
    /// Any value at all (conditions with no cheaper necessary form:
    /// numeric ranges, `anything-but`, `cidr`, `exists: true`, IP spellings,
    /// case folding beyond ASCII).
    Present,
}

/// The number key of a comparable double: equal doubles, equal keys.
fn number_bits(x: f64) -> u64 {
    if x == 0.0 {
        0f64.to_bits()
    } else {
        x.to_bits()
    }
}

/// The key a condition's accepted values all have; `None` for `exists: false`,
/// which is met by absence and so cannot be looked up.
fn key_of(cond: &ConditionKind) -> Option<Key> {
    use ConditionKind as C;
    Some(match cond {
        C::Exact(s, _) | C::Exactly(s) => Key::Str(s.clone()),
        C::Number { value: Some(x), .. } => Key::Num(number_bits(*x)),
        C::Number { text, value: None } => Key::NumText(text.clone()),
        C::Bool(b) => Key::Bool(*b),
        C::Null => Key::Null,
        C::Prefix(p, None) => Key::Prefix(p.clone()),
        C::Suffix(p, None) => Key::Suffix(p.clone()),
        C::Prefix(_, Some(f)) => match f.ascii() {
            Some(a) => Key::FoldedPrefix(a.to_ascii_lowercase()),
            None => Key::Present,
        },
        C::Suffix(_, Some(f)) => match f.ascii() {
            Some(a) => Key::FoldedSuffix(a.to_ascii_lowercase()),
            None => Key::Present,
        },
        C::EqualsIgnoreCase(_, f) => match f.ascii() {
            Some(a) => Key::Folded(a.to_ascii_lowercase()),
            None => Key::Present,
        },
        C::Wildcard(_, w) if w.stars() == 0 => Key::Str(w.leading_literal().to_string()),
        // The longer of the literal ends (`*-logs` by its suffix).
        C::Wildcard(_, w) if w.trailing_literal().len() > w.leading_literal().len() => {
            Key::Suffix(w.trailing_literal().to_string())
        }
        C::Wildcard(_, w) => Key::Prefix(w.leading_literal().to_string()),
        C::Exists(false) => return None,
        C::AnythingBut(_) | C::ExactIp(..) | C::Numeric(_) | C::Exists(true) | C::Cidr(..) => {
            Key::Present
        }
    })
}

/// An empty prefix or suffix is met by every string: a presence key says as much.
fn weakest(key: Key) -> Key {
    match &key {
        Key::Prefix(a) | Key::FoldedPrefix(a) | Key::Suffix(a) | Key::FoldedSuffix(a)
            if a.is_empty() =>
        {
            Key::Present
        }
        _ => key,
    }
}

/// The keys of a field: one per condition (any may be met), or just
/// `Present` when a condition has no finer key. `None` when the field can be
/// met by absence.
pub(crate) fn field_keys(leaf: &Leaf) -> Option<Vec<Key>> {
    let mut keys: Vec<Key> = Vec::with_capacity(leaf.conditions.len());
    for c in &leaf.conditions {
        let k = weakest(key_of(&c.kind)?);
        if !keys.contains(&k) {
            keys.push(k);
        }
    }
    if keys.contains(&Key::Present) {
        keys = vec![Key::Present];
    }
    Some(keys)
}

/// A field of an alternative that must hold a value.
#[derive(Debug, Clone)]
pub(crate) struct Field {
    /// The pattern's leaf.
    pub leaf: LeafId,
    /// Its path's selector id.
    pub path: u32,
    /// The keys a value there has (any one of them).
    pub keys: Vec<Key>,
}

/// How costly checking a field's conditions on a value is, roughly: the rule
/// set checks a candidate's unindexed fields cheapest first.
pub(crate) fn check_cost(leaf: &Leaf) -> u8 {
    use ConditionKind as C;
    leaf.conditions
        .iter()
        .map(|c| match c.kind {
            C::Exact(..) | C::Exactly(_) | C::Number { .. } | C::Bool(_) | C::Null => 0,
            C::Prefix(..) | C::Suffix(..) | C::EqualsIgnoreCase(..) | C::Exists(_) => 1,
            C::AnythingBut(_) | C::Numeric(_) | C::ExactIp(..) | C::Cidr(..) => 2,
            C::Wildcard(..) => 3,
        })
        .max()
        .unwrap_or(0)
}

/// The cost added to a presence key, which says little about the value.
const PRESENCE_COST: usize = 64;
/// Prefixes and suffixes shorter than this cost the difference more.
const SHORT_AFFIX: usize = 8;

/// Per `$or` alternative of the pattern, the fields that must hold a value;
/// `None` when some alternative has no such field
/// (it could match an event that has none of the keys: evaluate it always).
pub(crate) fn required_fields(pattern: &Pattern, leaf_paths: &[u32]) -> Option<Vec<Vec<Field>>> {
    let leaves = &pattern.tree().leaves;
    pattern
        .rules()
        .iter()
        .map(|alternative| {
            let fields: Vec<Field> = alternative
                .leaves
                .iter()
                .filter_map(|&leaf| {
                    Some(Field {
                        leaf,
                        path: leaf_paths[leaf],
                        keys: field_keys(&leaves[leaf])?,
                    })
                })
                .collect();
            (!fields.is_empty()).then_some(fields)
        })
        .collect()
}

/// The keys registered at one path.
#[derive(Debug, Clone, Default)]
struct PathIndex {
    strings: FastMap<String, Vec<u32>>,
    folded: FastMap<String, Vec<u32>>,
    numbers: FastMap<u64, Vec<u32>>,
    number_texts: FastMap<String, Vec<u32>>,
    bools: [Vec<u32>; 2],
    nulls: Vec<u32>,
    prefixes: Trie,
    folded_prefixes: Trie,
    suffixes: Trie,
    folded_suffixes: Trie,
    present: Vec<u32>,
    /// Some key is case folded: values are lower-cased for the lookup.
    any_folded: bool,
}

fn add_posting(list: &mut Vec<u32>, posting: u32) {
    if !list.contains(&posting) {
        list.push(posting);
    }
}

fn lower(b: u8) -> u8 {
    b.to_ascii_lowercase()
}

impl PathIndex {
    fn insert(&mut self, key: &Key, posting: u32) {
        match key {
            Key::Str(s) => add_posting(self.strings.entry(s.clone()).or_default(), posting),
            Key::Folded(s) => {
                self.any_folded = true;
                add_posting(self.folded.entry(s.clone()).or_default(), posting)
            }
            Key::Num(n) => add_posting(self.numbers.entry(*n).or_default(), posting),
            Key::NumText(t) => {
                add_posting(self.number_texts.entry(t.clone()).or_default(), posting)
            }
            Key::Bool(b) => add_posting(&mut self.bools[usize::from(*b)], posting),
            Key::Null => add_posting(&mut self.nulls, posting),
            Key::Prefix(p) => self.prefixes.insert(p.bytes(), posting),
            Key::FoldedPrefix(p) => {
                self.any_folded = true;
                self.folded_prefixes.insert(p.bytes(), posting)
            }
            Key::Suffix(p) => self.suffixes.insert(p.bytes().rev(), posting),
            Key::FoldedSuffix(p) => {
                self.any_folded = true;
                self.folded_suffixes.insert(p.bytes().rev(), posting)
            }
            Key::Present => add_posting(&mut self.present, posting),
        }
    }

    fn remove(&mut self, key: &Key, posting: u32) {
        fn drop_from<K: std::hash::Hash + Eq>(map: &mut FastMap<K, Vec<u32>>, k: &K, posting: u32) {
            if let Some(list) = map.get_mut(k) {
                list.retain(|&s| s != posting);
                if list.is_empty() {
                    map.remove(k);
                }
            }
        }
        match key {
            Key::Str(s) => drop_from(&mut self.strings, s, posting),
            Key::Folded(s) => drop_from(&mut self.folded, s, posting),
            Key::Num(n) => drop_from(&mut self.numbers, n, posting),
            Key::NumText(t) => drop_from(&mut self.number_texts, t, posting),
            Key::Bool(b) => self.bools[usize::from(*b)].retain(|&s| s != posting),
            Key::Null => self.nulls.retain(|&s| s != posting),
            Key::Prefix(p) => self.prefixes.remove(p.bytes(), posting),
            Key::FoldedPrefix(p) => self.folded_prefixes.remove(p.bytes(), posting),
            Key::Suffix(p) => self.suffixes.remove(p.bytes().rev(), posting),
            Key::FoldedSuffix(p) => self.folded_suffixes.remove(p.bytes().rev(), posting),
            Key::Present => self.present.retain(|&s| s != posting),
        }
    }

    /// How many postings the key holds.
    fn len(&self, key: &Key) -> usize {
        let len = |l: Option<&Vec<u32>>| l.map_or(0, Vec::len);
        match key {
            Key::Str(s) => len(self.strings.get(s)),
            Key::Folded(s) => len(self.folded.get(s)),
            Key::Num(n) => len(self.numbers.get(n)),
            Key::NumText(t) => len(self.number_texts.get(t)),
            Key::Bool(b) => self.bools[usize::from(*b)].len(),
            Key::Null => self.nulls.len(),
            Key::Prefix(p) => self.prefixes.len_at(p.bytes()),
            Key::FoldedPrefix(p) => self.folded_prefixes.len_at(p.bytes()),
            Key::Suffix(p) => self.suffixes.len_at(p.bytes().rev()),
            Key::FoldedSuffix(p) => self.folded_suffixes.len_at(p.bytes().rev()),
            Key::Present => self.present.len(),
        }
    }

    /// Calls `found` with the postings of every key this value has.
    fn lookup(&self, value: &Value<'_>, folded: &mut String, found: &mut impl FnMut(&[u32])) {
        let mut hit = |list: Option<&Vec<u32>>| {
            if let Some(l) = list {
                found(l);
            }
        };
        match value {
            Value::Str(x) => {
                hit(self.strings.get(x.as_ref()));
                self.prefixes.visit(x.bytes(), &mut *found);
                self.suffixes.visit(x.bytes().rev(), &mut *found);
                if self.any_folded {
                    self.folded_prefixes
                        .visit(x.bytes().map(lower), &mut *found);
                    self.folded_suffixes
                        .visit(x.bytes().rev().map(lower), &mut *found);
                    if !self.folded.is_empty() {
                        folded.clear();
                        folded.push_str(x);
                        folded.make_ascii_lowercase();
                        if let Some(l) = self.folded.get(folded.as_str()) {
                            found(l);
                        }
                    }
                }
            }
            Value::Num { text, value } => {
                if let Some(x) = value {
                    hit(self.numbers.get(&number_bits(*x)));
                }
                hit(self.number_texts.get(*text));
            }
            Value::Bool(b) => found(&self.bools[usize::from(*b)]),
            Value::Null => found(&self.nulls),
        }
    }
}

/// Keys → postings, per path (by the rule set's selector ids). A posting is
/// `alternative << 3 | field bit`: an event's values set, per alternative, the
/// bits of the fields they could meet.
#[derive(Debug, Clone, Default)]
pub(crate) struct Index {
    paths: Vec<Option<Box<PathIndex>>>,
    /// Paths with `Present` keys: looked up once per event, not per value.
    present_paths: Vec<u32>,
}

impl Index {
    pub(crate) fn insert(&mut self, path: u32, key: &Key, posting: u32) {
        let p = path as usize;
        if self.paths.len() <= p {
            self.paths.resize_with(p + 1, || None);
        }
        let index = self.paths[p].get_or_insert_with(Default::default);
        index.insert(key, posting);
        if *key == Key::Present && !self.present_paths.contains(&path) {
            self.present_paths.push(path);
        }
    }

    /// What looking a field up by these keys costs per event that has
    /// them: the postings already under them (a value many rules name, such
    /// as `source`, is likely common in events too), more for presence,
    /// which any value at the path meets.
    pub(crate) fn cost(&self, path: u32, keys: &[Key]) -> usize {
        let index = match self.paths.get(path as usize) {
            Some(Some(index)) => Some(index),
            _ => None,
        };
        keys.iter()
            .map(|k| {
                let extra = match k {
                    Key::Present => PRESENCE_COST,
                    // A short prefix or suffix is shared by many values.
                    Key::Prefix(a)
                    | Key::FoldedPrefix(a)
                    | Key::Suffix(a)
                    | Key::FoldedSuffix(a) => SHORT_AFFIX.saturating_sub(a.len()),
                    _ => 0,
                };
                index.map_or(0, |i| i.len(k)) + extra
            })
            .sum()
    }

    pub(crate) fn remove(&mut self, path: u32, key: &Key, posting: u32) {
        if let Some(Some(index)) = self.paths.get_mut(path as usize) {
            index.remove(key, posting);
            if *key == Key::Present && index.present.is_empty() {
                self.present_paths.retain(|&p| p != path);
            }
        }
    }

    /// Calls `found` with the postings of the rules some value of the event
    /// (read with the rule set's selector) leads to.
    pub(crate) fn candidates(
        &self,
        flat: &FlatEvent<'_>,
        by_path: &ByPath,
        mut found: impl FnMut(&[u32]),
    ) {
        let mut folded = String::new();
        for leaf in &flat.leaves {
            if let Some(Some(index)) = self.paths.get(leaf.path_id as usize) {
                index.lookup(&leaf.value, &mut folded, &mut found);
            }
        }
        for &p in &self.present_paths {
            if !by_path[p as usize].is_empty() {
                if let Some(Some(index)) = self.paths.get(p as usize) {
                    found(&index.present);
                }
            }
        }
    }

    /// Whether any trie holds keys (for tests of removal).
    #[cfg(test)]
    pub(crate) fn is_empty(&self) -> bool {
        self.paths.iter().flatten().all(|p| {
            p.strings.is_empty()
                && p.folded.is_empty()
                && p.numbers.is_empty()
                && p.number_texts.is_empty()
                && p.bools.iter().all(Vec::is_empty)
                && p.nulls.is_empty()
                && p.prefixes.is_empty()
                && p.folded_prefixes.is_empty()
                && p.suffixes.is_empty()
                && p.folded_suffixes.is_empty()
                && p.present.is_empty()
        })
    }
}
