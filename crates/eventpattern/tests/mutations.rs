//! Mutated corpus inputs: whatever the text, the engine answers with a
//! verdict or an error, never a panic, and the matcher and the trace agree.

use eventpattern::Pattern;
use serde::Deserialize;
use serde_json::value::RawValue;

const CORPUS: &str = include_str!("../../../tests/conformance.jsonl");

#[derive(Deserialize)]
struct Case<'a> {
    #[serde(borrow)]
    pattern: &'a RawValue,
    #[serde(borrow)]
    event: &'a RawValue,
}

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const PIECES: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"",
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
];

fn mutate(text: &str, rng: &mut Rng) -> String {
    let mut s = text.to_string();
    for _ in 0..1 + rng.below(3) {
        let mut at = rng.below(s.len() + 1);
        while !s.is_char_boundary(at) {
            at -= 1;
        }
        match rng.below(4) {
            0 => s.insert_str(at, PIECES[rng.below(PIECES.len())]),
            1 => {
                let mut end = (at + 1 + rng.below(8)).min(s.len());
                while !s.is_char_boundary(end) {
                    end += 1;
                }
                s.replace_range(at..end, "");
            }
            2 => s.truncate(at),
            _ => {
                let piece = PIECES[rng.below(PIECES.len())];
                s.insert_str(at, &piece.repeat(1 + rng.below(40)));
            }
        }
    }
    s
}

#[test]
fn mutated_inputs_never_panic_and_paths_agree() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut checked = 0;
    for line in CORPUS.lines().filter(|l| !l.trim().is_empty()) {
        let case: Case = serde_json::from_str(line).unwrap();
        let raw = case.pattern.get();
        let pattern = if raw.starts_with('"') {
            serde_json::from_str::<String>(raw).unwrap()
        } else {
            raw.to_string()
        };
        for _ in 0..12 {
            let p_text = if rng.below(2) == 0 {
                mutate(&pattern, &mut rng)
            } else {
                pattern.clone()
            };
            let e_text = if rng.below(2) == 0 {
                mutate(case.event.get(), &mut rng)
            } else {
                case.event.get().to_string()
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
