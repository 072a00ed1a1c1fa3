//! The order in which AWS's engine lists the array elements a match has
//! chosen. The engine keeps them in a small open-addressing hash table of
//! array ids (capacity 8, doubling past three quarters full, linear probing,
//! a golden-ratio hash) and walks it slot by slot; which chosen array comes
//! first decides which values of a later field it considers
//! (docs/SEMANTICS.md, "Arrays"). Reproduced here for that one purpose.

/// The engine's hash of an array id.
fn mix(key: u32) -> u32 {
    let h = (key as i32).wrapping_mul(0x9E37_79B9_u32 as i32);
    (h ^ (h >> 16)) as u32
}

/// The table, as the engine would hold it after inserting `keys` in order
/// (keys already present are skipped).
struct Table {
    slots: Vec<Option<u32>>,
    size: usize,
}

impl Table {
    fn new(capacity: usize) -> Self {
        Table {
            slots: vec![None; capacity],
            size: 0,
        }
    }

    fn put(&mut self, key: u32) {
        let mask = self.slots.len() - 1;
        let mut i = mix(key) as usize & mask;
        loop {
            match self.slots[i] {
                Some(k) if k == key => return,
                Some(_) => i = (i + 1) & mask,
                None => break,
            }
        }
        self.slots[i] = Some(key);
        // As the engine does: at the threshold it grows instead of counting.
        if self.size >= self.slots.len() * 3 / 4 {
            let old = std::mem::replace(self, Table::new(self.slots.len() * 2));
            for k in old.slots.into_iter().rev().flatten() {
                self.put(k);
            }
        } else {
            self.size += 1;
        }
    }
}

/// `keys` (array ids, in the order the match chose them) in the order the
/// engine walks them.
pub(crate) fn walk_order(keys: impl IntoIterator<Item = u32>) -> Vec<u32> {
    let mut t = Table::new(8);
    for k in keys {
        t.put(k);
    }
    t.slots.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_follow_the_hash_not_the_ids() {
        // Ids 0, 3 and 1 land in slots 0, 5 and 6 of 8.
        assert_eq!([mix(0) & 7, mix(3) & 7, mix(1) & 7], [0, 5, 6]);
        assert_eq!(walk_order([1, 3, 0]), vec![0, 3, 1]);
        // Ids 0 and 5 share slot 0: the one put first keeps it.
        assert_eq!(walk_order([5, 0]), vec![5, 0]);
        assert_eq!(walk_order([2, 2, 0]), vec![0, 2]);
        // Past six entries the table doubles and keeps every id.
        let mut many = walk_order(0..20);
        many.sort_unstable();
        assert_eq!(many, (0..20).collect::<Vec<_>>());
    }
}
