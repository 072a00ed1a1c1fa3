//! The teaching layer over the whole conformance corpus: every invalid
//! pattern gets a plain sentence and only quick fixes that work; every hint's
//! fix, applied to the pattern text, makes its field match the event.

use crate::corpus::CONFORMANCE;
use crate::mutate::{Mutator, Rng, PUNCTUATION};
use eventpattern::plain::pattern_error_sentence;
use eventpattern::quickfix::quick_fixes;
use eventpattern::{Encoding, FieldStatus, Pattern};

fn cases() -> impl Iterator<Item = (String, String, String)> {
    CONFORMANCE
        .cases()
        .into_iter()
        .map(|case| (case.id, case.pattern, case.event))
}

#[test]
fn every_invalid_pattern_gets_a_sentence_and_working_fixes() {
    let (mut invalid, mut fixed, mut failures) = (0, 0, Vec::new());
    for (id, pattern, _) in cases() {
        let Err(e) = Pattern::parse(&pattern) else {
            continue;
        };
        invalid += 1;
        let sentence = pattern_error_sentence(&pattern, &e, Encoding::Utf16);
        if sentence.len() < 20 || !sentence.ends_with(['.', ')']) || sentence == e.reason {
            failures.push(format!("{id}: weak sentence {sentence:?} for {}", e.reason));
        }
        for fix in quick_fixes(&pattern, &e) {
            match Pattern::parse(&fix.pattern) {
                Ok(_) => fixed += 1,
                Err(next) if fix.label.ends_with("(another error remains)") => {
                    if next.kind == e.kind && next.span == e.span {
                        failures.push(format!("{id}: {} leaves the error", fix.label));
                    }
                }
                Err(next) => failures.push(format!(
                    "{id}: {} gives an invalid pattern: {}",
                    fix.label, next.reason
                )),
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(invalid > 100, "only {invalid} invalid patterns");
    assert!(fixed > 10, "only {fixed} fixes");
}

#[test]
fn every_hint_fix_makes_its_field_match() {
    let (mut offered, mut failures) = (0, Vec::new());
    for (id, pattern, event) in cases() {
        let Ok(p) = Pattern::parse(&pattern) else {
            continue;
        };
        let trace = p.explain(&event).unwrap();
        for f in &trace.fields {
            let leaf = &p.tree().leaves[f.leaf];
            for s in f.hints.iter().filter_map(|h| h.suggestion()) {
                offered += 1;
                let Some(text) = s.apply(&pattern, leaf) else {
                    failures.push(format!("{id}: {} does not apply", s.label()));
                    continue;
                };
                let fixed = match Pattern::parse(&text) {
                    Ok(fixed) => fixed,
                    Err(e) => {
                        failures.push(format!("{id}: {text} is invalid: {}", e.reason));
                        continue;
                    }
                };
                let after = fixed.explain(&event).unwrap();
                let now = after.fields.iter().find(|g| g.leaf == f.leaf);
                if after.matched || now.is_some_and(|g| g.status == FieldStatus::Matched) {
                    continue;
                }
                failures.push(format!("{id}: {} leaves `{}` unmatched", s.label(), f.path));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(offered > 5, "only {offered} fixes offered");
}

/// A few pieces inserted, cut out or cut off.
const MUTATOR: Mutator = Mutator {
    pieces: &[
        PUNCTUATION,
        &[
            "'",
            "\\",
            "\n",
            "[]",
            "{}",
            "tru",
            "01",
            "-",
            "😀",
            "\"prefix\"",
            "\"startsWith\"",
            "\"anything-but\"",
            "\"$or\"",
            "5",
        ],
    ],
    max_cut: 6,
    repeats: false,
};

#[test]
fn mutated_texts_get_sentences_and_only_working_fixes() {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let (mut errors, mut fixes) = (0, 0);
    for (id, pattern, event) in cases() {
        for _ in 0..6 {
            let text = MUTATOR.mutate(&pattern, &mut rng);
            if let Err(e) = Pattern::parse(&text) {
                errors += 1;
                let sentence = pattern_error_sentence(&text, &e, Encoding::Chars);
                assert!(!sentence.is_empty(), "{id}: {text}");
                for fix in quick_fixes(&text, &e) {
                    fixes += 1;
                    let result = Pattern::parse(&fix.pattern);
                    assert!(
                        result.is_ok() || fix.label.ends_with("(another error remains)"),
                        "{id}: {} on {text} gives {}",
                        fix.label,
                        fix.pattern
                    );
                }
            }
            let broken = MUTATOR.mutate(&event, &mut rng);
            if let Ok(p) = Pattern::parse(&pattern) {
                if let Err(e) = p.matches(&broken) {
                    let s = eventpattern::plain::event_error_sentence(&broken, &e, Encoding::Utf16);
                    assert!(
                        s.starts_with("The event") || s.starts_with("An event"),
                        "{s}"
                    );
                }
            }
        }
    }
    assert!(
        errors > 1000 && fixes > 50,
        "{errors} errors, {fixes} fixes"
    );
}
