//! `RuleSet` speed on the shared workload: µs per event for the full and the
//! common rules, ms for the big event, the time to build the set and to
//! insert or replace one rule.
//!
//! `cargo run --release -p eventpattern-bench --bin ruleset -- [WORKLOAD_DIR] [--passes N]`
//! (default: the committed sample in `bench/sample`, 200 rules per file;
//! the full workload comes from `python3 ../shared/bench/gen_workload.py target/workload`).
//! A benchmark, not a test: nothing here fails on time.

use eventpattern::{Pattern, RuleSet};
use eventpattern_bench::{args, read, stats};
use std::time::Instant;

fn main() {
    let (dir, passes) = args(9);
    let read = |name: &str| read(&dir, name);
    let events_text = read("events.jsonl");
    let events: Vec<&str> = events_text.lines().filter(|l| !l.is_empty()).collect();
    let big = read("big_event.json");
    println!("workload: {dir}");
    println!(
        "events: {} (mean {:.0} B), big event: {} B, passes: {passes}",
        events.len(),
        events_text.len() as f64 / events.len() as f64,
        big.len()
    );

    // A yardstick measured in the same run (the machine is shared and
    // noisy): the EC2 starter rule alone, whose quiet-machine figure is in
    // BENCHMARKS.md.
    let seed = Pattern::parse(read("seed_patterns.jsonl").lines().next().unwrap_or("{}"))
        .expect("seed pattern is valid");
    let mut per_event = Vec::new();
    for _ in 0..passes {
        let t = Instant::now();
        for e in &events {
            let _ = seed.matches(e);
        }
        per_event.push(t.elapsed().as_secs_f64() * 1e6 / events.len() as f64);
    }
    let (med, best) = stats(per_event);
    println!("yardstick: EC2 starter rule alone {med:.2} µs/event   best {best:.2}");
    let mut per_big = Vec::new();
    for _ in 0..passes {
        let t = Instant::now();
        let _ = seed.matches(&big);
        per_big.push(t.elapsed().as_secs_f64() * 1e3);
    }
    let (med, best) = stats(per_big);
    println!("yardstick: big event, EC2 starter rule alone {med:.3} ms   best {best:.3}");

    for file in ["patterns.jsonl", "patterns_common.jsonl"] {
        let text = read(file);
        let rules: Vec<(String, Pattern)> = text
            .lines()
            .filter(|l| !l.is_empty())
            .enumerate()
            .map(|(i, l)| {
                let p = Pattern::parse(l).unwrap_or_else(|e| panic!("{file}:{}: {e:?}", i + 1));
                (format!("line-{}", i + 1), p)
            })
            .collect();
        println!("\n{file}: {} rules", rules.len());

        let mut parse = Vec::new();
        let mut build = Vec::new();
        let mut set = RuleSet::new();
        for _ in 0..passes {
            let t = Instant::now();
            for l in text.lines().filter(|l| !l.is_empty()) {
                let _ = Pattern::parse(l);
            }
            parse.push(t.elapsed().as_secs_f64() * 1e3);
            let copy = rules.clone();
            let t = Instant::now();
            set = copy.into_iter().collect();
            build.push(t.elapsed().as_secs_f64() * 1e3);
        }
        let (med, best) = stats(parse);
        println!("  parse all rules          {med:>8.2} ms   best {best:>7.2}");
        let (med, best) = stats(build);
        println!("  build the set            {med:>8.2} ms   best {best:>7.2}");

        let mut per_event = Vec::new();
        let mut hits = 0;
        for _ in 0..passes {
            hits = 0;
            let t = Instant::now();
            for e in &events {
                hits += set
                    .matching_indexes(e)
                    .expect("workload events are objects")
                    .len();
            }
            per_event.push(t.elapsed().as_secs_f64() * 1e6 / events.len() as f64);
        }
        let (med, best) = stats(per_event);
        println!(
            "  match                    {med:>8.2} µs/event   best {best:>7.2}   ({hits} matches, {:.2} per event)",
            hits as f64 / events.len() as f64
        );

        let mut per_big = Vec::new();
        let mut big_hits = 0;
        for _ in 0..passes {
            let t = Instant::now();
            big_hits = set
                .matching_indexes(&big)
                .expect("big event is an object")
                .len();
            per_big.push(t.elapsed().as_secs_f64() * 1e3);
        }
        let (med, best) = stats(per_big);
        println!(
            "  big event                {med:>8.3} ms   best {best:>7.3}   ({big_hits} matches)"
        );

        // Editing: replace rules in place (as the page does on each keystroke),
        // then add and remove a new rule.
        let mut replace = Vec::new();
        let mut add_remove = Vec::new();
        for (k, (name, pattern)) in rules.iter().enumerate().take(200) {
            let other = rules[(k * 7 + 3) % rules.len()].1.clone();
            let t = Instant::now();
            set.insert(name.clone(), other);
            replace.push(t.elapsed().as_secs_f64() * 1e6);
            set.insert(name.clone(), pattern.clone());
            let t = Instant::now();
            set.insert("new rule", pattern.clone());
            set.remove("new rule");
            add_remove.push(t.elapsed().as_secs_f64() * 1e6);
        }
        let (med, best) = stats(replace);
        println!("  replace one rule         {med:>8.2} µs   best {best:>7.2}");
        let (med, best) = stats(add_remove);
        println!("  add + remove one rule    {med:>8.2} µs   best {best:>7.2}");
    }
}
