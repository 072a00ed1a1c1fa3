//! `wildcard` patterns: `*` matches any run of characters, `\*` and `\\` are
//! literal; matched anchored and case-sensitive, in time linear in the input
//! (each literal piece is found at its leftmost place with a linear search).

/// A parsed wildcard: the literal pieces between the unescaped stars.
///
/// ```
/// use eventpattern::operators::wildcard::Wildcard;
///
/// let w = Wildcard::parse("arn:aws:s3:::*-logs/*").unwrap();
/// assert!(w.matches("arn:aws:s3:::app-logs/2026/01.gz"));
/// assert_eq!((w.stars(), w.leading_literal(), w.trailing_literal()), (2, "arn:aws:s3:::", ""));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wildcard {
    /// Literal text between stars; `pieces.len() == stars + 1`.
    pieces: Vec<String>,
}

/// Why a wildcard operand was refused, with AWS's reason text.
///
/// ```
/// use eventpattern::operators::wildcard::Wildcard;
///
/// let e = Wildcard::parse("a**").unwrap_err();
/// assert_eq!((e.reason.as_str(), e.offset), ("Consecutive wildcard characters at pos 2", 2));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WildcardError {
    /// e.g. `Consecutive wildcard characters at pos 4`.
    pub reason: String,
    /// Byte offset in the decoded operand of the offending character.
    pub offset: usize,
}

impl Wildcard {
    /// Parses the decoded operand. Positions in the errors count UTF-8 bytes,
    /// as event-ruler's parser does.
    ///
    /// ```
    /// use eventpattern::operators::wildcard::Wildcard;
    ///
    /// assert!(Wildcard::parse(r"a\*b").unwrap().matches("a*b")); // an escaped star is literal
    /// ```
    pub fn parse(operand: &str) -> Result<Wildcard, WildcardError> {
        let bytes = operand.as_bytes();
        let mut pieces = vec![String::new()];
        let mut i = 0;
        let mut last_was_star = false;
        while i < bytes.len() {
            let c = operand[i..].chars().next().expect("char boundary");
            match c {
                '*' => {
                    if last_was_star {
                        return Err(WildcardError {
                            reason: format!("Consecutive wildcard characters at pos {i}"),
                            offset: i,
                        });
                    }
                    pieces.push(String::new());
                    last_was_star = true;
                    i += 1;
                    continue;
                }
                '\\' => match bytes.get(i + 1) {
                    Some(&b @ (b'*' | b'\\')) => {
                        pieces.last_mut().expect("non-empty").push(b as char);
                        i += 2;
                    }
                    _ => {
                        return Err(WildcardError {
                            reason: format!("Invalid escape character at pos {}", i + 1),
                            offset: i,
                        })
                    }
                },
                other => {
                    pieces.last_mut().expect("non-empty").push(other);
                    i += other.len_utf8();
                }
            }
            last_was_star = false;
        }
        Ok(Wildcard { pieces })
    }

    /// A string the pattern matches: each `*` stands for `fill`.
    ///
    /// ```
    /// let w = eventpattern::operators::wildcard::Wildcard::parse("*.png").unwrap();
    /// assert_eq!(w.example("cat"), "cat.png");
    /// ```
    pub fn example(&self, fill: &str) -> String {
        self.pieces.join(fill)
    }

    /// The literal text before the first star: every matching value starts
    /// with it (a rule set indexes the wildcard by it). Without stars it is
    /// the whole operand.
    ///
    /// ```
    /// let w = eventpattern::operators::wildcard::Wildcard::parse("logs/*").unwrap();
    /// assert_eq!(w.leading_literal(), "logs/");
    /// ```
    pub fn leading_literal(&self) -> &str {
        &self.pieces[0]
    }

    /// The literal text after the last star: every matching value ends with
    /// it. Without stars it is the whole operand.
    ///
    /// ```
    /// let w = eventpattern::operators::wildcard::Wildcard::parse("*.png").unwrap();
    /// assert_eq!(w.trailing_literal(), ".png");
    /// ```
    pub fn trailing_literal(&self) -> &str {
        self.pieces.last().expect("non-empty")
    }

