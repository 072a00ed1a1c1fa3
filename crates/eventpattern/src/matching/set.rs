//! Several patterns matched against one event in a single read of the event
//! (the union of their paths), as a rule set is evaluated.

use crate::event::{flatten, Selector};
use crate::{matcher, EventError, Pattern};

/// Patterns that share one read of each event.
#[derive(Debug, Clone)]
pub struct PatternSet {
    patterns: Vec<Pattern>,
    selector: Selector,
    /// Per pattern, per leaf: the id of its path in `selector`.
    leaf_paths: Vec<Vec<u32>>,
}

impl PatternSet {
    /// A set of compiled patterns.
    pub fn new(patterns: Vec<Pattern>) -> Self {
        let selector = Selector::new(
            patterns
                .iter()
                .flat_map(|p| p.tree().leaves.iter().map(|l| l.joined.as_str())),
        );
        let leaf_paths = patterns
            .iter()
            .map(|p| {
                p.tree()
                    .leaves
                    .iter()
                    .map(|l| selector.id(&l.joined).expect("every leaf path is selected"))
                    .collect()
            })
            .collect();
        PatternSet {
            patterns,
            selector,
            leaf_paths,
        }
    }

    /// The patterns, in the order given.
    pub fn patterns(&self) -> &[Pattern] {
        &self.patterns
    }

    /// Indexes of the patterns that match the event.
    pub fn matching(&self, event: &str) -> Result<Vec<usize>, EventError> {
        let flat = flatten(event, Some(&self.selector))?;
        let by_path = matcher::group_by_path(&flat, self.selector.len());
        let mut matching = Vec::new();
        for (i, (p, paths)) in self.patterns.iter().zip(&self.leaf_paths).enumerate() {
            if matcher::matches(p.rules(), &p.tree().leaves, paths, &flat, &by_path)? {
                matching.push(i);
            }
        }
        Ok(matching)
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
