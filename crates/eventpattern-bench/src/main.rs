//! Matching speed on the shared workload (`events.jsonl`, `seed_patterns.jsonl`,
//! `big_event.json` from `shared/bench/gen_workload.py`).
//!
//! `cargo run --release -p eventpattern-bench -- [WORKLOAD_DIR] [--passes N]`
//! (default: the committed sample in `bench/sample`). Prints the median and
//! the best of the passes: µs per event for each starter rule and for the
//! three together, and ms for the big event. A benchmark, not a test: nothing
//! here fails on time.

use eventpattern::Pattern;
use eventpattern_bench::{args, read, stats};
use std::time::Instant;

fn main() {
    let (dir, passes) = args(15);
    let read = |name: &str| read(&dir, name);
    let events_text = read("events.jsonl");
    let events: Vec<&str> = events_text.lines().filter(|l| !l.is_empty()).collect();
    let seeds_text = read("seed_patterns.jsonl");
    let seeds: Vec<Pattern> = seeds_text
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| Pattern::parse(l).expect("seed pattern is valid"))
        .collect();
    let big = read("big_event.json");
    let names = ["EC2 state change", "S3 CreateBucket", "Lambda ESM prefix"];
    println!("workload: {dir}");
    println!(
        "events: {} (mean {:.0} B), big event: {} B, passes: {passes}",
        events.len(),
        events_text.len() as f64 / events.len() as f64,
        big.len()
    );

    // Times one pass over all events; `matches` counts the matches of one event.
    let time_events = |matches: &dyn Fn(&str) -> usize| -> ((f64, f64), usize) {
        let mut per_pass = Vec::new();
        let mut hits = 0;
        for _ in 0..passes {
            hits = 0;
            let t = Instant::now();
            for e in &events {
                hits += matches(e);
            }
            per_pass.push(t.elapsed().as_secs_f64() * 1e6 / events.len() as f64);
        }
        (stats(per_pass), hits)
    };
    let report = |name: &str, ((us, best), hits): ((f64, f64), usize)| {
        println!("{name:<22} {us:>7.3} µs/event  best {best:>6.3}  ({hits} matches)");
    };
    let matched =
        |p: &Pattern, e: &str| usize::from(p.matches(e).expect("workload events are objects"));
    for (p, name) in seeds.iter().zip(names) {
        report(name, time_events(&|e| matched(p, e)));
    }
    report(
        "all three",
        time_events(&|e| seeds.iter().map(|p| matched(p, e)).sum()),
    );
    let set = eventpattern::PatternSet::new(seeds.clone());
    report(
        "all three, one pass",
        time_events(&|e| set.matching(e).expect("workload events are objects").len()),
    );

    for (p, name) in seeds.iter().zip(names) {
        let mut per_pass = Vec::new();
        for _ in 0..passes {
            let t = Instant::now();
            let _ = p.matches(&big).expect("big event is an object");
            per_pass.push(t.elapsed().as_secs_f64() * 1e3);
        }
        let (med, best) = stats(per_pass);
        println!("big event, {name:<17} {med:>7.3} ms  best {best:>6.3}");
    }
    let mut per_pass = Vec::new();
    for _ in 0..passes.min(5) {
        let t = Instant::now();
        let _ = seeds[0].explain(&big).expect("big event is an object");
        per_pass.push(t.elapsed().as_secs_f64() * 1e3);
    }
    let (med, best) = stats(per_pass);
    println!("big event, full trace       {med:>7.3} ms  best {best:>6.3}");
}
