//! The hostile-input table, timed: each case of
//! `eventpattern_properties::hostile` at full size, its outcome checked, and
//! the fastest of a few runs printed as a Markdown table for BENCHMARKS.md.
//!
//! `cargo run --release -p eventpattern-bench --bin hostile -- [MB] [RUNS]`
//! (default: 10 MB events, 3 runs; the streamed case is ten times larger).
//! The bound column is generous: a row over it is marked, nothing fails on time.

use eventpattern_properties::hostile::{cases, run, Case, Kind, Outcome};
use std::time::{Duration, Instant};

/// Peak resident memory of this process so far (Linux), in MB.
fn peak_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn size(bytes: usize) -> String {
    if bytes >= 1 << 20 {
        format!("{:.1} MB", bytes as f64 / (1 << 20) as f64)
    } else if bytes >= 1 << 10 {
        format!("{:.1} KB", bytes as f64 / 1024.0)
    } else {
        format!("{bytes} B")
    }
}

fn row(case: &Case, runs: usize) -> (Duration, bool) {
    let mut best = Duration::MAX;
    for _ in 0..runs {
        let t = Instant::now();
        let outcome = run(case);
        best = best.min(t.elapsed());
        assert_eq!(outcome, case.expected, "{}", case.name);
    }
    // Generous: a second per 10 MB of input, and never under 50 ms.
    let input = case.pattern.len() + case.event.len();
    let bound = Duration::from_millis(50).max(Duration::from_millis(100 * (input >> 20) as u64));
    (best, best <= bound)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mb: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(10);
    let runs: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(3);
    println!("| input | size | outcome | time (best of {runs}) | within bound |");
    println!("|---|---|---|---|---|");
    let mut all = cases(mb);
    // The streamed case at ten times the size: `filter` input of 100 MB.
    let stream = cases(mb * 10).into_iter().find(|c| c.kind == Kind::Stream);
    all.retain(|c| c.kind != Kind::Stream);
    all.extend(stream);
    // HOSTILE_ONLY=text keeps the rows whose name contains it (for profiling).
    if let Ok(only) = std::env::var("HOSTILE_ONLY") {
        all.retain(|c| c.name.contains(&only));
    }
    for case in &all {
        let (best, ok) = row(case, runs);
        let outcome = match &case.expected {
            Outcome::Verdict(true) => "match".to_string(),
            Outcome::Verdict(false) => "no match".to_string(),
            Outcome::InvalidPattern(r, at) => {
                format!(
                    "invalid pattern at byte {at}: {}",
                    r.chars().take(60).collect::<String>()
                )
            }
            Outcome::InvalidEvent(r, at) => {
                format!(
                    "invalid event at byte {at}: {}",
                    r.chars().take(60).collect::<String>()
                )
            }
            Outcome::Stream(m, n, s) => {
                format!("{m} of {n} events matched, {s} inputs skipped")
            }
            Outcome::Formatted(n) => format!("formatted: {}", size(*n)),
        };
        println!(
            "| {} | {} | {} | {:.2} ms | {} |",
            case.name.replace(
                "N MB",
                &format!(
                    "{} MB",
                    if case.kind == Kind::Stream {
                        mb * 10
                    } else {
                        mb
                    }
                )
            ),
            size(case.pattern.len() + case.event.len()),
            outcome.replace('|', "\\|"),
            best.as_secs_f64() * 1e3,
            if ok { "yes" } else { "**no**" }
        );
    }
    if let Some(mb) = peak_mb() {
        println!("\npeak resident memory of the whole run: {mb:.0} MB");
    }
}
