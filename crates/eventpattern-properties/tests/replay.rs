//! Replays every committed fuzz input — the minimised corpus in
//! `fuzz/corpus/<target>/` and the reproducers in `tests/fuzz-regressions/<target>/` —
//! through the same property checks as the fuzz targets, on stable, and flags
//! any input under 10 KB that takes more than 50 ms (the fastest of three runs,
//! so a busy machine does not make it flaky).

use eventpattern_properties::TARGETS;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const SMALL: usize = 10 * 1024;
const BUDGET: Duration = Duration::from_millis(50);

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every file of the target's corpus and reproducers.
fn inputs(target: &str) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in [
        root().join("fuzz/corpus").join(target),
        root().join("tests/fuzz-regressions").join(target),
    ] {
        if let Ok(entries) = std::fs::read_dir(&dir) {
            files.extend(entries.filter_map(|e| e.ok()).map(|e| e.path()));
        }
    }
    files.sort();
    files
}

#[test]
fn every_corpus_input_and_reproducer_keeps_its_properties() {
    let mut failures = Vec::new();
    let mut total = 0;
    for (target, check) in TARGETS {
        let files = inputs(target);
        assert!(!files.is_empty(), "no corpus for {target}");
        for file in files {
            total += 1;
            let data = std::fs::read(&file).unwrap();
            let name = file
                .strip_prefix(root())
                .unwrap_or(&file)
                .display()
                .to_string();
            let time = || {
                let t = Instant::now();
                std::panic::catch_unwind(|| check(&data)).map(|_| t.elapsed())
            };
            match time() {
                Err(_) => failures.push(format!("{name}: property failed (see the panic above)")),
                Ok(took) if data.len() < SMALL && took > BUDGET => {
                    let fastest = (0..3).filter_map(|_| time().ok()).min().unwrap_or(took);
                    if fastest > BUDGET {
                        failures.push(format!("{name}: {} bytes took {fastest:?}", data.len()));
                    }
                }
                Ok(_) => {}
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {total} inputs:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
