//! The hostile-input table: every case has its exact outcome (a verdict, or
//! an error with its reason and position). Times are in BENCHMARKS.md
//! (`cargo run --release -p eventpattern-bench --bin hostile`), not checked here.

use eventpattern_properties::hostile::{cases, run};

#[test]
fn every_hostile_input_has_its_exact_outcome() {
    let mut failures = Vec::new();
    for case in cases(1) {
        let actual = run(&case);
        if actual != case.expected {
            failures.push(format!(
                "{}: expected {:?}, got {:?}",
                case.name, case.expected, actual
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
