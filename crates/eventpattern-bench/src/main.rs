//! Matching speed on the shared workload (`events.jsonl`, `seed_patterns.jsonl`,
//! `big_event.json` from `shared/bench/gen_workload.py`).
//!
//! `cargo run --release -p eventpattern-bench -- [WORKLOAD_DIR] [--passes N]`
//! (default: the committed sample in `bench/sample`). Prints the median over
//! the passes: µs per event for each starter rule and for the three together,
//! and ms for the big event. A benchmark, not a test: nothing here fails on time.

use eventpattern::Pattern;
use std::time::Instant;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../bench/sample").to_string();
    let mut passes = 15usize;
    let mut i = 0;
    while i < args.len() {
        if args[i] == "--passes" {
            passes = args
                .get(i + 1)
                .and_then(|s| s.parse().ok())
                .unwrap_or(passes);
            i += 1;
        } else {
            dir = args[i].clone();
        }
        i += 1;
    }
    let read = |name: &str| {
        std::fs::read_to_string(format!("{dir}/{name}"))
            .unwrap_or_else(|e| panic!("cannot read {dir}/{name}: {e}"))
    };
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

    let time_events = |rules: &[&Pattern]| -> (f64, usize) {
        let mut per_pass = Vec::new();
        let mut hits = 0;
        for _ in 0..passes {
            hits = 0;
            let t = Instant::now();
            for e in &events {
                for r in rules {
                    if r.matches(e).expect("workload events are objects") {
                        hits += 1;
                    }
                }
            }
            per_pass.push(t.elapsed().as_secs_f64() * 1e6 / events.len() as f64);
        }
        (median(per_pass), hits)
    };
    for (p, name) in seeds.iter().zip(names) {
        let (us, hits) = time_events(&[p]);
        println!("{name:<22} {us:>7.3} µs/event   ({hits} matches)");
    }
    let all: Vec<&Pattern> = seeds.iter().collect();
    let (us, hits) = time_events(&all);
    println!("{:<22} {us:>7.3} µs/event   ({hits} matches)", "all three");

    for (p, name) in seeds.iter().zip(names) {
        let mut per_pass = Vec::new();
        for _ in 0..passes {
            let t = Instant::now();
            let _ = p.matches(&big).expect("big event is an object");
            per_pass.push(t.elapsed().as_secs_f64() * 1e3);
        }
        println!("big event, {name:<17} {:>7.3} ms", median(per_pass));
    }
    let mut per_pass = Vec::new();
    for _ in 0..passes.min(5) {
        let t = Instant::now();
        let _ = seeds[0].explain(&big).expect("big event is an object");
        per_pass.push(t.elapsed().as_secs_f64() * 1e3);
    }
    println!("big event, full trace       {:>7.3} ms", median(per_pass));
}
