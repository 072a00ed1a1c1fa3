//! The fast yes/no answer: read only the named paths, then look for one
//! alternative whose fields can all be met by values that do not come from
//! different elements of one array (SPEC §2.3, §4).
//!
//! `exists: false` is judged in the same array context: it is met when no
//! value at its path could belong to the element the other fields matched in
//! (event-ruler answers "match" for `{"firstName": ["Anna"], "ids":
//! [{"exists": false}]}` when Anna's own element has no `ids`).

use crate::compile::Rule;
use crate::condition::accepts;
use crate::element_join::joinable;
pub(crate) use crate::element_join::TooComplex;
use crate::event::{trails_compatible, FastSet, FlatEvent};
use crate::pattern::{ConditionKind, Leaf};

/// Values per pattern path: indexes into `flat.leaves`, grouped by `path_id`
/// in one buffer (a counting sort), so grouping costs two allocations.
pub(crate) struct ByPath {
    starts: Vec<u32>,
    items: Vec<u32>,
}

impl std::ops::Index<usize> for ByPath {
    type Output = [u32];

    fn index(&self, path: usize) -> &[u32] {
        &self.items[self.starts[path] as usize..self.starts[path + 1] as usize]
    }
}

pub(crate) fn group_by_path(flat: &FlatEvent<'_>, paths: usize) -> ByPath {
    let mut starts = vec![0u32; paths + 2];
    for leaf in &flat.leaves {
        if (leaf.path_id as usize) < paths {
            starts[leaf.path_id as usize + 2] += 1;
        }
    }
    for i in 2..starts.len() {
        starts[i] += starts[i - 1];
    }
    let mut items = vec![0u32; starts[paths + 1] as usize];
    for (i, leaf) in flat.leaves.iter().enumerate() {
        let p = leaf.path_id as usize;
        if p < paths {
            items[starts[p + 1] as usize] = i as u32;
            starts[p + 1] += 1;
        }
    }
    starts.pop();
    ByPath { starts, items }
}

/// The ways one field of one alternative can be met.
#[derive(Debug, Clone)]
pub(crate) struct FieldOptions {
    /// Values that meet a condition (indexes into `flat.leaves`).
    pub positive: Vec<u32>,
    /// With `exists: false` among the conditions: the values at the path,
    /// none of which may share an array element with the other picks.
    pub absent: Option<Vec<u32>>,
}

/// The options of one field; `None` when it cannot be met at all.
pub(crate) fn field_options(
    leaf: &Leaf,
    values: &[u32],
    flat: &FlatEvent<'_>,
) -> Option<FieldOptions> {
    let absent_ok = leaf
        .conditions
        .iter()
        .any(|c| matches!(c.kind, ConditionKind::Exists(false)));
    let positive: Vec<u32> = values
        .iter()
        .copied()
        .filter(|&i| {
            let v = &flat.leaves[i as usize].value;
            leaf.conditions.iter().any(|c| accepts(&c.kind, v))
        })
        .collect();
    if positive.is_empty() && !absent_ok {
        return None;
    }
    let absent = absent_ok.then(|| values.to_vec());
    Some(FieldOptions { positive, absent })
}

