//! The shared corpora (see `corpus`) run natively and, compiled to wasm32,
//! in a browser: every case's verdict and AWS reason text, and the trace's
//! verdict against the fast matcher's.

use crate::corpus::Corpus;
#[cfg(not(target_arch = "wasm32"))]
use crate::corpus::{CONFORMANCE, DIFFERENTIAL, ENGINE};
use eventpattern::Pattern;

struct Outcome {
    total: usize,
    failures: Vec<String>,
}

fn run_corpus(corpus: &Corpus) -> Outcome {
    let mut failures = Vec::new();
    let mut total = 0;
    for case in corpus.cases() {
        total += 1;
        let id = &case.id;
        let (pattern_text, event_text) = (&case.pattern, &case.event);
        let expected = case.expected.as_str();
        match (Pattern::parse(pattern_text), expected) {
            (Err(e), "invalid") => {
                if let Some(reason) = &case.error_reason {
                    if &e.reason != reason {
                        failures.push(format!(
                            "{id}: reason\n    expected: {reason}\n    actual:   {}",
                            e.reason
                        ));
                    }
                }
            }
            (Err(e), _) => failures.push(format!(
                "{id}: expected {expected}, got invalid: {}",
                e.reason
            )),
            (Ok(_), "invalid") => failures.push(format!(
                "{id}: expected invalid ({}), got a valid pattern",
                case.error_reason.as_deref().unwrap_or("")
            )),
            (Ok(p), _) => {
                let verdict = p.matches(event_text).expect("corpus events are objects");
                let want = expected == "match";
                if verdict != want {
                    failures.push(format!(
                        "{id}: expected {expected}, got {}",
                        if verdict { "match" } else { "no-match" }
                    ));
                }
                let trace = p.explain(event_text).expect("corpus events are objects");
                if trace.matched != verdict {
                    failures.push(format!(
                        "{id}: matcher says {verdict}, explainer says {}",
                        trace.matched
                    ));
                }
            }
        }
    }
    Outcome { total, failures }
}

/// Runs one corpus; every case must give AWS's answer.
pub fn check(corpus: &Corpus) {
    let (name, at_least) = (corpus.name, corpus.at_least);
    let o = run_corpus(corpus);
    let failed = o.failures.len();
    for f in &o.failures {
        eprintln!("FAIL {f}");
    }
    eprintln!("{name}: {} passed, {failed} failed", o.total - failed);
    assert!(o.total >= at_least, "{name} has {} cases", o.total);
    assert_eq!(failed, 0, "{failed} {name} failures");
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn conformance_corpus() {
    check(&CONFORMANCE);
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn differential_corpus() {
    check(&DIFFERENTIAL);
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn engine_corpus() {
    check(&ENGINE);
}

/// Inputs that would overflow a small Wasm stack if any layer recursed on them.
pub fn limits() {
    let p = Pattern::parse(r#"{"detail": {"k": [{"prefix": "v"}]}}"#).unwrap();
    let deep = format!(
        "{{\"x\": {}1{}, \"detail\": {{\"k\": \"v1\"}}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    assert!(p.matches(&deep).unwrap());
    assert!(p.explain(&deep).unwrap().matched);
    let deep_objects = format!(
        "{{\"detail\": {{\"k\": \"v\"}}, \"a\": {}1{}}}",
        "{\"a\": ".repeat(100_000),
        "}".repeat(100_000)
    );
    assert!(p.matches(&deep_objects).unwrap());
    let deep_pattern = format!("{}\"a\": [1]{}", "{\"a\":".repeat(5_000), "}".repeat(5_000));
    assert_eq!(
        Pattern::parse(&deep_pattern).unwrap_err().kind,
        eventpattern::ErrorKind::TooLong
    );
    // A pattern as deep as AWS's 4,096 characters allow with one-letter keys
    // (680 objects), through every layer that walks the pattern or its
    // example event.
    let levels = 680;
    let deepest = format!("{}[\"x\"]{}", "{\"a\":".repeat(levels), "}".repeat(levels));
    assert!(deepest.len() <= 4096);
    let p_deep = Pattern::parse(&deepest).unwrap();
    let event = format!("{}\"x\"{}", "{\"a\":".repeat(levels), "}".repeat(levels));
    assert!(p_deep.matches(&event).unwrap());
    assert!(p_deep.explain(&event).unwrap().matched);
    let example = eventpattern::example::example_event(&p_deep).unwrap();
    assert!(p_deep.matches(&example).unwrap());
    let _ = eventpattern::lint::lint(&p_deep);
    let trace = p_deep.explain("{}").unwrap();
    let _ = eventpattern::render::trace_text(&p_deep, &deepest, &trace, false);
    assert!(Pattern::parse(&eventpattern::json::format(&deepest).unwrap()).is_err());
    let copy = p_deep.clone();
    drop(p_deep);
    assert!(copy.matches(&event).unwrap());
    assert_eq!(copy.tree().root.members.len(), 1);
    let big = format!(
        "{{\"pad\": \"{}\", \"detail\": {{\"k\": \"v\"}}}}",
        "x".repeat(10_000_000)
    );
    assert!(p.matches(&big).unwrap());
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn deep_and_large_inputs() {
    limits();
}

/// The deep cases again on a 256 KiB stack (a quarter of a Wasm page's
/// default): a layer that recursed on the nesting would overflow it.
#[cfg(not(target_arch = "wasm32"))]
#[test]
fn deep_inputs_need_no_deep_stack() {
    std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(limits)
        .unwrap()
        .join()
        .unwrap();
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn example_events_exist_for_corpus_patterns() {
    let (mut valid, mut found) = (0, 0);
    for case in CONFORMANCE.cases() {
        let text = case.pattern;
        if let Ok(p) = Pattern::parse(&text) {
            valid += 1;
            if let Some(ev) = eventpattern::example::example_event(&p) {
                assert!(p.matches(&ev).unwrap(), "{text}\n{ev}");
                found += 1;
            }
        }
    }
    eprintln!("example events: {found} of {valid} valid corpus patterns");
    assert!(found * 100 >= valid * 95, "only {found} of {valid}");
}
