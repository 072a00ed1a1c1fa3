//! Named rules matched together, at a cost that follows the fields an event
//! has rather than the number of rules.
//!
//! Every `$or` alternative of every rule is registered under the values its
//! most selective required fields must take (two to four of them, judged by
//! how many rules already share each value; exact strings and numbers,
//! booleans, `null`, prefixes and suffixes in tries, ASCII case-folded
//! values; else the mere presence of a value at the path). An event is read once for the union
//! of the rules' paths; each of its values is looked up, setting per
//! alternative the bit of every field it could meet. Only the rules with an
//! alternative whose bits are all set (plus those that could match with no
//! value at all, e.g. only `exists: false`) are run through the engine's own
//! matcher. The index only prunes, so verdicts, array semantics and errors
//! stay exactly those of [`Pattern::matches`].

mod index;
mod trie;

use crate::event::{flatten, FastMap, FlatEvent, Selector};
use crate::matcher::ByPath;
use crate::pattern::LeafId;
use crate::{matcher, EventError, Pattern};
use index::{check_cost, required_fields, Field, Index, Key};

/// One rule of the set.
#[derive(Debug, Clone)]
struct Entry {
    name: String,
    pattern: Pattern,
    /// Per leaf of the pattern, the id of its path in the set's selector.
    leaf_paths: Vec<u32>,
    /// Its place in insertion order.
    position: u32,
    /// Where it is in the index; `None`: evaluated for every event.
    registered: Option<Registration>,
}

/// A rule's alternatives in the index.
#[derive(Debug, Clone)]
struct Registration {
    /// Their ids.
    alternatives: Vec<u32>,
    /// The `(path, key, posting)` they are registered under.
    postings: Vec<(u32, Key, u32)>,
}

/// An alternative of a rule in the index.
#[derive(Debug, Clone, Default)]
struct Alternative {
    /// The rule's slot.
    slot: u32,
    /// One bit per indexed field: all set, the rule is a candidate.
    fields: u8,
    /// Its other fields (leaf ids), cheapest to check first: one that no
    /// value can meet rules the alternative out before the matcher runs.
    unindexed: Vec<LeafId>,
}

/// Named event patterns (rules) matched together against events.
///
/// ```
/// use eventpattern::{Pattern, RuleSet};
///
/// let mut rules = RuleSet::new();
/// rules.insert("stopped", Pattern::parse(r#"{"detail": {"state": ["stopped"]}}"#).unwrap());
/// rules.insert("ec2", Pattern::parse(r#"{"source": ["aws.ec2"]}"#).unwrap());
/// let event = r#"{"source": "aws.ec2", "detail": {"state": "stopped"}}"#;
/// assert_eq!(rules.matching(event).unwrap(), ["stopped", "ec2"]);
/// ```
#[derive(Debug, Clone, Default)]
pub struct RuleSet {
    /// Rules by slot; a removed rule's slot is reused.
    slots: Vec<Option<Entry>>,
    free: Vec<u32>,
    /// Slots in insertion order.
    order: Vec<u32>,
    by_name: FastMap<String, u32>,
    /// Every path some rule names (ids are stable while rules come and go).
    selector: Selector,
    /// Per selector path, how many leaves of the rules use it: unused paths
    /// are dropped by a rebuild once they outnumber the used ones.
    path_uses: Vec<u32>,
    index: Index,
    /// Indexed alternatives by id; `free_alternatives` are ids to reuse.
    alternatives: Vec<Alternative>,
    free_alternatives: Vec<u32>,
    /// Slots evaluated for every event.
    always: Vec<u32>,
}

/// Fields of each alternative always indexed (if it has them), ...
const MIN_FIELDS: usize = 2;
/// ... and at most this many while their cost is at most `CHEAP` (a posting
/// has three bits for the field: at most eight).
const MAX_CHEAP_FIELDS: usize = 4;
const _: () = assert!(MIN_FIELDS <= MAX_CHEAP_FIELDS && MAX_CHEAP_FIELDS <= 8);
const CHEAP: usize = 16;

/// Unused selector paths tolerated before a removal rebuilds the set.
const STALE_PATHS: usize = 64;