/// Whether a pick exists for every field: one positive value each (or the
/// absence option), no two picks from different elements of one array, and
/// every absence honoured in the picks' context. `Err` when the question was
/// too costly to settle: never a guessed verdict.
pub(crate) fn consistent(
    fields: &[FieldOptions],
    flat: &FlatEvent<'_>,
) -> Result<bool, TooComplex> {
    let no_trails = |ids: &[u32]| {
        ids.iter()
            .all(|&i| flat.trail(&flat.leaves[i as usize]).is_empty())
    };
    if fields
        .iter()
        .all(|f| no_trails(&f.positive) && f.absent.as_ref().is_none_or(|a| a.is_empty()))
    {
        return Ok(true);
    }
    // Without `exists: false` in arrays: the element join (near-linear).
    let live = |f: &&FieldOptions| f.absent.as_ref().is_none_or(|a| !a.is_empty());
    if fields
        .iter()
        .all(|f| f.absent.as_ref().is_none_or(|a| a.is_empty()))
        && fields.iter().filter(live).count() <= 64
    {
        let lists: Vec<&[u32]> = fields
            .iter()
            .filter(live)
            .map(|f| f.positive.as_slice())
            .collect();
        return joinable(&lists, flat);
    }
    // Values with the same trail are interchangeable: keep one of each.
    let mut options: Vec<FieldOptions> = fields
        .iter()
        .map(|f| {
            let mut seen: FastSet<&[(u32, u32)]> = FastSet::default();
            let positive = f
                .positive
                .iter()
                .copied()
                .filter(|&i| seen.insert(flat.trail(&flat.leaves[i as usize])))
                .collect();
            FieldOptions {
                positive,
                absent: f.absent.clone(),
            }
        })
        .collect();
    // An absence can hold only if, for each value at its path, some candidate
    // of another field lies in a different element of that value's array.
    for f in 0..options.len() {
        let Some(values) = options[f].absent.as_ref() else {
            continue;
        };
        let hopeless = values.iter().any(|&w| {
            let tw = flat.trail(&flat.leaves[w as usize]);
            options.iter().enumerate().all(|(g, other)| {
                g == f
                    || other
                        .positive
                        .iter()
                        .all(|&p| trails_compatible(flat.trail(&flat.leaves[p as usize]), tw))
            })
        });
        if hopeless {
            options[f].absent = None;
            if options[f].positive.is_empty() {
                return Ok(false);
            }
        }
    }
    // A field whose path holds no value at all is met by its absence.
    options.retain(|f| f.absent.as_ref().is_none_or(|a| !a.is_empty()));
    if options.len() <= 64 && options.iter().all(|f| f.absent.is_none()) {
        let lists: Vec<&[u32]> = options.iter().map(|f| f.positive.as_slice()).collect();
        return joinable(&lists, flat);
    }
    let mut picks = Vec::with_capacity(options.len());
    let mut search = Search {
        fields: &options,
        flat,
        steps: 0,
    };
    let found = search.run(&mut picks);
    if search.steps > MAX_SEARCH_STEPS {
        Err(TooComplex)
    } else {
        Ok(found)
    }
}

/// Trail comparisons after which the search for `exists: false` in arrays
/// gives up (and says so). Only adversarial patterns and events get near it.
const MAX_SEARCH_STEPS: usize = 20_000_000;

struct Search<'a, 'e> {
    fields: &'a [FieldOptions],
    flat: &'a FlatEvent<'e>,
    steps: usize,
}

impl Search<'_, '_> {
    fn fits(&mut self, picks: &[Option<u32>], i: u32) -> bool {
        self.steps += picks.len() + 1;
        let t = self.flat.trail(&self.flat.leaves[i as usize]);
        picks
            .iter()
            .flatten()
            .all(|&p| trails_compatible(self.flat.trail(&self.flat.leaves[p as usize]), t))
    }

    /// Forward check: every later field still has an option next to the picks.
    fn later_fields_possible(&mut self, picks: &[Option<u32>]) -> bool {
        let fields = self.fields;
        fields[picks.len()..]
            .iter()
            .all(|f| f.absent.is_some() || f.positive.iter().any(|&i| self.fits(picks, i)))
    }

    fn run(&mut self, picks: &mut Vec<Option<u32>>) -> bool {
        self.steps += 1;
        if self.steps > MAX_SEARCH_STEPS {
            return false;
        }
        let fields = self.fields;
        let Some(field) = fields.get(picks.len()) else {
            return absences_hold(fields, self.flat, picks);
        };
        for &i in &field.positive {
            if self.fits(picks, i) {
                picks.push(Some(i));
                if self.later_fields_possible(picks) && self.run(picks) {
                    return true;
                }
                picks.pop();
            }
        }
        if field.absent.is_some() {
            picks.push(None);
            if self.run(picks) {
                return true;
            }
            picks.pop();
        }
        false
    }
}

/// Every field that took its absence option has no value that fits in the
/// same array elements as all the positive picks.
fn absences_hold(fields: &[FieldOptions], flat: &FlatEvent<'_>, picks: &[Option<u32>]) -> bool {
    fields.iter().zip(picks).all(|(f, pick)| {
        if pick.is_some() {
            return true;
        }
        let values = f.absent.as_deref().unwrap_or(&[]);
        values.iter().all(|&w| {
            let tw = flat.trail(&flat.leaves[w as usize]);
            picks
                .iter()
                .flatten()
                .any(|&p| !trails_compatible(flat.trail(&flat.leaves[p as usize]), tw))
        })
    })
}

/// Whether any alternative matches.
pub(crate) fn matches(
    rules: &[Rule],
    leaves: &[Leaf],
    leaf_path: &[u32],
    flat: &FlatEvent<'_>,
    by_path: &ByPath,
) -> Result<bool, TooComplex> {
    'rules: for rule in rules {
        let mut fields = Vec::with_capacity(rule.leaves.len());
        for &id in &rule.leaves {
            let values = &by_path[leaf_path[id] as usize];
            match field_options(&leaves[id], values, flat) {
                Some(f) => fields.push(f),
                None => continue 'rules,
            }
        }
        if consistent(&fields, flat)? {
            return Ok(true);
        }
    }
    Ok(false)
}
