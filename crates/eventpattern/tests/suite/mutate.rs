//! The one text mutator the corpus-driven robustness tests share: a few
//! pieces inserted, cut out or cut off, from a deterministic generator so a
//! failure reproduces.

/// A small deterministic generator (xorshift).
pub struct Rng(pub u64);

impl Rng {
    /// The next number in the sequence.
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// JSON's punctuation, which every mutator inserts.
pub const PUNCTUATION: &[&str] = &["{", "}", "[", "]", ",", ":", "\""];

/// How a test mutates text: what it inserts and how much it cuts.
pub struct Mutator {
    /// Texts to insert, in groups (taken as one list).
    pub pieces: &'static [&'static [&'static str]],
    /// The longest run of bytes one cut removes.
    pub max_cut: usize,
    /// Whether a piece may also be inserted repeated (up to 40 times).
    pub repeats: bool,
}

impl Mutator {
    /// One piece to insert.
    fn piece(&self, rng: &mut Rng) -> &'static str {
        let mut i = rng.below(self.pieces.iter().map(|g| g.len()).sum());
        for group in self.pieces {
            if i < group.len() {
                return group[i];
            }
            i -= group.len();
        }
        unreachable!("an index below the number of pieces")
    }

    /// `text` with one to three mutations applied.
    pub fn mutate(&self, text: &str, rng: &mut Rng) -> String {
        let mut s = text.to_string();
        for _ in 0..1 + rng.below(3) {
            let mut at = rng.below(s.len() + 1);
            while !s.is_char_boundary(at) {
                at -= 1;
            }
            match rng.below(if self.repeats { 4 } else { 3 }) {
                0 => s.insert_str(at, self.piece(rng)),
                1 => {
                    let mut end = (at + 1 + rng.below(self.max_cut)).min(s.len());
                    while !s.is_char_boundary(end) {
                        end += 1;
                    }
                    s.replace_range(at..end, "");
                }
                2 => s.truncate(at),
                _ => {
                    let piece = self.piece(rng);
                    s.insert_str(at, &piece.repeat(1 + rng.below(40)));
                }
            }
        }
        s
    }
}
