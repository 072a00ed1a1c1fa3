//! The array-consistency question answered bottom-up over the event's arrays,
//! in time near-linear in the values (issue 11, defect 4: a backtracking
//! search took 0.45 s on 10,000 alternating elements and minutes on 50 fields).
//!
//! Picks are consistent when every array they pass through is entered at one
//! element only. Each value's trail names the (array, element) pairs above it,
//! so the arrays form a tree. For every element we compute which sets of
//! fields can be met inside it (values directly in it, plus one element of each
//! array inside it); an array offers the sets of any one of its elements; the
//! event's top level combines its arrays. Sets are bit masks, and only the
//! maximal ones are kept: meeting more fields never hurts when every field
//! only needs *some* value.
//!
//! This covers fields without `exists: false` in arrays (whose absence depends
//! on which elements were *not* chosen); the caller keeps a bounded search for
//! those.

use crate::event::{EventError, FastMap, FlatEvent};
use crate::span::Span;

/// The join gave up: its work bound was reached (never a verdict).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TooComplex;

impl From<TooComplex> for EventError {
    fn from(_: TooComplex) -> Self {
        EventError {
            message: "The event's arrays are too complex to decide this pattern within the engine's work limit; no verdict was given".into(),
            span: Span::empty(0),
        }
    }
}

/// Set operations allowed before giving up. Ordinary and adversarial events
/// of AWS's size stay far below (10,000 elements × 50 fields: ~10⁶).
const MAX_WORK: usize = 50_000_000;

/// Fields as bit masks (at most 64 fields take part; the caller checks).
type Fields = u64;

/// An element of an array (or the event's top level): the fields met directly
/// in it and the arrays directly inside it.
#[derive(Default)]
struct Element {
    direct: Fields,
    arrays: Vec<u32>,
}

/// Whether one value per field can be picked with no array entered at two
/// elements. `fields[i]` lists the candidate values of field `i` (indexes
/// into `flat.leaves`); `fields.len() <= 64`.
pub(crate) fn joinable(fields: &[&[u32]], flat: &FlatEvent<'_>) -> Result<bool, TooComplex> {
    debug_assert!(fields.len() <= 64);
    // One field cannot conflict with itself.
    if fields.len() <= 1 {
        return Ok(fields.iter().all(|f| !f.is_empty()));
    }
    let goal: Fields = if fields.len() == 64 {
        u64::MAX
    } else {
        (1u64 << fields.len()) - 1
    };
    // Elements by `(array << 32) | index`; the top level is element 0.
    let mut elements: Vec<Element> = vec![Element::default()];
    let mut element_of: FastMap<u64, u32> = FastMap::default();
    // Per array: its elements.
    let mut arrays: FastMap<u32, Vec<u32>> = FastMap::default();
    for (f, values) in fields.iter().enumerate() {
        for &v in values.iter() {
            let trail = flat.trail(&flat.leaves[v as usize]);
            let mut parent = 0u32;
            for &(array, index) in trail {
                let key = (u64::from(array) << 32) | u64::from(index);
                parent = match element_of.get(&key) {
                    Some(&e) => e,
                    None => {
                        let e = elements.len() as u32;
                        elements.push(Element::default());
                        element_of.insert(key, e);
                        let siblings = arrays.entry(array).or_default();
                        if siblings.is_empty() {
                            elements[parent as usize].arrays.push(array);
                        }
                        siblings.push(e);
                        e
                    }
                };
            }
            elements[parent as usize].direct |= 1 << f;
        }
    }
    // Inner arrays have larger ids than the arrays around them (ids are given
    // in document order as arrays open), so decreasing ids go inside out.
    let mut order: Vec<u32> = arrays.keys().copied().collect();
    crate::sort::sort_by(&mut order, |a, b| b.cmp(a));
    let mut offers: FastMap<u32, Vec<Fields>> = FastMap::default();
    let mut work = 0usize;
    for array in order {
        let mut sets = Vec::new();
        for &e in &arrays[&array] {
            sets.extend(element_sets(&elements[e as usize], &offers, &mut work)?);
        }
        let sets = maximal(sets, &mut work)?;
        offers.insert(array, sets);
    }
    let top = element_sets(&elements[0], &offers, &mut work)?;
    Ok(top.iter().any(|&s| s & goal == goal))
}

/// The maximal field sets one element can meet.
fn element_sets(
    element: &Element,
    offers: &FastMap<u32, Vec<Fields>>,
    work: &mut usize,
) -> Result<Vec<Fields>, TooComplex> {
    let mut sets = vec![element.direct];
    for array in &element.arrays {
        let offer = &offers[array];
        let mut next = Vec::with_capacity(sets.len() * offer.len());
        for &s in &sets {
            for &o in offer {
                next.push(s | o);
            }
        }
        *work += next.len();
        if *work > MAX_WORK {
            return Err(TooComplex);
        }
        sets = maximal(next, work)?;
    }
    Ok(sets)
}

/// Drops duplicates and sets contained in another.
fn maximal(mut sets: Vec<Fields>, work: &mut usize) -> Result<Vec<Fields>, TooComplex> {
    crate::sort::sort_by_key(&mut sets, |s| std::cmp::Reverse((s.count_ones(), *s)));
    sets.dedup();
    let mut kept: Vec<Fields> = Vec::new();
    for s in sets {
        *work += kept.len() + 1;
        if *work > MAX_WORK {
            return Err(TooComplex);
        }
        if !kept.iter().any(|&k| k & s == s) {
            kept.push(s);
        }
    }
    Ok(kept)
}
