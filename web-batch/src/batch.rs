//! Rules × events without the browser: the rules of one source text (a list
//! of patterns, a template, Terraform output), the events of another (JSON
//! Lines, an array, CloudTrail logs), matched a slice at a time so the page
//! can draw a progress bar between slices. All matching is the engine's
//! [`RuleSet`]; reading rules is `eventpattern_rules`'.

use eventpattern::splitter::{Item, SplitError, Splitter};
use eventpattern::RuleSet;
use eventpattern_rules::{read_source, Status};

/// The file name pasted rules are read as: no extension, so the content decides.
pub const PASTED: &str = "pasted rules";

/// A rule that is left out of the matrix, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The rule's name.
    pub name: String,
    /// Where (1-based line and column in the rules text).
    pub line: u32,
    /// Column, in characters.
    pub column: u32,
    /// AWS's reason, or why the pattern is unknown before deployment.
    pub message: String,
    /// Unknown until deployed (an intrinsic, a variable), not invalid.
    pub unresolved: bool,
}

/// The rules read from one source.
pub struct Rules {
    /// The valid rules, matched together.
    pub set: RuleSet,
    /// Their names, in the set's order.
    pub names: Vec<String>,
    /// Their pattern texts, as EventBridge receives them (same order).
    pub texts: Vec<String>,
    /// Rules left out.
    pub problems: Vec<Problem>,
    /// How the text was read ("CloudFormation template (JSON)"…).
    pub format: Option<&'static str>,
    /// Why nothing could be read, with its line and column.
    pub error: Option<String>,
}

/// Reads the rules of `text` (`file` names it: its extension picks YAML or
/// `.tf`; otherwise the content decides).
pub fn read_rules(file: &str, text: &str) -> Rules {
    let mut rules = Rules {
        set: RuleSet::new(),
        names: Vec::new(),
        texts: Vec::new(),
        problems: Vec::new(),
        format: None,
        error: None,
    };
    if text.trim().is_empty() {
        return rules;
    }
    let found = match read_source(file, text) {
        Ok(f) => f,
        Err(e) => {
            rules.error = Some(format!(
                "line {}, column {}: {}",
                e.at.line, e.at.column, e.message
            ));
            return rules;
        }
    };
    rules.format = Some(found.format.name());
    for rule in found.rules {
        match rule.status {
            Status::Valid { text, pattern } => {
                // Names are unique within a source; a repeated one keeps both.
                let mut name = rule.name.clone();
                let mut n = 2;
                while rules.set.get(&name).is_some() {
                    name = format!("{} ({n})", rule.name);
                    n += 1;
                }
                rules.set.insert(name.clone(), pattern);
                rules.names.push(name);
                rules.texts.push(text);
            }
            Status::Invalid { error, .. } => rules.problems.push(Problem {
                name: rule.name,
                line: error.at.line,
                column: error.at.column,
                message: error.reason,
                unresolved: false,
            }),
            Status::Unresolved { why } => rules.problems.push(Problem {
                name: rule.name,
                line: rule.origin.line,
                column: rule.origin.column,
                message: why,
                unresolved: true,
            }),
        }
    }
    rules
}

/// One event of the batch and the rules it matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Line where it starts in the events text.
    pub line: usize,
    /// The event as matched (a CloudTrail record wrapped in its envelope).
    pub event: String,
    /// Indexes of the rules it matches, or why it cannot be matched.
    pub matched: Result<Vec<u32>, String>,
}

/// Input that is not an event (skipped), with its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// Where it starts.
    pub line: usize,
    /// Why.
    pub message: String,
}

/// Splitting and matching in progress.
pub struct Job {
    text: std::rc::Rc<str>,
    fed: usize,
    splitter: Splitter,
    pending: std::collections::VecDeque<Result<Item, SplitError>>,
    finished: bool,
    /// The events so far.
    pub rows: Vec<Row>,
    /// Input skipped so far.
    pub skipped: Vec<Skipped>,
    /// Lone CloudTrail records wrapped in the envelope.
    pub wrapped: usize,
}

/// Bytes handed to the splitter at a time.
const SLICE: usize = 64 << 10;

impl Job {
    /// Starts on the events text.
    pub fn new(text: std::rc::Rc<str>) -> Job {
        Job {
            text,
            fed: 0,
            splitter: Splitter::new(),
            pending: Default::default(),
            finished: false,
            rows: Vec::new(),
            skipped: Vec::new(),
            wrapped: 0,
        }
    }

