//! The fast yes/no answer: read only the named paths, then look for one
//! alternative whose fields can all be met by values that do not come from
//! different elements of one array (docs/SEMANTICS.md, "Arrays").
//!
//! `exists: false` is judged in the same array context: it is met when no
//! value at its path could belong to the element the other fields matched in
//! (event-ruler answers "match" for `{"firstName": ["Anna"], "ids":
//! [{"exists": false}]}` when Anna's own element has no `ids`).
//!
//! AWS's engine visits the fields in the order of their paths, and two of its
//! answers depend on that order, which we reproduce (docs/SEMANTICS.md,
//! "Arrays"): an absence is judged only against the fields before it, and once
//! an earlier field has chosen an element of an array that some of a field's
//! values lie in, that field's values outside the array are not considered.
//! Where neither can change the answer, the element join decides.

use crate::compile::Rule;
use crate::condition::accepts;
use crate::element_join::joinable;
pub(crate) use crate::element_join::TooComplex;
use crate::event::{trails_compatible, FastSet, FlatEvent};
use crate::membership_order::walk_order;
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
    /// The field's path: AWS's engine visits fields in this order.
    pub path: String,
    /// The arrays (ids, sorted) that some value at the path lies in.
    pub arrays: Vec<u32>,
    /// The arrays that some values at the path lie in and others do not:
    /// where AWS's restriction to a chosen element can matter.
    pub partial: Vec<u32>,
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
    let (arrays, partial) = arrays_of(values, flat);
    Some(FieldOptions {
        positive,
        absent,
        path: leaf.joined.clone(),
        arrays,
        partial,
    })
}

/// The arrays the values lie in (sorted ids), and those of them that not
/// every value lies in.
fn arrays_of(values: &[u32], flat: &FlatEvent<'_>) -> (Vec<u32>, Vec<u32>) {
    let mut counts: Vec<(u32, usize)> = Vec::new();
    let mut seen = 0usize;
    for &i in values {
        let trail = flat.trail(&flat.leaves[i as usize]);
        seen += 1;
        for &(a, _) in trail {
            match counts.binary_search_by_key(&a, |c| c.0) {
                Ok(k) => counts[k].1 += 1,
                Err(k) => counts.insert(k, (a, 1)),
            }
        }
    }
    let arrays = counts.iter().map(|c| c.0).collect();
    let partial = counts.iter().filter(|c| c.1 < seen).map(|c| c.0).collect();
    (arrays, partial)
}

/// Whether AWS's restriction to a chosen element can change the answer:
/// some field has values both in and out of an array that another field's
/// candidates lie in.
fn restriction_matters(fields: &[FieldOptions], flat: &FlatEvent<'_>) -> bool {
    fields.iter().enumerate().any(|(f, field)| {
        !field.partial.is_empty()
            && fields.iter().enumerate().any(|(g, other)| {
                g != f
                    && other.positive.iter().any(|&p| {
                        flat.trail(&flat.leaves[p as usize])
                            .iter()
                            .any(|(a, _)| field.partial.binary_search(a).is_ok())
                    })
            })
    })
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
    let restricted = restriction_matters(fields, flat);
    if !restricted
        && fields
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
                path: f.path.clone(),
                arrays: f.arrays.clone(),
                partial: f.partial.clone(),
            }
        })
        .collect();
    // Java's string order: UTF-16 code units.
    crate::sort::sort_by(&mut options, |a, b| {
        a.path.encode_utf16().cmp(b.path.encode_utf16())
    });
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
    if !restricted && options.len() <= 64 && options.iter().all(|f| f.absent.is_none()) {
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
            return true;
        };
        let only = self.chosen_element(field, picks);
        for &i in &field.positive {
            let in_chosen =
                only.is_none_or(|e| self.flat.trail(&self.flat.leaves[i as usize]).contains(&e));
            if in_chosen && self.fits(picks, i) {
                picks.push(Some(i));
                if self.later_fields_possible(picks) && self.run(picks) {
                    return true;
                }
                picks.pop();
            }
        }
        if field.absent.is_some() && absence_holds(field, self.flat, picks) {
            picks.push(None);
            if self.run(picks) {
                return true;
            }
            picks.pop();
        }
        false
    }
}

impl Search<'_, '_> {
    /// The element AWS's engine restricts this field's values to: that of the
    /// first array, in the engine's walk order, chosen by an earlier pick
    /// that some value of the field lies in.
    fn chosen_element(&self, field: &FieldOptions, picks: &[Option<u32>]) -> Option<(u32, u32)> {
        let chosen = || {
            picks.iter().flatten().flat_map(|&p| {
                self.flat
                    .trail(&self.flat.leaves[p as usize])
                    .iter()
                    .copied()
            })
        };
        if !chosen().any(|(a, _)| field.arrays.binary_search(&a).is_ok()) {
            return None;
        }
        let first = walk_order(chosen().map(|(a, _)| a))
            .into_iter()
            .find(|a| field.arrays.binary_search(a).is_ok())?;
        chosen().find(|&(a, _)| a == first)
    }
}

/// An absence holds when no value at its path fits in the same array
/// elements as the picks so far (the fields before it in AWS's order).
fn absence_holds(field: &FieldOptions, flat: &FlatEvent<'_>, picks: &[Option<u32>]) -> bool {
    let values = field.absent.as_deref().unwrap_or(&[]);
    values.iter().all(|&w| {
        let tw = flat.trail(&flat.leaves[w as usize]);
        picks
            .iter()
            .flatten()
            .any(|&p| !trails_compatible(flat.trail(&flat.leaves[p as usize]), tw))
    })
}

/// How a field can be met, as far as one look at its values tells.
enum Meet {
    /// By no value and not by absence: [`field_options`] is `None`.
    Never,
    /// By a value or by absence, with no value at the path in an array and
    /// none that an absence must avoid: nothing for `consistent` to weigh.
    Plainly,
    /// Somehow, depending on the array elements the other fields pick.
    InContext,
}

fn can_meet(leaf: &Leaf, values: &[u32], flat: &FlatEvent<'_>) -> Meet {
    let absent_ok = leaf
        .conditions
        .iter()
        .any(|c| matches!(c.kind, ConditionKind::Exists(false)));
    let met = values.iter().any(|&i| {
        let v = &flat.leaves[i as usize].value;
        leaf.conditions.iter().any(|c| accepts(&c.kind, v))
    });
    if !met && !absent_ok {
        Meet::Never
    } else if (absent_ok && !values.is_empty())
        || values
            .iter()
            .any(|&i| !flat.trail(&flat.leaves[i as usize]).is_empty())
    {
        Meet::InContext
    } else {
        Meet::Plainly
    }
}

/// Whether some value, or the absence of values, could meet the field: when
/// not, no alternative with this field matches (for callers that prune).
pub(crate) fn can_be_met(leaf: &Leaf, values: &[u32], flat: &FlatEvent<'_>) -> bool {
    !matches!(can_meet(leaf, values, flat), Meet::Never)
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
        // Settled before building (allocating) the fields' options: most
        // alternatives fail on a field no value meets, and most that do not
        // involve no array and no absence, where `consistent` says yes.
        let mut plain = true;
        for &id in &rule.leaves {
            match can_meet(&leaves[id], &by_path[leaf_path[id] as usize], flat) {
                Meet::Never => continue 'rules,
                Meet::Plainly => {}
                Meet::InContext => plain = false,
            }
        }
        if plain {
            return Ok(true);
        }
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
