//! One regression test per defect of the hostile-input audit (issue 11).
//! Timing checks take the fastest of a few runs and use bounds far above the
//! expected figure, so a busy machine does not make them flaky.

// Tests time themselves; the library may not (clippy.toml).
#![allow(clippy::disallowed_types)]

use eventpattern::{Pattern, PatternSet};
use std::time::{Duration, Instant};

/// The fastest of three runs of `f`.
fn fastest<T>(mut f: impl FnMut() -> T) -> Duration {
    (0..3)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed()
        })
        .min()
        .expect("three runs")
}

/// `matches`, the trace and `PatternSet` give one verdict.
fn verdict(pattern: &str, event: &str) -> bool {
    let p = Pattern::parse(pattern).unwrap();
    let fast = p.matches(event).unwrap();
    assert_eq!(p.explain(event).unwrap().matched, fast, "trace disagrees");
    let set = PatternSet::new(vec![p]);
    assert_eq!(
        !set.matching(event).unwrap().is_empty(),
        fast,
        "set disagrees"
    );
    fast
}

fn array_event(elements: &[String]) -> String {
    format!(r#"{{"detail":{{"a":[{}]}}}}"#, elements.join(","))
}

#[test]
fn defect_4_alternating_elements_are_decided_in_linear_time() {
    let elements: Vec<String> = (0..10_000)
        .map(|i| format!(r#"{{"f{}":"x"}}"#, i % 2))
        .collect();
    let event = array_event(&elements);
    let pattern = r#"{"detail":{"a":{"f0":["x"],"f1":["x"]}}}"#;
    assert!(!verdict(pattern, &event));
    // Compared with reading the same values for a one-field pattern, so the
    // bound holds in debug and release builds alike (the quadratic search
    // took over a hundred times as long; the margin absorbs a loaded machine).
    let baseline = Pattern::parse(r#"{"detail":{"a":{"f0":["x"]}}}"#).unwrap();
    let base = fastest(|| baseline.matches(&event).unwrap());
    let p = Pattern::parse(pattern).unwrap();
    let took = fastest(|| p.matches(&event).unwrap());
    assert!(
        took < base * 30 + Duration::from_millis(20),
        "matches took {took:?}, reading {base:?}"
    );
    let took = fastest(|| p.explain(&event).unwrap());
    assert!(
        took < base * 60 + Duration::from_millis(20),
        "explain took {took:?}, reading {base:?}"
    );
}

#[test]
fn defect_4_search_budget_never_answers_no_match() {
    // 50 fields; every element lacks one of them except the last. The old
    // search ran out of steps long before the last element and said NO MATCH.
    let fields = 50;
    let mut elements: Vec<String> = (0..5_000)
        .map(|i| {
            let kv: Vec<String> = (0..fields)
                .filter(|f| f != &(i % fields))
                .map(|f| format!(r#""f{f}":"x""#))
                .collect();
            format!("{{{}}}", kv.join(","))
        })
        .collect();
    let pattern = format!(
        r#"{{"detail":{{"a":{{{}}}}}}}"#,
        (0..fields)
            .map(|f| format!(r#""f{f}":["x"]"#))
            .collect::<Vec<_>>()
            .join(",")
    );
    assert!(!verdict(&pattern, &array_event(&elements)));
    let all: Vec<String> = (0..fields).map(|f| format!(r#""f{f}":"x""#)).collect();
    elements.push(format!("{{{}}}", all.join(",")));
    assert!(verdict(&pattern, &array_event(&elements)));
}

/// A tiny deterministic generator (no dependency).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

/// Random nested arrays of objects: a value of `a`/`b`/`c`, or an array.
fn random_value(rng: &mut Lcg, depth: u32) -> String {
    if depth > 2 || rng.below(3) == 0 {
        return format!("\"{}\"", ["x", "y"][rng.below(2) as usize]);
    }
    let n = 1 + rng.below(3);
    let elements: Vec<String> = (0..n)
        .map(|_| {
            let mut keys = Vec::new();
            for k in ["a", "b", "c"] {
                if rng.below(2) == 0 {
                    keys.push(format!("\"{k}\":{}", random_value(rng, depth + 1)));
                }
            }
            format!("{{{}}}", keys.join(","))
        })
        .collect();
    format!("[{}]", elements.join(","))
}

/// Every assignment of one value per field, checked pairwise: the definition.
fn brute_force(pattern_fields: &[&str], event: &serde_json::Value) -> bool {
    // Each candidate: its trail of (array pointer, element index).
    fn collect(
        v: &serde_json::Value,
        path: &[&str],
        trail: &mut Vec<(usize, usize)>,
        out: &mut Vec<Vec<(usize, usize)>>,
    ) {
        match v {
            serde_json::Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    trail.push((v as *const _ as usize, i));
                    collect(item, path, trail, out);
                    trail.pop();
                }
            }
            serde_json::Value::Object(map) if !path.is_empty() => {
                if let Some(child) = map.get(path[0]) {
                    collect(child, &path[1..], trail, out);
                }
            }
            serde_json::Value::String(s) if path.is_empty() && s == "x" => out.push(trail.clone()),
            _ => {}
        }
    }
    let candidates: Vec<Vec<Vec<(usize, usize)>>> = pattern_fields
        .iter()
        .map(|f| {
            let path: Vec<&str> = f.split('.').collect();
            let mut out = Vec::new();
            collect(event, &path, &mut Vec::new(), &mut out);
            out
        })
        .collect();
    fn compatible(a: &[(usize, usize)], b: &[(usize, usize)]) -> bool {
        for (x, y) in a.iter().zip(b) {
            if x.0 != y.0 {
                return true;
            }
            if x.1 != y.1 {
                return false;
            }
        }
        true
    }
    fn pick(c: &[Vec<Vec<(usize, usize)>>], chosen: &mut Vec<Vec<(usize, usize)>>) -> bool {
        let Some(options) = c.get(chosen.len()) else {
            return true;
        };
        for o in options {
            if chosen.iter().all(|p| compatible(p, o)) {
                chosen.push(o.clone());
                if pick(c, chosen) {
                    return true;
                }
                chosen.pop();
            }
        }
        false
    }
    pick(&candidates, &mut Vec::new())
}

#[test]
fn defect_4_element_join_agrees_with_brute_force() {
    let mut rng = Lcg(11);
    let field_sets: [&[&str]; 4] = [
        &["d.a", "d.b"],
        &["d.a.a", "d.a.b", "d.b"],
        &["d.a.a", "d.a.b.c", "d.c.a"],
        &["d.a", "d.b.a", "d.b.b", "d.c"],
    ];
    for round in 0..600 {
        let fields = field_sets[round % field_sets.len()];
        let keys: Vec<String> = ["a", "b", "c"]
            .iter()
            .map(|k| format!("\"{k}\":{}", random_value(&mut rng, 0)))
            .collect();
        let event = format!("{{\"d\":{{{}}}}}", keys.join(","));
        // Nested pattern objects for dotted paths.
        let mut pattern = serde_json::Map::new();
        for f in fields {
            let mut node = &mut pattern;
            let parts: Vec<&str> = f.split('.').collect();
            for p in &parts[..parts.len() - 1] {
                node = node
                    .entry(p.to_string())
                    .or_insert_with(|| serde_json::json!({}))
                    .as_object_mut()
                    .unwrap();
            }
            node.insert(parts[parts.len() - 1].into(), serde_json::json!(["x"]));
        }
        let pattern = serde_json::Value::Object(pattern).to_string();
        let expected = brute_force(fields, &serde_json::from_str(&event).unwrap());
        assert_eq!(verdict(&pattern, &event), expected, "{pattern} / {event}");
    }
}

#[test]
fn defect_5_wildcard_complexity_is_checked_quickly() {
    // A 2.2 KB wildcard whose state sets are all different: the visited sets
    // were scanned linearly (0.65 s in release).
    let mut rng = Lcg(5);
    let piece: String = (0..1070)
        .map(|_| (b'!' + rng.below(90) as u8) as char)
        .filter(|c| !matches!(c, '*' | '\\' | '"'))
        .collect();
    let pattern = format!(r#"{{"detail":{{"k":[{{"wildcard":"{piece}*{piece}"}}]}}}}"#);
    assert!(Pattern::parse(&pattern).is_ok());
    let took = fastest(|| Pattern::parse(&pattern).is_ok());
    assert!(took < Duration::from_millis(100), "parse took {took:?}");
}

/// The text without whitespace outside strings.
fn compact(json: &str) -> String {
    let (mut out, mut in_string, mut escaped) = (String::new(), false, false);
    for c in json.chars() {
        if in_string {
            in_string = escaped || c != '"';
            escaped = !escaped && c == '\\';
        } else if c.is_whitespace() {
            continue;
        } else {
            in_string = c == '"';
        }
        out.push(c);
    }
    out
}

#[test]
fn defect_6_formatting_is_linear_in_nesting_depth() {
    use eventpattern::json::{format, format_within, FormatError};
    use eventpattern::Encoding;
    let depth = 20_000;
    let event = format!(r#"{}"x y"{}"#, r#"{"a":"#.repeat(depth), "}".repeat(depth));
    let formatted = format(&event).unwrap();
    assert!(
        formatted.len() < 3 * event.len(),
        "{} bytes formatted from {}",
        formatted.len(),
        event.len()
    );
    assert_eq!(compact(&formatted), compact(&event));
    // A bound the caller sets is never passed silently.
    assert_eq!(
        format_within(&event, 4096, Encoding::Utf16),
        Err(FormatError::TooLong { limit: 4096 })
    );
    let pattern = r#"{"source":["aws.ec2"],"detail":{"state":["running","stopped"]}}"#;
    let pretty = format_within(pattern, 4096, Encoding::Utf16).unwrap();
    assert_eq!(compact(&pretty), compact(pattern));
    assert!(format_within(pattern, pattern.len(), Encoding::Utf16).is_err());
}

#[test]
fn defect_7_wrap_copies_only_the_record() {
    use eventpattern::cloudtrail::{to_event, wrap};
    let record =
        r#"{"eventSource":"s3.amazonaws.com","eventName":"CreateBucket","eventType":"AwsApiCall"}"#;
    for copied in [
        format!("{record},"),
        format!("  {record} ,\n"),
        record.to_string(),
    ] {
        let event = wrap(&copied).unwrap();
        let v: serde_json::Value = serde_json::from_str(&event).expect("valid JSON");
        assert_eq!(v["source"], "aws.s3");
        assert_eq!(v["detail"]["eventName"], "CreateBucket");
        assert_eq!(to_event(&copied).unwrap(), Some(event));
    }
}

#[test]
fn defect_3_one_recogniser_for_logs() {
    use eventpattern::cloudtrail::{shape, Shape};
    use eventpattern::splitter::Splitter;
    let record = r#"{"eventSource":"s3.amazonaws.com","eventName":"CreateBucket"}"#;
    let cases = [
        (format!(r#"{{"Records":[{record}]}}"#), Shape::Log),
        (
            format!(r#"{{"Records":[{record}],"detail-type":"x"}}"#),
            Shape::Log,
        ),
        (
            r#"{"Records":[{"s3":{}}],"source":"x","detail-type":"y"}"#.to_string(),
            Shape::Other,
        ),
        (
            format!(r#"{{"source":"x","Records":[{record}]}}"#),
            Shape::Other,
        ),
        (r#"{"Records":[]}"#.to_string(), Shape::Other),
        (record.to_string(), Shape::Record),
    ];
    for (text, expected) in cases {
        assert_eq!(shape(&text), expected, "{text}");
        let items: Vec<_> = Splitter::split_all(text.as_bytes())
            .into_iter()
            .map(|i| i.unwrap())
            .collect();
        // The splitter cuts a log into its records, and leaves anything else whole.
        let split_as_log = items.iter().all(|i| i.cloudtrail);
        assert_eq!(split_as_log, expected == Shape::Log, "{text}");
    }
}