    /// Splits and matches until `events` more events are done or the text
    /// ends; `true` once everything is done.
    pub fn step(&mut self, rules: &RuleSet, events: usize) -> bool {
        let mut done = 0;
        while done < events {
            if let Some(item) = self.pending.pop_front() {
                self.take(rules, item);
                done += 1;
                continue;
            }
            if self.finished {
                return true;
            }
            let end = (self.fed + SLICE).min(self.text.len());
            let mut out = Vec::new();
            self.splitter
                .feed(&self.text.as_bytes()[self.fed..end], &mut out);
            self.fed = end;
            if end == self.text.len() {
                out.extend(self.splitter.finish().map(Err));
                self.finished = true;
            }
            self.pending.extend(out);
        }
        self.finished && self.pending.is_empty()
    }

    fn take(&mut self, rules: &RuleSet, item: Result<Item, SplitError>) {
        let item = match item {
            Ok(i) => i,
            Err(e) => {
                self.skipped.push(Skipped {
                    line: e.line,
                    message: e.message,
                });
                return;
            }
        };
        let line = item.line;
        match item.into_event(true) {
            Ok((event, lone)) => {
                self.wrapped += usize::from(lone);
                let matched = rules
                    .matching_indexes(&event)
                    .map(|m| m.into_iter().map(|i| i as u32).collect())
                    .map_err(|e| e.message);
                self.rows.push(Row {
                    line,
                    event,
                    matched,
                });
            }
            Err(e) => self.skipped.push(Skipped {
                line,
                message: e.message,
            }),
        }
    }

    /// How far the splitting is, from 0 to 1.
    pub fn progress(&self) -> f64 {
        if self.text.is_empty() {
            1.0
        } else {
            self.fed as f64 / self.text.len() as f64
        }
    }
}

