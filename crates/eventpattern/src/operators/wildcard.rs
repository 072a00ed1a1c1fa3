//! `wildcard` patterns: `*` matches any run of characters, `\*` and `\\` are
//! literal; matched anchored and case-sensitive, in time linear in the input
//! (each literal piece is found at its leftmost place with a linear search).

/// A parsed wildcard: the literal pieces between the unescaped stars.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wildcard {
    /// Literal text between stars; `pieces.len() == stars + 1`.
    pieces: Vec<String>,
}

/// Why a wildcard operand was refused, with AWS's reason text.
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
    pub fn example(&self, fill: &str) -> String {
        self.pieces.join(fill)
    }

    /// Number of unescaped stars.
    pub fn stars(&self) -> usize {
        self.pieces.len() - 1
    }

    /// Whether `value` matches the whole pattern.
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
            match rest.find(piece.as_str()) {
                Some(at) => rest = &rest[at + piece.len()..],
                None => return false,
            }
        }
        true
    }

    /// An estimate of the automaton complexity AWS limits: the largest number
    /// of pattern positions one input can be at simultaneously. AWS does not
    /// publish its metric; this one rejects `*:*:*:*:*:event-bus/*` and
    /// accepts the patterns AWS is known to accept (SPEC §5.9).
    pub fn complexity(&self) -> usize {
        #[derive(Clone, Copy, PartialEq)]
        enum T {
            Star,
            Byte(u8),
        }
        let mut toks = Vec::new();
        for (i, piece) in self.pieces.iter().enumerate() {
            if i > 0 {
                toks.push(T::Star);
            }
            toks.extend(piece.bytes().map(T::Byte));
        }
        let closure = |set: &mut Vec<usize>| {
            let mut i = 0;
            while i < set.len() {
                let p = set[i];
                if toks.get(p) == Some(&T::Star) && !set.contains(&(p + 1)) {
                    set.push(p + 1);
                }
                i += 1;
            }
            set.sort_unstable();
        };
        let mut alphabet: Vec<u8> = toks
            .iter()
            .filter_map(|t| match t {
                T::Byte(b) => Some(*b),
                T::Star => None,
            })
            .collect();
        alphabet.sort_unstable();
        alphabet.dedup();
        alphabet.push(0);
        let mut start = vec![0];
        closure(&mut start);
        let mut seen = vec![start.clone()];
        let mut queue = vec![start];
        let mut best = 0;
        while let Some(set) = queue.pop() {
            best = best.max(set.len());
            if seen.len() > 5000 {
                return usize::MAX;
            }
            for &c in &alphabet {
                let mut next = Vec::new();
                for &p in &set {
                    match toks.get(p) {
                        Some(T::Star) => next.push(p),
                        Some(T::Byte(b)) if *b == c => next.push(p + 1),
                        _ => {}
                    }
                }
                next.dedup();
                closure(&mut next);
                next.dedup();
                if !next.is_empty() && !seen.contains(&next) {
                    seen.push(next.clone());
                    queue.push(next);
                }
            }
        }
        best
    }
}

/// The complexity above which AWS answers "Rule is too complex" (SPEC §5.9).
pub const MAX_COMPLEXITY: usize = 10;

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
    fn complexity_threshold_matches_known_aws_answers() {
        assert!(w("*:*:*:*:*:event-bus/*").complexity() > MAX_COMPLEXITY);
        assert!(w("/Users/*/dir/dir/dir/dir/dir/doc.txt").complexity() <= MAX_COMPLEXITY);
        assert!(w("arn:aws:cloudformation:*:*:stack/foo/*").complexity() <= MAX_COMPLEXITY);
    }
}
