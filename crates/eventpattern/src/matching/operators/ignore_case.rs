//! Case-insensitive matching exactly as event-ruler does it: every UTF-16 code
//! unit of the *pattern* becomes the set {lower-case, upper-case} of that unit
//! alone (Locale.ROOT), and the event value must literally equal one choice per
//! position. Hence `ß` matches `SS`, and characters outside the BMP never
//! match (each surrogate half encodes to `?`) — quirks AWS users see
//! (docs/SEMANTICS.md, "Case-insensitive operators and Unicode").

/// A pattern operand prepared for case-insensitive comparison.
///
/// ```
/// use eventpattern::operators::ignore_case::Folded;
///
/// let f = Folded::new("Stopped");
/// assert!(f.equals("STOPPED") && f.is_prefix_of("stopped-now") && !f.equals("stop"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folded {
    /// Per position, one or two alternative UTF-8 texts.
    alternatives: Vec<(String, Option<String>)>,
    /// The operand is ASCII: a byte-wise ASCII comparison is exact.
    ascii: Option<String>,
}

impl Folded {
    /// Prepares `pattern`.
    ///
    /// ```
    /// assert!(eventpattern::operators::ignore_case::Folded::new("ÉTÉ").equals("été"));
    /// ```
    pub fn new(pattern: &str) -> Folded {
        if pattern.is_ascii() {
            return Folded {
                alternatives: Vec::new(),
                ascii: Some(pattern.to_string()),
            };
        }
        let alternatives = pattern
            .encode_utf16()
            .map(|unit| match char::from_u32(u32::from(unit)) {
                None => ("?".to_string(), None),
                Some(c) => {
                    let lower: String = c.to_lowercase().collect();
                    let upper: String = c.to_uppercase().collect();
                    if lower == upper {
                        (lower, None)
                    } else {
                        (lower, Some(upper))
                    }
                }
            })
            .collect();
        Folded {
            alternatives,
            ascii: None,
        }
    }

    /// The operand when it is ASCII: comparing is then byte-wise ASCII case
    /// folding, so a rule set can index the operand by its lower case.
    ///
    /// ```
    /// use eventpattern::operators::ignore_case::Folded;
    ///
    /// assert!(Folded::new("Abc").ascii().is_some());
    /// assert!(Folded::new("été").ascii().is_none());
    /// ```
    pub fn ascii(&self) -> Option<&str> {
        self.ascii.as_deref()
    }

    /// `value` equals the pattern ignoring case.
    ///
    /// ```
    /// assert!(eventpattern::operators::ignore_case::Folded::new("aBc").equals("AbC"));
    /// ```
    pub fn equals(&self, value: &str) -> bool {
        if let Some(p) = &self.ascii {
            return value.len() == p.len() && value.as_bytes().eq_ignore_ascii_case(p.as_bytes());
        }
        self.forward(value).contains(&value.len())
    }