/// A short label for an event: its `detail-type` and `source` (and the API
/// call's `eventName` for CloudTrail events), as a person scanning rows reads them.
pub fn describe(event: &str) -> String {
    use eventpattern::event::{flatten, Selector};
    const FIELDS: [&str; 3] = ["detail-type", "source", "detail.eventName"];
    let selector = Selector::new(FIELDS);
    let Ok(flat) = flatten(event, Some(&selector)) else {
        return String::new();
    };
    let get = |name: &str| {
        let id = selector.id(name);
        flat.leaves
            .iter()
            .find(|l| Some(l.path_id) == id)
            .and_then(|l| match &l.value {
                eventpattern::Value::Str(s) => Some(s.to_string()),
                _ => None,
            })
    };
    [get("detail.eventName"), get("detail-type"), get("source")]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Counts over the finished matrix.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Summary {
    /// Events matched (rows without an error).
    pub events: usize,
    /// Rules in the matrix.
    pub rules: usize,
    /// Matched (event, rule) pairs.
    pub matches: usize,
    /// Per rule, the events it matched.
    pub per_rule: Vec<usize>,
    /// Rules that matched no event.
    pub never_fire: usize,
    /// Events no rule matched (errors not counted).
    pub uncaught: usize,
    /// Events that could not be read.
    pub unreadable: usize,
}

/// Counts the rows against `rules` rules.
pub fn summarise(rows: &[Row], rules: usize) -> Summary {
    let mut s = Summary {
        rules,
        per_rule: vec![0; rules],
        ..Summary::default()
    };
    for row in rows {
        match &row.matched {
            Ok(m) => {
                s.events += 1;
                s.matches += m.len();
                s.uncaught += usize::from(m.is_empty());
                for &i in m {
                    s.per_rule[i as usize] += 1;
                }
            }
            Err(_) => s.unreadable += 1,
        }
    }
    s.never_fire = s.per_rule.iter().filter(|&&n| n == 0).count();
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(rules: &Rules, events: &str) -> Job {
        let mut job = Job::new(events.into());
        // Small steps, as the page takes them.
        while !job.step(&rules.set, 2) {}
        job
    }

    #[test]
    fn json_lines_of_patterns_against_json_lines_of_events() {
        let rules = read_rules(
            PASTED,
            "{\"source\": [\"aws.ec2\"]}\n{\"source\": [\"aws.s3\"]}\n{\"detail\": {\"state\": [\"running\"]}}\n",
        );
        assert_eq!(rules.names, ["line-1", "line-2", "line-3"]);
        assert_eq!(rules.format, Some("JSON Lines patterns"));
        let job = run(
            &rules,
            "{\"source\": \"aws.ec2\", \"detail\": {\"state\": \"running\"}}\n{\"source\": \"aws.ec2\"}\nnot json\n{\"source\": \"x\"}\n",
        );
        let matched: Vec<_> = job
            .rows
            .iter()
            .map(|r| r.matched.clone().unwrap())
            .collect();
        assert_eq!(matched, [vec![0, 2], vec![0], vec![]]);
        assert_eq!(job.skipped.len(), 1);
        assert_eq!(job.skipped[0].line, 3);
        let s = summarise(&job.rows, rules.names.len());
        assert_eq!(
            (s.events, s.matches, s.never_fire, s.uncaught),
            (3, 3, 1, 1)
        );
        assert_eq!(s.per_rule, [2, 0, 1]);
    }

    #[test]
    fn a_template_with_an_invalid_and_an_unresolved_rule() {
        let template = r#"{"Resources": {
  "Good": {"Type": "AWS::Events::Rule", "Properties": {"EventPattern": {"source": ["aws.ec2"]}}},
  "Bad": {"Type": "AWS::Events::Rule", "Properties": {"EventPattern": {"source": "aws.ec2"}}},
  "Later": {"Type": "AWS::Events::Rule", "Properties": {"EventPattern": {"Ref": "Pattern"}}}
}}"#;
        let rules = read_rules(PASTED, template);
        assert_eq!(rules.names, ["Good"]);
        assert_eq!(rules.problems.len(), 2);
        let bad = rules.problems.iter().find(|p| p.name == "Bad").unwrap();
        assert_eq!(bad.line, 3);
        assert!(
            bad.message.contains("must be an object or an array"),
            "{}",
            bad.message
        );
    }

    #[test]
    fn cloudtrail_logs_are_wrapped_and_unreadable_sources_say_where() {
        let rules = read_rules(
            "r.json",
            r#"{"eventName": {"detail": {"eventName": ["CreateBucket"]}}}"#,
        );
        assert_eq!(rules.names, ["eventName"]);
        let log = r#"{"Records": [{"eventVersion": "1.08", "eventSource": "s3.amazonaws.com", "eventName": "CreateBucket", "awsRegion": "us-east-1", "eventTime": "2026-01-01T00:00:00Z", "eventType": "AwsApiCall", "recipientAccountId": "123456789012"}]}"#;
        let job = run(&rules, log);
        assert_eq!(job.rows.len(), 1);
        assert!(job.rows[0]
            .event
            .contains("\"detail-type\":\"AWS API Call via CloudTrail\""));
        assert_eq!(job.rows[0].matched, Ok(vec![0]));
        let broken = read_rules(PASTED, "{\"a\": [1]}\n{\"b\": ");
        assert!(broken.error.is_some() || !broken.problems.is_empty());
    }

    #[test]
    fn events_are_described_by_their_identity_fields() {
        let ev = r#"{"source": "aws.s3", "detail-type": "AWS API Call via CloudTrail", "detail": {"eventName": "CreateBucket"}}"#;
        assert_eq!(
            describe(ev),
            "CreateBucket · AWS API Call via CloudTrail · aws.s3"
        );
        assert_eq!(describe(r#"{"source": 5}"#), "");
        assert_eq!(describe("not json"), "");
    }

    #[test]
    fn repeated_names_keep_both_rules() {
        let rules = read_rules(
            PASTED,
            r#"{"a": {"source": ["x"]}, "a": {"source": ["y"]}}"#,
        );
        assert_eq!(rules.names, ["a", "a (2)"]);
        let job = run(&rules, "{\"source\": \"y\"}");
        assert_eq!(job.rows[0].matched, Ok(vec![1]));
    }

    #[test]
    fn ten_thousand_events_by_a_hundred_rules() {
        let rules: String = (0..100)
            .map(|i| format!("{{\"detail\": {{\"n\": [{i}]}}}}\n"))
            .collect();
        let rules = read_rules(PASTED, &rules);
        assert_eq!(rules.names.len(), 100);
        let events: String = (0..10_000)
            .map(|i| format!("{{\"detail\": {{\"n\": {}}}}}\n", i % 200))
            .collect();
        let job = run(&rules, &events);
        let s = summarise(&job.rows, 100);
        assert_eq!(
            (s.events, s.matches, s.never_fire, s.uncaught),
            (10_000, 5_000, 0, 5_000)
        );
    }
}
