//! `RuleSet` against the engine's own verdicts: the set must answer exactly
//! what evaluating every pattern alone answers (its index may only prune),
//! over the conformance corpora and a sample of the shared benchmark
//! workload; and its insert / replace / remove keep names, order and results.

use crate::corpus::{CONFORMANCE, DIFFERENTIAL, ENGINE};
use eventpattern::{Pattern, PatternSet, RuleSet};

/// The valid patterns and all events of the corpora, in order.
fn corpus() -> (Vec<Pattern>, Vec<String>) {
    let mut patterns = Vec::new();
    let mut events = Vec::new();
    for corpus in [CONFORMANCE, DIFFERENTIAL, ENGINE] {
        for case in corpus.cases() {
            if let Ok(p) = Pattern::parse(&case.pattern) {
                patterns.push(p);
            }
            events.push(case.event);
        }
    }
    (patterns, events)
}

/// Per event: the indexes of the patterns that match alone, or `None` when
/// some pattern cannot read the event.
fn one_by_one(patterns: &[Pattern], event: &str) -> Option<Vec<usize>> {
    let mut out = Vec::new();
    for (i, p) in patterns.iter().enumerate() {
        if p.matches(event).ok()? {
            out.push(i);
        }
    }
    Some(out)
}

/// Builds the set twice (all at once, and rule by rule, which indexes each
/// rule knowing only those before it) and checks both against the patterns
/// alone on every event. Returns the number of matches.
fn assert_agrees(patterns: &[Pattern], events: &[impl AsRef<str>]) -> usize {
    let named = |i: usize| format!("rule-{i}");
    let at_once: RuleSet = patterns
        .iter()
        .enumerate()
        .map(|(i, p)| (named(i), p.clone()))
        .collect();
    let mut one_at_a_time = RuleSet::new();
    for (i, p) in patterns.iter().enumerate() {
        assert!(one_at_a_time.insert(named(i), p.clone()).is_none());
    }
    let mut matches = 0;
    for event in events {
        let event = event.as_ref();
        let expected = one_by_one(patterns, event);
        for set in [&at_once, &one_at_a_time] {
            match (&expected, set.matching_indexes(event)) {
                (Some(want), Ok(got)) => assert_eq!(&got, want, "event {event}"),
                (None, Err(_)) => {}
                (want, got) => panic!("event {event}: alone {want:?}, set {got:?}"),
            }
        }
        if let Some(want) = expected {
            let names: Vec<String> = want.iter().map(|&i| named(i)).collect();
            assert_eq!(at_once.matching(event).unwrap(), names);
            matches += want.len();
        }
    }
    matches
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn conformance_corpora_grouped_into_sets() {
    let (patterns, events) = corpus();
    assert!(patterns.len() > 700, "{} valid patterns", patterns.len());
    let mut matches = 0;
    // Groups of neighbouring cases (they share operators and paths), and a
    // second cut at another size so different rules compete for keys.
    for size in [40, 7] {
        for (p_chunk, e_chunk) in patterns.chunks(size).zip(events.chunks(size)) {
            matches += assert_agrees(p_chunk, e_chunk);
        }
    }
    assert!(matches > 1000, "{matches} matches");
}

/// The committed sample of the shared workload (`bench/sample`: 300 events
/// and 200 rules of each mix, from `gen_workload.py --events 300 --patterns 200`).
const EVENTS: &str = include_str!("../../../../bench/sample/events.jsonl");
const BIG_EVENT: &str = include_str!("../../../../bench/sample/big_event.json");
const FULL_RULES: &str = include_str!("../../../../bench/sample/patterns.jsonl");
const COMMON_RULES: &str = include_str!("../../../../bench/sample/patterns_common.jsonl");

fn lines(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn workload_sample_full_and_common_rules() {
    let mut events = lines(EVENTS);
    events.push(BIG_EVENT.to_string());
    for (file, rules, at_least) in [
        ("patterns.jsonl", FULL_RULES, 150),
        ("patterns_common.jsonl", COMMON_RULES, 150),
    ] {
        let patterns: Vec<Pattern> = lines(rules)
            .iter()
            .map(|t| Pattern::parse(t).expect("workload rules are valid"))
            .collect();
        assert_eq!(patterns.len(), 200);
        let matches = assert_agrees(&patterns, &events);
        assert!(matches >= at_least, "{file}: {matches} matches");
    }
}

#[test]
fn values_are_compared_as_the_engine_compares_them() {
    let patterns: Vec<Pattern> = [
        r#"{"n": [5]}"#,
        r#"{"n": [0]}"#,
        r#"{"n": [9007199254740993]}"#,
        r#"{"s": [{"equals-ignore-case": "AbC"}]}"#,
        r#"{"s": [{"equals-ignore-case": "straße"}]}"#,
        r#"{"s": [{"prefix": {"equals-ignore-case": "PRE"}}]}"#,
        r#"{"s": [{"suffix": {"equals-ignore-case": ".PNG"}}]}"#,
        r#"{"s": [{"suffix": ".txt"}, "exact"]}"#,
        r#"{"s": [{"wildcard": "a*z"}]}"#,
        r#"{"s": [{"wildcard": "literal"}]}"#,
        r#"{"s": [{"wildcard": "*.png"}]}"#,
        r#"{"s": [{"wildcard": "*"}]}"#,
        r#"{"s": [{"prefix": ""}], "n": [{"suffix": ""}]}"#,
        r#"{"ip": ["10.0.0.1"]}"#,
        r#"{"ip": [{"cidr": "10.0.0.0/24"}]}"#,
        r#"{"b": [true], "z": [null]}"#,
        r#"{"s": [{"anything-but": "abc"}]}"#,
        r#"{"s": [{"exists": false}]}"#,
        r#"{"s": [{"exists": true}, {"exists": false}]}"#,
        r#"{"s": [{"numeric": [">", 0]}, {"exists": false}], "n": [5]}"#,
        r#"{"$or": [{"s": ["x"]}, {"t": [{"exists": false}]}]}"#,
        r#"{"a": {"f": ["Anna"], "l": ["Smith"]}}"#,
        r#"{"a": {"f": ["Anna"], "l": [{"exists": false}]}}"#,
    ]
    .iter()
    .map(|t| Pattern::parse(t).unwrap())
    .collect();
    let events = [
        r#"{"n": 5.0}"#,
        r#"{"n": 5e0, "s": "x"}"#,
        r#"{"n": -0}"#,
        r#"{"n": 9007199254740993}"#,
        r#"{"n": 9007199254740992}"#,
        r#"{"s": "aBc", "t": 1}"#,
        r#"{"s": "STRASSE"}"#,
        r#"{"s": "STRAßE"}"#,
        r#"{"s": "prefixed"}"#,
        r#"{"s": "image.png"}"#,
        r#"{"s": "notes.txt"}"#,
        r#"{"s": ["exact", "abc"]}"#,
        r#"{"s": "abcz"}"#,
        r#"{"s": "literal"}"#,
        r#"{"ip": "10.0.0.01"}"#,
        r#"{"ip": "10.0.0.1"}"#,
        r#"{"b": true, "z": null}"#,
        r#"{"b": [false, true], "z": [1, null]}"#,
        r#"{"a": [{"f": "Anna", "l": "Jones"}, {"f": "Peter", "l": "Smith"}]}"#,
        r#"{"a": [{"f": "Anna"}, {"f": "Peter", "l": "Smith"}]}"#,
        r#"{"a": [{"f": "Anna", "l": "Smith"}]}"#,
        r#"{}"#,
        r#"{"n": 5"#,
        r#"[1]"#,
    ];
    let matches = assert_agrees(&patterns, &events);
    assert!(matches > 30, "{matches}");
}

#[test]
fn numbers_match_by_value() {
    let set: RuleSet = [("five".to_string(), Pattern::parse(r#"{"n": [5]}"#).unwrap())]
        .into_iter()
        .collect();
    assert_eq!(set.matching(r#"{"n": 5.0}"#).unwrap(), vec!["five"]);
    assert_eq!(set.matching(r#"{"n": 50e-1}"#).unwrap(), vec!["five"]);
    assert!(set.matching(r#"{"n": "5"}"#).unwrap().is_empty());
}

fn p(text: &str) -> Pattern {
    Pattern::parse(text).unwrap()
}

#[test]
fn insert_replace_remove_keep_names_and_order() {
    let mut set = RuleSet::new();
    assert!(set.is_empty());
    assert!(set.insert("ec2", p(r#"{"source": ["aws.ec2"]}"#)).is_none());
    assert!(set.insert("s3", p(r#"{"source": ["aws.s3"]}"#)).is_none());
    assert!(set
        .insert("any", p(r#"{"source": [{"prefix": "aws."}]}"#))
        .is_none());
    assert_eq!(set.len(), 3);
    assert_eq!(set.names().collect::<Vec<_>>(), ["ec2", "s3", "any"]);
    let ec2 = r#"{"source": "aws.ec2"}"#;
    let s3 = r#"{"source": "aws.s3"}"#;
    assert_eq!(set.matching(ec2).unwrap(), ["ec2", "any"]);
    assert_eq!(set.matching_indexes(s3).unwrap(), [1, 2]);

    // Replacing keeps the position and returns the old pattern.
    let old = set.insert(
        "ec2",
        p(r#"{"source": ["aws.s3"], "n": [{"exists": false}]}"#),
    );
    assert_eq!(old.unwrap().tree().leaves[0].joined, "source");
    assert_eq!(set.names().collect::<Vec<_>>(), ["ec2", "s3", "any"]);
    assert_eq!(set.matching(ec2).unwrap(), ["any"]);
    assert_eq!(set.matching(s3).unwrap(), ["ec2", "s3", "any"]);
    assert_eq!(set.get("ec2").unwrap().tree().leaves.len(), 2);

    // Removing shifts the later indexes; a new rule goes last.
    assert!(set.remove("s3").is_some());
    assert!(set.remove("s3").is_none());
    assert!(set.get("s3").is_none());
    assert_eq!(set.matching_indexes(s3).unwrap(), [0, 1]);
    set.insert("new", p(r#"{"source": ["aws.ec2"]}"#));
    assert_eq!(set.names().collect::<Vec<_>>(), ["ec2", "any", "new"]);
    assert_eq!(set.matching(ec2).unwrap(), ["any", "new"]);
    assert_eq!(set.matching_indexes(ec2).unwrap(), [1, 2]);
    assert_eq!(
        set.iter().map(|(n, _)| n).collect::<Vec<_>>(),
        ["ec2", "any", "new"]
    );

    for name in ["ec2", "any", "new"] {
        assert!(set.remove(name).is_some());
    }
    assert!(set.is_empty());
    assert!(set.matching(ec2).unwrap().is_empty());
    assert!(set.matching("not json").is_err());
}

#[test]
fn duplicate_names_in_one_build_keep_the_first_place() {
    let set: RuleSet = [
        ("a".to_string(), p(r#"{"x": [1]}"#)),
        ("b".to_string(), p(r#"{"x": [2]}"#)),
        ("a".to_string(), p(r#"{"x": [3]}"#)),
    ]
    .into_iter()
    .collect();
    assert_eq!(set.names().collect::<Vec<_>>(), ["a", "b"]);
    assert!(set.matching(r#"{"x": 1}"#).unwrap().is_empty());
    assert_eq!(set.matching(r#"{"x": [3, 2]}"#).unwrap(), ["a", "b"]);
}

#[test]
fn edits_agree_with_a_fresh_build() {
    // Many edits on one set (replacing, removing, re-adding) against the
    // workload sample: the result equals a set built from the final rules.
    let rules: Vec<Pattern> = lines(FULL_RULES).iter().map(|t| p(t)).collect();
    let events = lines(EVENTS);
    let mut edited = RuleSet::new();
    for (i, r) in rules.iter().enumerate() {
        edited.insert(format!("r{}", i % 120), r.clone());
    }
    for i in (0..120).step_by(3) {
        edited.remove(&format!("r{i}"));
    }
    for i in (0..120).step_by(6) {
        edited.insert(format!("r{i}"), rules[i].clone());
    }
    let fresh: RuleSet = edited
        .iter()
        .map(|(n, p)| (n.to_string(), p.clone()))
        .collect();
    let alone: Vec<Pattern> = edited.iter().map(|(_, p)| p.clone()).collect();
    let list = PatternSet::new(alone.clone());
    let mut matches = 0;
    for e in &events {
        let want = one_by_one(&alone, e).unwrap();
        assert_eq!(edited.matching_indexes(e).unwrap(), want);
        assert_eq!(fresh.matching_indexes(e).unwrap(), want);
        assert_eq!(list.matching(e).unwrap(), want);
        matches += want.len();
    }
    assert!(matches > 50, "{matches}");
}

/// The speed in Wasm, beside the native `ruleset` bench (BENCHMARKS.md):
/// `cargo test --release -p eventpattern --target wasm32-unknown-unknown
/// --test suite -- --nocapture speed` runs it under Node (release builds
/// only, so the suite's debug run in scripts/test.sh stays quick). It reads the full
/// workload from `target/workload` if it was generated there (else the
/// committed sample), checks the set against the patterns alone on the first
/// 300 events, and prints µs per event, the big event, build and replace times.
#[cfg(all(target_arch = "wasm32", not(debug_assertions)))]
mod wasm_speed {
    use super::*;
    use wasm_bindgen::prelude::wasm_bindgen;
    use wasm_bindgen_test::{console_log, wasm_bindgen_test};

    #[wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(js_namespace = performance)]
        fn now() -> f64;
    }

    #[wasm_bindgen(module = "fs")]
    extern "C" {
        #[wasm_bindgen(js_name = readFileSync, catch)]
        fn read_file_sync(path: &str, encoding: &str) -> Result<String, wasm_bindgen::JsValue>;
    }

    fn workload(name: &str, sample: &str) -> String {
        let path = format!(
            "{}/../../target/workload/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        read_file_sync(&path, "utf8").unwrap_or_else(|_| sample.to_string())
    }

    fn median(mut v: Vec<f64>) -> f64 {
        v.sort_by(|a, b| a.partial_cmp(b).unwrap());
        v[v.len() / 2]
    }

    #[wasm_bindgen_test]
    fn speed_on_the_workload() {
        let events_text = workload("events.jsonl", EVENTS);
        let events = lines(&events_text);
        let big = workload("big_event.json", BIG_EVENT);
        for (file, sample) in [
            ("patterns.jsonl", FULL_RULES),
            ("patterns_common.jsonl", COMMON_RULES),
        ] {
            let rules: Vec<(String, Pattern)> = lines(&workload(file, sample))
                .iter()
                .enumerate()
                .map(|(i, t)| (format!("line-{}", i + 1), Pattern::parse(t).unwrap()))
                .collect();
            let mut builds = Vec::new();
            let mut set = RuleSet::new();
            for _ in 0..5 {
                let copy = rules.clone();
                let t = now();
                set = copy.into_iter().collect();
                builds.push(now() - t);
            }
            let alone: Vec<Pattern> = rules.iter().map(|(_, p)| p.clone()).collect();
            for e in events.iter().take(300) {
                assert_eq!(set.matching_indexes(e).ok(), one_by_one(&alone, e));
            }
            let mut passes = Vec::new();
            let mut hits = 0;
            for _ in 0..5 {
                hits = 0;
                let t = now();
                for e in &events {
                    hits += set.matching_indexes(e).unwrap().len();
                }
                passes.push((now() - t) * 1e3 / events.len() as f64);
            }
            let mut big_times = Vec::new();
            for _ in 0..5 {
                let t = now();
                set.matching_indexes(&big).unwrap();
                big_times.push(now() - t);
            }
            let mut replaces = Vec::new();
            for (k, (name, pattern)) in rules.iter().enumerate().take(200) {
                let other = rules[(k * 7 + 3) % rules.len()].1.clone();
                let t = now();
                set.insert(name.clone(), other);
                replaces.push((now() - t) * 1e3);
                set.insert(name.clone(), pattern.clone());
            }
            console_log!(
                "wasm {file}: {} rules, {} events: {:.2} µs/event ({hits} matches), big event {:.3} ms, build {:.2} ms, replace {:.2} µs",
                rules.len(),
                events.len(),
                median(passes),
                median(big_times),
                median(builds),
                median(replaces)
            );
        }
    }
}