impl RuleSet {
    /// An empty set.
    ///
    /// ```
    /// assert!(eventpattern::RuleSet::new().is_empty());
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds the rule, or replaces the rule of that name (keeping its
    /// position, as an edited rule keeps its place in a list). Returns the
    /// pattern it replaced.
    ///
    /// ```
    /// use eventpattern::{Pattern, RuleSet};
    ///
    /// let mut rules = RuleSet::new();
    /// assert!(rules.insert("a", Pattern::parse(r#"{"x": ["1"]}"#).unwrap()).is_none());
    /// let old = rules.insert("a", Pattern::parse(r#"{"x": ["2"]}"#).unwrap());
    /// assert!(old.is_some());
    /// assert_eq!(rules.matching(r#"{"x": "2"}"#).unwrap(), ["a"]);
    /// ```
    pub fn insert(&mut self, name: impl Into<String>, pattern: Pattern) -> Option<Pattern> {
        let name = name.into();
        let leaf_paths = self.use_paths(&pattern);
        if let Some(&slot) = self.by_name.get(&name) {
            self.unregister(slot);
            let entry = self.slots[slot as usize].as_mut().expect("named slot");
            let old_paths = std::mem::replace(&mut entry.leaf_paths, leaf_paths);
            let old = std::mem::replace(&mut entry.pattern, pattern);
            self.forget(&old_paths);
            self.register(slot);
            self.drop_stale_paths();
            return Some(old);
        }
        let entry = Entry {
            name: name.clone(),
            pattern,
            leaf_paths,
            position: self.order.len() as u32,
            registered: None,
        };
        let slot = match self.free.pop() {
            Some(s) => {
                self.slots[s as usize] = Some(entry);
                s
            }
            None => {
                self.slots.push(Some(entry));
                (self.slots.len() - 1) as u32
            }
        };
        self.order.push(slot);
        self.by_name.insert(name, slot);
        self.register(slot);
        None
    }

    /// Removes the rule of that name; returns its pattern.
    ///
    /// ```
    /// use eventpattern::{Pattern, RuleSet};
    ///
    /// let mut rules = RuleSet::new();
    /// rules.insert("a", Pattern::parse(r#"{"x": ["1"]}"#).unwrap());
    /// assert!(rules.remove("a").is_some());
    /// assert!(rules.matching(r#"{"x": "1"}"#).unwrap().is_empty());
    /// ```
    pub fn remove(&mut self, name: &str) -> Option<Pattern> {
        let slot = self.by_name.remove(name)?;
        self.unregister(slot);
        let entry = self.slots[slot as usize].take().expect("named slot");
        self.free.push(slot);
        let at = entry.position as usize;
        self.order.remove(at);
        for &s in &self.order[at..] {
            if let Some(e) = self.slots[s as usize].as_mut() {
                e.position -= 1;
            }
        }
        self.forget(&entry.leaf_paths);
        self.drop_stale_paths();
        Some(entry.pattern)
    }

    /// Number of rules.
    ///
    /// ```
    /// use eventpattern::{Pattern, RuleSet};
    ///
    /// let mut rules = RuleSet::new();
    /// rules.insert("a", Pattern::parse(r#"{"x": ["1"]}"#).unwrap());
    /// assert_eq!(rules.len(), 1);
    /// ```
    pub fn len(&self) -> usize {
        self.order.len()
    }

    /// No rules.
    ///
    /// ```
    /// assert!(eventpattern::RuleSet::new().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// Rule names in insertion order.
    ///
    /// ```
    /// use eventpattern::{Pattern, RuleSet};
    ///
    /// let mut rules = RuleSet::new();
    /// rules.insert("b", Pattern::parse(r#"{"x": ["1"]}"#).unwrap());
    /// rules.insert("a", Pattern::parse(r#"{"x": ["2"]}"#).unwrap());
    /// assert_eq!(rules.names().collect::<Vec<_>>(), ["b", "a"]);
    /// ```
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.iter().map(|(name, _)| name)
    }

