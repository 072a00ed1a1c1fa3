//! Several patterns matched against one event, as a rule set is evaluated:
//! the unnamed, fixed-list form of [`RuleSet`], kept for callers that hold
//! their patterns in a list (the CLI's `filter`).

use crate::{EventError, Pattern, RuleSet};

/// Patterns matched together through a [`RuleSet`] (one read of each event,
/// only indexed candidates evaluated).
///
/// ```
/// use eventpattern::{Pattern, PatternSet};
///
/// let set = PatternSet::new(vec![
///     Pattern::parse(r#"{"source": ["aws.s3"]}"#).unwrap(),
///     Pattern::parse(r#"{"source": ["aws.ec2"]}"#).unwrap(),
/// ]);
/// assert_eq!(set.matching(r#"{"source": "aws.ec2"}"#).unwrap(), [1]);
/// ```
#[derive(Debug, Clone)]
pub struct PatternSet {
    patterns: Vec<Pattern>,
    rules: RuleSet,
}

impl PatternSet {
    /// A set of compiled patterns.
    ///
    /// ```
    /// use eventpattern::{Pattern, PatternSet};
    ///
    /// let set = PatternSet::new(vec![Pattern::parse(r#"{"a": ["1"]}"#).unwrap()]);
    /// assert_eq!(set.patterns().len(), 1);
    /// ```
    pub fn new(patterns: Vec<Pattern>) -> Self {
        let rules = patterns
            .iter()
            .enumerate()
            .map(|(i, p)| (i.to_string(), p.clone()))
            .collect();
        PatternSet { patterns, rules }
    }

    /// The patterns, in the order given.
    ///
    /// ```
    /// use eventpattern::{Pattern, PatternSet};
    ///
    /// let set = PatternSet::new(vec![Pattern::parse(r#"{"a": ["1"]}"#).unwrap()]);
    /// assert!(set.patterns()[0].matches(r#"{"a": "1"}"#).unwrap());
    /// ```
    pub fn patterns(&self) -> &[Pattern] {
        &self.patterns
    }

    /// Indexes of the patterns that match the event.
    ///
    /// ```
    /// use eventpattern::{Pattern, PatternSet};
    ///
    /// let set = PatternSet::new(vec![
    ///     Pattern::parse(r#"{"a": ["1"]}"#).unwrap(),
    ///     Pattern::parse(r#"{"a": [{"prefix": ""}]}"#).unwrap(),
    /// ]);
    /// assert_eq!(set.matching(r#"{"a": "1"}"#).unwrap(), [0, 1]);
    /// ```
    pub fn matching(&self, event: &str) -> Result<Vec<usize>, EventError> {
        self.rules.matching_indexes(event)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_single_patterns() {
        let texts = [
            r#"{"source": ["aws.ec2"], "detail": {"state": ["stopped"]}}"#,
            r#"{"detail": {"state": [{"prefix": "stop"}], "n": [{"numeric": [">", 1]}]}}"#,
            r#"{"source": [{"anything-but": "aws.ec2"}]}"#,
        ];
        let set = PatternSet::new(texts.iter().map(|t| Pattern::parse(t).unwrap()).collect());
        for event in [
            r#"{"source": "aws.ec2", "detail": {"state": "stopped", "n": 2}}"#,
            r#"{"source": "aws.s3", "detail": {"state": "stopping", "n": 0}}"#,
            r#"{"detail": {"n": 5}}"#,
        ] {
            let one_by_one: Vec<usize> = set
                .patterns()
                .iter()
                .enumerate()
                .filter(|(_, p)| p.matches(event).unwrap())
                .map(|(i, _)| i)
                .collect();
            assert_eq!(set.matching(event).unwrap(), one_by_one, "{event}");
        }
    }
}
