//! The fast yes/no answer: read only the named paths, then look for one
//! alternative whose fields can all be met by values that do not come from
//! different elements of one array (SPEC §2.3, §4).

use crate::compile::Rule;
use crate::condition::accepts;
use crate::event::{trails_compatible, FlatEvent};
use crate::pattern::{ConditionKind, Leaf};

/// Values per pattern path: indexes into `flat.leaves`, grouped by `path_id`.
pub(crate) fn group_by_path(flat: &FlatEvent<'_>, paths: usize) -> Vec<Vec<u32>> {
    let mut by_path = vec![Vec::new(); paths];
    for (i, leaf) in flat.leaves.iter().enumerate() {
        if let Some(v) = by_path.get_mut(leaf.path_id as usize) {
            v.push(i as u32);
        }
    }
    by_path
}

/// How one field of one alternative fares.
pub(crate) enum FieldResult {
    /// Met by the absence of any value (`exists: false`).
    Absent,
    /// Met by these values (indexes into `flat.leaves`).
    Candidates(Vec<u32>),
    /// Not met.
    Failed,
}

pub(crate) fn field_result(leaf: &Leaf, values: &[u32], flat: &FlatEvent<'_>) -> FieldResult {
    if values.is_empty() {
        let absent_ok = leaf
            .conditions
            .iter()
            .any(|c| matches!(c.kind, ConditionKind::Exists(false)));
        return if absent_ok {
            FieldResult::Absent
        } else {
            FieldResult::Failed
        };
    }
    let cands: Vec<u32> = values
        .iter()
        .copied()
        .filter(|&i| {
            let v = &flat.leaves[i as usize].value;
            leaf.conditions.iter().any(|c| accepts(&c.kind, v))
        })
        .collect();
    if cands.is_empty() {
        FieldResult::Failed
    } else {
        FieldResult::Candidates(cands)
    }
}

/// Whether one value can be picked per field with no two from different
/// elements of one array. Returns the picks (one per field, in order).
pub(crate) fn consistent_choice(fields: &[Vec<u32>], flat: &FlatEvent<'_>) -> Option<Vec<u32>> {
    if fields
        .iter()
        .all(|c| c.iter().all(|&i| flat.trail(&flat.leaves[i as usize]).is_empty()))
    {
        return Some(fields.iter().map(|c| c[0]).collect());
    }
    // Values with the same trail are interchangeable: keep one of each.
    let dedup: Vec<Vec<u32>> = fields
        .iter()
        .map(|c| {
            let mut seen: Vec<&[(u32, u32)]> = Vec::new();
            c.iter()
                .copied()
                .filter(|&i| {
                    let t = flat.trail(&flat.leaves[i as usize]);
                    if seen.contains(&t) {
                        false
                    } else {
                        seen.push(t);
                        true
                    }
                })
                .collect()
        })
        .collect();
    let mut picks = Vec::with_capacity(dedup.len());
    if search(&dedup, flat, &mut picks) {
        Some(picks)
    } else {
        None
    }
}

fn search(fields: &[Vec<u32>], flat: &FlatEvent<'_>, picks: &mut Vec<u32>) -> bool {
    let Some(options) = fields.get(picks.len()) else {
        return true;
    };
    for &i in options {
        let t = flat.trail(&flat.leaves[i as usize]);
        if picks
            .iter()
            .all(|&p| trails_compatible(flat.trail(&flat.leaves[p as usize]), t))
        {
            picks.push(i);
            if search(fields, flat, picks) {
                return true;
            }
            picks.pop();
        }
    }
    false
}

/// Whether any alternative matches.
pub(crate) fn matches(
    rules: &[Rule],
    leaves: &[Leaf],
    leaf_path: &[u32],
    flat: &FlatEvent<'_>,
    by_path: &[Vec<u32>],
) -> bool {
    'rules: for rule in rules {
        let mut fields = Vec::with_capacity(rule.leaves.len());
        for &id in &rule.leaves {
            let values = &by_path[leaf_path[id] as usize];
            match field_result(&leaves[id], values, flat) {
                FieldResult::Absent => {}
                FieldResult::Candidates(c) => fields.push(c),
                FieldResult::Failed => continue 'rules,
            }
        }
        if consistent_choice(&fields, flat).is_some() {
            return true;
        }
    }
    false
}