    /// Number of unescaped stars.
    ///
    /// ```
    /// assert_eq!(eventpattern::operators::wildcard::Wildcard::parse("a").unwrap().stars(), 0);
    /// ```
    pub fn stars(&self) -> usize {
        self.pieces.len() - 1
    }

    /// Whether `value` matches the whole pattern.
    ///
    /// ```
    /// let w = eventpattern::operators::wildcard::Wildcard::parse("a*c").unwrap();
    /// assert!(w.matches("abbc") && w.matches("ac") && !w.matches("ab"));
    /// ```
    pub fn matches(&self, value: &str) -> bool {
        let first = &self.pieces[0];
        if self.pieces.len() == 1 {
            return value == first;
        }
        let last = self.pieces.last().expect("non-empty");
        if value.len() < first.len() + last.len()
            || !value.starts_with(first.as_str())
            || !value.ends_with(last.as_str())
        {
            return false;
        }
        let mut rest = &value[first.len()..value.len() - last.len()];
        for piece in &self.pieces[1..self.pieces.len() - 1] {
            match find(rest, piece) {
                Some(at) => rest = &rest[at + piece.len()..],
                None => return false,
            }
        }
        true
    }

    /// The automaton complexity AWS limits, computed the way event-ruler's
    /// `MachineComplexityEvaluator` does for one pattern: the pattern's bytes
    /// are states, each `*` a self-loop on the state before the next byte; for
    /// every set of states an input can reach, count the transitions the next
    /// byte takes plus the self-loops of their targets not already taken; the
    /// complexity is the largest count. This reproduces the values AWS is
    /// known to accept (7 for `/Users/*/dir/dir/dir/dir/dir/doc.txt`) and
    /// reject (11 for `*:*:*:*:*:event-bus/*`). Stops counting above `cap`.
    ///
    /// ```
    /// use eventpattern::operators::wildcard::{Wildcard, MAX_COMPLEXITY};
    ///
    /// let w = Wildcard::parse("/Users/*/dir/dir/dir/dir/dir/doc.txt").unwrap();
    /// assert!(w.complexity(100) <= MAX_COMPLEXITY);
    /// ```
    pub fn complexity(&self, cap: usize) -> usize {
        let mut bytes: Vec<u8> = Vec::new();
        let mut loops: Vec<bool> = vec![false];
        for (i, piece) in self.pieces.iter().enumerate() {
            if i > 0 {
                *loops.last_mut().expect("one state per byte") = true;
            }
            for &b in piece.as_bytes() {
                bytes.push(b);
                loops.push(false);
            }
        }
        let mut alphabet = bytes.clone();
        crate::sort::sort(&mut alphabet);
        alphabet.dedup();
        // A byte the pattern does not contain: only self-loops take it.
        alphabet.push((0..=255u8).find(|b| !bytes.contains(b)).unwrap_or(0));
        // Hashed: a linear scan of up to 4,096 sets per step cost 0.65 s on a
        // 2 KB pattern (issue 11, defect 5).
        let mut seen: crate::event::FastSet<Vec<usize>> = [vec![0]].into_iter().collect();
        let mut queue: Vec<Vec<usize>> = vec![vec![0]];
        let mut best = 0;
        // Taken transitions (from, to, is self-loop) and their targets,
        // reused across steps.
        let mut taken: Vec<(usize, usize, bool)> = Vec::new();
        let mut next: Vec<usize> = Vec::new();
        let mut inputs: Vec<u8> = Vec::new();
        while let Some(states) = queue.pop() {
            // Bytes that leave no state but by a self-loop all lead to the
            // same set: try the states' own bytes and one other byte.
            inputs.clear();
            inputs.extend(states.iter().filter_map(|&s| bytes.get(s).copied()));
            crate::sort::sort(&mut inputs);
            inputs.dedup();
            if let Some(&other) = alphabet.iter().find(|b| inputs.binary_search(b).is_err()) {
                inputs.push(other);
            }
            for &b in &inputs {
                taken.clear();
                for &s in &states {
                    if loops[s] {
                        taken.push((s, s, true));
                    }
                    if bytes.get(s) == Some(&b) {
                        taken.push((s, s + 1, false));
                    }
                }
                if taken.is_empty() {
                    continue;
                }
                crate::sort::sort(&mut taken);
                taken.dedup();
                // A target's self-loop is taken when the target is itself a
                // current state (every looping state takes its loop).
                let loops_taken = |t: usize| loops[t] && states.binary_search(&t).is_ok();
                let size = taken.len()
                    + taken
                        .iter()
                        .filter(|&&(_, t, _)| loops[t] && !loops_taken(t))
                        .count();
                best = best.max(size);
                if best > cap {
                    return best;
                }
                next.clear();
                next.extend(taken.iter().map(|&(_, t, _)| t));
                crate::sort::sort(&mut next);
                next.dedup();
                if !seen.contains(&next) {
                    if seen.len() >= 4096 {
                        return cap + 1;
                    }
                    seen.insert(next.clone());
                    queue.push(next.clone());
                }
            }
        }
        best
    }
}

