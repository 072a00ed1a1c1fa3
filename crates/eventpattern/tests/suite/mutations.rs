//! Mutated corpus inputs: whatever the text, the engine answers with a
//! verdict or an error, never a panic, and the matcher and the trace agree.

use crate::corpus::CONFORMANCE;
use crate::mutate::{Mutator, Rng, PUNCTUATION};
use eventpattern::Pattern;

/// Pieces chosen to reach every operator and the reader's edge cases.
const MUTATOR: Mutator = Mutator {
    pieces: &[
        PUNCTUATION,
        &[
            "\\",
            "*",
            "\\*",
            "\"prefix\"",
            "\"$or\"",
            "\"anything-but\"",
            "\"numeric\"",
            "\"exists\"",
            "true",
            "null",
            "-0",
            "1e309",
            "0.30000000000000001",
            "\"\\ud83d\"",
            "😀",
            "ß",
            "\"10.0.0.1/8\"",
            "\"wildcard\"",
            " ",
            "\n",
            "{}",
            "[]",
            "\"equals-ignore-case\"",
        ],
    ],
    max_cut: 8,
    repeats: true,
};

#[test]
fn mutated_inputs_never_panic_and_paths_agree() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut checked = 0;
    for case in CONFORMANCE.cases() {
        let pattern = case.pattern;
        for _ in 0..12 {
            let p_text = if rng.below(2) == 0 {
                MUTATOR.mutate(&pattern, &mut rng)
            } else {
                pattern.clone()
            };
            let e_text = if rng.below(2) == 0 {
                MUTATOR.mutate(&case.event, &mut rng)
            } else {
                case.event.clone()
            };
            if let Ok(p) = Pattern::parse(&p_text) {
                let fast = p.matches(&e_text);
                let traced = p.explain(&e_text);
                match (fast, traced) {
                    (Ok(a), Ok(t)) => assert_eq!(a, t.matched, "pattern {p_text}\nevent {e_text}"),
                    (Err(a), Err(b)) => assert_eq!(a, b, "pattern {p_text}\nevent {e_text}"),
                    (a, b) => panic!(
                        "disagree: {a:?} vs {:?}\npattern {p_text}\nevent {e_text}",
                        b.map(|t| t.matched)
                    ),
                }
            }
            let _ = eventpattern::json::format(&e_text);
            checked += 1;
        }
    }
    assert!(checked > 8000);
}