    /// `value` starts with the pattern ignoring case.
    ///
    /// ```
    /// assert!(eventpattern::operators::ignore_case::Folded::new("ab").is_prefix_of("ABC"));
    /// ```
    pub fn is_prefix_of(&self, value: &str) -> bool {
        if let Some(p) = &self.ascii {
            return value.len() >= p.len()
                && value.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes());
        }
        !self.forward(value).is_empty()
    }

    /// `value` ends with the pattern ignoring case.
    ///
    /// ```
    /// assert!(eventpattern::operators::ignore_case::Folded::new(".PNG").is_suffix_of("cat.png"));
    /// ```
    pub fn is_suffix_of(&self, value: &str) -> bool {
        if let Some(p) = &self.ascii {
            return value.len() >= p.len()
                && value.as_bytes()[value.len() - p.len()..].eq_ignore_ascii_case(p.as_bytes());
        }
        let v = value.as_bytes();
        let mut ends = vec![v.len()];
        for (a, b) in self.alternatives.iter().rev() {
            let mut next = Vec::new();
            for &e in &ends {
                for alt in std::iter::once(a).chain(b.as_ref()) {
                    if v[..e].ends_with(alt.as_bytes()) {
                        next.push(e - alt.len());
                    }
                }
            }
            crate::sort::sort(&mut next);
            next.dedup();
            if next.is_empty() {
                return false;
            }
            ends = next;
        }
        true
    }

    /// Whether `text` begins some spelling the pattern accepts.
    ///
    /// ```
    /// use eventpattern::operators::ignore_case::Folded;
    ///
    /// assert!(Folded::new("abc").begins("AB"));
    /// assert!(!Folded::new("abc").begins("x"));
    /// ```
    pub fn begins(&self, text: &str) -> bool {
        if let Some(p) = &self.ascii {
            return text.len() <= p.len()
                && text
                    .as_bytes()
                    .eq_ignore_ascii_case(&p.as_bytes()[..text.len()]);
        }
        let t = text.as_bytes();
        let mut ends = vec![0];
        for (a, b) in &self.alternatives {
            // `text` runs out at or inside this position's spelling.
            let spellings = || std::iter::once(a).chain(b.as_ref());
            if ends
                .iter()
                .any(|&e| spellings().any(|alt| alt.as_bytes().starts_with(&t[e..])))
            {
                return true;
            }
            ends = step(t, &ends, (a, b));
            if ends.is_empty() {
                return false;
            }
        }
        ends.contains(&t.len())
    }

    /// The pattern's leading characters that have no other case (stored as
    /// plain bytes by AWS's engine).
    ///
    /// ```
    /// assert_eq!(eventpattern::operators::ignore_case::Folded::new("12ab").caseless_start(), "12");
    /// ```
    pub fn caseless_start(&self) -> String {
        match &self.ascii {
            Some(p) => p.chars().take_while(|c| !c.is_ascii_alphabetic()).collect(),
            None => self
                .alternatives
                .iter()
                .take_while(|(_, other)| other.is_none())
                .map(|(a, _)| a.as_str())
                .collect(),
        }
    }

    /// Byte offsets at which a match of the whole pattern from the start can end.
    fn forward(&self, value: &str) -> Vec<usize> {
        let v = value.as_bytes();
        let mut ends = vec![0];
        for (a, b) in &self.alternatives {
            ends = step(v, &ends, (a, b));
            if ends.is_empty() {
                break;
            }
        }
        ends
    }
}

/// The offsets of `v` reached from `ends` by one position of the pattern,
/// spelt either way.
fn step(v: &[u8], ends: &[usize], (a, b): (&String, &Option<String>)) -> Vec<usize> {
    let mut next = Vec::new();
    for &e in ends {
        for alt in std::iter::once(a).chain(b.as_ref()) {
            if v[e..].starts_with(alt.as_bytes()) {
                next.push(e + alt.len());
            }
        }
    }
    crate::sort::sort(&mut next);
    next.dedup();
    next
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_and_unicode_folding() {
        assert!(Folded::new("Running").equals("rUNNING"));
        assert!(!Folded::new("run").equals("running"));
        assert!(Folded::new("run").is_prefix_of("RUNNING"));
        assert!(Folded::new("ING").is_suffix_of("running"));
        assert!(Folded::new("café").equals("CAFÉ"));
    }

    #[test]
    fn beginnings_and_caseless_starts() {
        assert!(Folded::new("X?Yq").begins("x?y"));
        assert!(Folded::new("straße").begins("STRAS"));
        assert!(!Folded::new("abc").begins("abd"));
        assert!(!Folded::new("ab").begins("abc"));
        assert_eq!(Folded::new("?1X").caseless_start(), "?1");
        assert_eq!(Folded::new("😀").caseless_start(), "??");
    }

    #[test]
    fn engine_quirks() {
        assert!(Folded::new("straße").equals("STRASSE"));
        assert!(!Folded::new("straße").equals("strasse"));
        assert!(!Folded::new("😀").equals("😀"));
        assert!(Folded::new("ı").equals("I"));
        assert!(!Folded::new("I").equals("ı"));
        assert!(Folded::new("\u{212A}").equals("k"));
        assert!(!Folded::new("k").equals("\u{212A}"));
    }
}