/// The complexity above which AWS answers "Rule is too complex" (docs/SEMANTICS.md, "Limits").
///
/// ```
/// use eventpattern::operators::wildcard::{Wildcard, MAX_COMPLEXITY};
///
/// assert!(Wildcard::parse("*:*:*:*:*:event-bus/*").unwrap().complexity(100) > MAX_COMPLEXITY);
/// ```
pub const MAX_COMPLEXITY: usize = 10;

/// The leftmost place of `piece` in `text`. Short texts (most event values)
/// are searched byte by byte, which costs less than setting up `str::find`'s
/// two-way search; longer ones keep that search, linear in the text.
fn find(text: &str, piece: &str) -> Option<usize> {
    const SHORT: usize = 64;
    if text.len() > SHORT || piece.is_empty() {
        return text.find(piece);
    }
    // A match of valid UTF-8 in valid UTF-8 starts at a character boundary.
    text.as_bytes()
        .windows(piece.len())
        .position(|w| w == piece.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(p: &str) -> Wildcard {
        Wildcard::parse(p).unwrap()
    }

    #[test]
    fn matches_anchored() {
        assert!(w("a*b").matches("ab"));
        assert!(w("a*b").matches("axxb"));
        assert!(!w("a*b").matches("axxbc"));
        assert!(w("*").matches(""));
        assert!(w("a*b*a").matches("aba"));
        assert!(!w("a*b*a").matches("ab"));
        assert!(w(r"a\*b").matches("a*b"));
        assert!(!w(r"a\*b").matches("axb"));
        assert!(w(r"a\\b").matches(r"a\b"));
        assert!(w("").matches(""));
        assert!(!w("").matches("x"));
    }

    #[test]
    fn errors_carry_aws_positions() {
        assert_eq!(
            Wildcard::parse("a**").unwrap_err().reason,
            "Consecutive wildcard characters at pos 2"
        );
        assert_eq!(
            Wildcard::parse("arn:aws:events:us-east-1:**:event-bus/*")
                .unwrap_err()
                .reason,
            "Consecutive wildcard characters at pos 26"
        );
        assert_eq!(
            Wildcard::parse(r"a\b").unwrap_err().reason,
            "Invalid escape character at pos 2"
        );
        assert_eq!(
            Wildcard::parse(r"ab\").unwrap_err().reason,
            "Invalid escape character at pos 3"
        );
        assert!(Wildcard::parse(r"\**").is_ok());
    }

    #[test]
    fn pathological_input_is_linear() {
        let p = w(&"a*".repeat(50));
        let v = "a".repeat(100_000) + "b";
        assert!(p.matches(&v) == v.ends_with('a') || p.matches(&v));
        assert!(!w("*a*a*a*a*b").matches(&"a".repeat(200_000)));
    }

    #[test]
    fn complexity_matches_known_aws_values() {
        assert_eq!(w("*:*:*:*:*:event-bus/*").complexity(100), 11);
        assert_eq!(w("/Users/*/dir/dir/dir/dir/dir/doc.txt").complexity(100), 7);
        assert!(w("arn:aws:cloudformation:*:*:stack/foo/*").complexity(100) <= MAX_COMPLEXITY);
        assert_eq!(w("abc").complexity(100), 1);
        assert!(w(&"*a".repeat(40)).complexity(MAX_COMPLEXITY) > MAX_COMPLEXITY);
    }
}