    /// Rules (name, pattern) in insertion order.
    ///
    /// ```
    /// use eventpattern::{Pattern, RuleSet};
    ///
    /// let mut rules = RuleSet::new();
    /// rules.insert("a", Pattern::parse(r#"{"x": ["1"]}"#).unwrap());
    /// let (name, pattern) = rules.iter().next().unwrap();
    /// assert_eq!(name, "a");
    /// assert!(pattern.matches(r#"{"x": "1"}"#).unwrap());
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Pattern)> {
        self.order.iter().map(|&s| {
            let e = self.slots[s as usize].as_ref().expect("ordered slot");
            (e.name.as_str(), &e.pattern)
        })
    }

    /// The pattern of the rule of that name.
    ///
    /// ```
    /// use eventpattern::{Pattern, RuleSet};
    ///
    /// let mut rules = RuleSet::new();
    /// rules.insert("a", Pattern::parse(r#"{"x": ["1"]}"#).unwrap());
    /// assert!(rules.get("a").is_some());
    /// assert!(rules.get("b").is_none());
    /// ```
    pub fn get(&self, name: &str) -> Option<&Pattern> {
        let slot = *self.by_name.get(name)?;
        self.slots[slot as usize].as_ref().map(|e| &e.pattern)
    }

    /// Names of the rules the event matches, in insertion order.
    ///
    /// ```
    /// use eventpattern::{Pattern, RuleSet};
    ///
    /// let mut rules = RuleSet::new();
    /// rules.insert("s3", Pattern::parse(r#"{"source": ["aws.s3"]}"#).unwrap());
    /// rules.insert("any", Pattern::parse(r#"{"source": [{"prefix": "aws."}]}"#).unwrap());
    /// assert_eq!(rules.matching(r#"{"source": "aws.s3"}"#).unwrap(), ["s3", "any"]);
    /// assert!(rules.matching("[").is_err());
    /// ```
    pub fn matching(&self, event: &str) -> Result<Vec<&str>, EventError> {
        Ok(self
            .matching_indexes(event)?
            .into_iter()
            .map(|i| self.entry_at(i).name.as_str())
            .collect())
    }

    /// Same, as insertion-order indexes (for callers that keep their own
    /// per-rule data in a list beside the set).
    ///
    /// ```
    /// use eventpattern::{Pattern, RuleSet};
    ///
    /// let mut rules = RuleSet::new();
    /// rules.insert("s3", Pattern::parse(r#"{"source": ["aws.s3"]}"#).unwrap());
    /// rules.insert("ec2", Pattern::parse(r#"{"source": ["aws.ec2"]}"#).unwrap());
    /// assert_eq!(rules.matching_indexes(r#"{"source": "aws.ec2"}"#).unwrap(), [1]);
    /// ```
    pub fn matching_indexes(&self, event: &str) -> Result<Vec<usize>, EventError> {
        let flat = flatten(event, Some(&self.selector))?;
        let by_path = matcher::group_by_path(&flat, self.selector.len());
        // Per alternative, the bits of the fields some value could meet, and
        // the alternatives touched (so the work follows the postings found,
        // not the number of rules).
        let mut met = vec![0u8; self.alternatives.len()];
        let mut touched: Vec<u32> = Vec::with_capacity(64);
        self.index.candidates(&flat, &by_path, |postings: &[u32]| {
            for &posting in postings {
                let bits = &mut met[(posting >> 3) as usize];
                if *bits == 0 {
                    touched.push(posting >> 3);
                }
                *bits |= 1 << (posting & 7);
            }
        });
        // Candidates as a bit set over slots: in slot order, each once.
        let mut seen = vec![0u64; self.slots.len().div_ceil(64)];
        let mut mark = |s: u32| seen[s as usize / 64] |= 1 << (s % 64);
        for &a in &touched {
            let alt = &self.alternatives[a as usize];
            if met[a as usize] == alt.fields && self.may_meet(alt, &flat, &by_path) {
                mark(alt.slot);
            }
        }
        for &s in &self.always {
            mark(s);
        }
        let mut matched = Vec::new();
        for (word, &bits) in seen.iter().enumerate() {
            let mut bits = bits;
            while bits != 0 {
                let slot = word * 64 + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                let e = self.slots[slot].as_ref().expect("indexed slot is live");
                let p = &e.pattern;
                if matcher::matches(p.rules(), &p.tree().leaves, &e.leaf_paths, &flat, &by_path)? {
                    matched.push(e.position as usize);
                }
            }
        }
        matched.sort_unstable();
        Ok(matched)
    }

    /// Whether each unindexed field of the alternative has a value (or an
    /// absence) that could meet it, as the matcher's own first check asks.
    fn may_meet(&self, alt: &Alternative, flat: &FlatEvent<'_>, by_path: &ByPath) -> bool {
        let e = self.slots[alt.slot as usize]
            .as_ref()
            .expect("indexed slot is live");
        let leaves = &e.pattern.tree().leaves;
        alt.unindexed
            .iter()
            .all(|&l| matcher::can_be_met(&leaves[l], &by_path[e.leaf_paths[l] as usize], flat))
    }

    fn entry_at(&self, position: usize) -> &Entry {
        self.slots[self.order[position] as usize]
            .as_ref()
            .expect("ordered slot")
    }

    /// Selects the pattern's paths; returns their ids, leaf by leaf.
    fn use_paths(&mut self, pattern: &Pattern) -> Vec<u32> {
        pattern
            .tree()
            .leaves
            .iter()
            .map(|l| {
                let id = self.selector.add(&l.joined);
                if self.path_uses.len() <= id as usize {
                    self.path_uses.resize(id as usize + 1, 0);
                }
                self.path_uses[id as usize] += 1;
                id
            })
            .collect()
    }

    /// Takes back the path uses of a pattern leaving the set.
    fn forget(&mut self, leaf_paths: &[u32]) {
        for &p in leaf_paths {
            self.path_uses[p as usize] -= 1;
        }
    }

    fn register(&mut self, slot: u32) {
        let e = self.slots[slot as usize].as_ref().expect("live slot");
        let Some(alternatives) = required_fields(&e.pattern, &e.leaf_paths) else {
            self.always.push(slot);
            return;
        };
        let mut ids = Vec::with_capacity(alternatives.len());
        let mut keys = Vec::new();
        let rules = e.pattern.rules();
        let leaves = &e.pattern.tree().leaves;
        let mut alts = Vec::with_capacity(alternatives.len());
        for (mut fields, rule) in alternatives.into_iter().zip(rules) {
            self.keep_selective(&mut fields);
            let mut unindexed: Vec<LeafId> = rule
                .leaves
                .iter()
                .copied()
                .filter(|&l| fields.iter().all(|f| f.leaf != l))
                .collect();
            unindexed.sort_by_key(|&l| check_cost(&leaves[l]));
            let alt = Alternative {
                slot,
                fields: (0..fields.len()).fold(0, |m, bit| m | 1 << bit),
                unindexed,
            };
            alts.push((alt, fields));
        }
        for (alt, fields) in alts {
            let id = match self.free_alternatives.pop() {
                Some(id) => {
                    self.alternatives[id as usize] = alt;
                    id
                }
                None => {
                    self.alternatives.push(alt);
                    (self.alternatives.len() - 1) as u32
                }
            };
            ids.push(id);
            for (bit, field) in fields.into_iter().enumerate() {
                let posting = id << 3 | bit as u32;
                for key in field.keys {
                    self.index.insert(field.path, &key, posting);
                    keys.push((field.path, key, posting));
                }
            }
        }
        let e = self.slots[slot as usize].as_mut().expect("live slot");
        e.registered = Some(Registration {
            alternatives: ids,
            postings: keys,
        });
    }

    /// Keeps the fields worth looking up: the cheapest (see
    /// [`Index::cost`]), and more only while they are cheap. Looking up a
    /// value that most rules name (`source`, `detail-type`) costs more than
    /// the candidates it would rule out; the matcher checks those fields.
    fn keep_selective(&self, fields: &mut Vec<Field>) {
        let mut costed: Vec<(usize, Field)> = fields
            .drain(..)
            .map(|f| (self.index.cost(f.path, &f.keys), f))
            .collect();
        costed.sort_by_key(|c| c.0);
        for (i, (cost, field)) in costed.into_iter().enumerate() {
            if i < MIN_FIELDS || (i < MAX_CHEAP_FIELDS && cost <= CHEAP) {
                fields.push(field);
            }
        }
    }

    fn unregister(&mut self, slot: u32) {
        let e = self.slots[slot as usize].as_mut().expect("live slot");
        match e.registered.take() {
            Some(r) => {
                for (path, key, posting) in &r.postings {
                    self.index.remove(*path, key, *posting);
                }
                self.free_alternatives.extend(r.alternatives);
            }
            None => self.always.retain(|&s| s != slot),
        }
    }

    /// Registers every rule again, each choosing its fields knowing all the
    /// others (rules added one by one chose knowing only those before them).
    fn reindex(&mut self) {
        for i in 0..self.order.len() {
            let slot = self.order[i];
            self.unregister(slot);
            self.register(slot);
        }
    }

    /// Rebuilds the set once paths no rule uses any more (a rule edited key
    /// by key leaves one per keystroke) outnumber the used ones: every event
    /// read would otherwise keep entering them.
    fn drop_stale_paths(&mut self) {
        let stale = self.path_uses.iter().filter(|&&n| n == 0).count();
        if stale > STALE_PATHS && stale > self.path_uses.len() / 2 {
            self.rebuild();
        }
    }

    /// Builds the set again from its rules, dropping paths no rule uses.
    fn rebuild(&mut self) {
        let rules: Vec<(String, Pattern)> = std::mem::take(&mut self.order)
            .into_iter()
            .filter_map(|s| self.slots[s as usize].take())
            .map(|e| (e.name, e.pattern))
            .collect();
        *self = rules.into_iter().collect();
    }
}

/// Builds the set in one go (a later rule of the same name replaces an
/// earlier one, keeping its position).
impl FromIterator<(String, Pattern)> for RuleSet {
    fn from_iter<I: IntoIterator<Item = (String, Pattern)>>(iter: I) -> Self {
        let mut set = RuleSet::new();
        for (name, pattern) in iter {
            set.insert(name, pattern);
        }
        set.reindex();
        set
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Pattern {
        Pattern::parse(text).unwrap()
    }

    #[test]
    fn removing_every_rule_empties_the_index() {
        let mut set = RuleSet::new();
        set.insert("a", p(r#"{"source": ["x", {"prefix": "y"}], "n": [5]}"#));
        set.insert(
            "b",
            p(r#"{"d": [{"suffix": "z"}, {"equals-ignore-case": "Q"}]}"#),
        );
        set.insert("c", p(r#"{"d": [{"exists": false}]}"#));
        set.insert(
            "d",
            p(r#"{"e": [{"numeric": [">", 1]}], "f": [true, null]}"#),
        );
        assert_eq!(set.always.len(), 1);
        assert_eq!(set.alternatives.len(), 3);
        for n in ["a", "b", "c", "d"] {
            assert!(set.remove(n).is_some());
        }
        assert!(set.index.is_empty());
        assert!(set.always.is_empty());
        assert_eq!(set.free_alternatives.len(), set.alternatives.len());
        assert!(set.is_empty());
    }

    #[test]
    fn stale_paths_are_dropped() {
        let mut set = RuleSet::new();
        for i in 0..200 {
            set.insert(format!("r{i}"), p(&format!(r#"{{"f{i}": ["v"]}}"#)));
        }
        for i in 0..150 {
            set.remove(&format!("r{i}"));
        }
        assert!(set.selector.len() < 120, "{}", set.selector.len());
        assert_eq!(set.names().next(), Some("r150"));
        assert_eq!(
            set.matching(r#"{"f199": "v", "f3": "v"}"#).unwrap(),
            vec!["r199"]
        );
        // A rule edited key by key: each version names a new path.
        for i in 0..500 {
            set.insert("r160", p(&format!(r#"{{"edit{i}": ["v"]}}"#)));
        }
        assert!(set.selector.len() < 200, "{}", set.selector.len());
        assert_eq!(set.names().nth(10), Some("r160"));
        assert_eq!(
            set.matching(r#"{"edit499": "v", "f151": "v"}"#).unwrap(),
            vec!["r151", "r160"]
        );
    }
}
