//! The last few compiled patterns, by text: `matches(pattern, event)` in a
//! loop over events parses its pattern once, not once per event.

use eventpattern::{Pattern, PatternError};
use std::cell::RefCell;

/// How many pattern texts are kept (a test file alternating a few rules).
const KEPT: usize = 8;
/// Longer texts are not kept (AWS refuses patterns over 4,096 characters).
const LONGEST: usize = 16 * 1024;

type Compiled = (String, Result<Pattern, PatternError>);

thread_local! {
    static CACHE: RefCell<Vec<Compiled>> = const { RefCell::new(Vec::new()) };
}

/// Runs `f` on the compiled `text` (or its error), most recent first.
pub fn compiled<R>(text: &str, f: impl FnOnce(&Result<Pattern, PatternError>) -> R) -> R {
    if text.len() > LONGEST {
        return f(&Pattern::parse(text));
    }
    CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        match cache.iter().position(|(t, _)| t == text) {
            Some(0) => {}
            Some(i) => {
                let hit = cache.remove(i);
                cache.insert(0, hit);
            }
            None => {
                cache.truncate(KEPT - 1);
                cache.insert(0, (text.to_string(), Pattern::parse(text)));
            }
        }
        f(&cache[0].1)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_pattern_is_the_one_of_its_text() {
        for round in 0..2 {
            for i in 0..KEPT + 2 {
                let text = format!("{{\"k\": [\"{i}\"]}}");
                let event = format!("{{\"k\": \"{i}\"}}");
                let hit = compiled(&text, |p| p.as_ref().unwrap().matches(&event).unwrap());
                assert!(hit, "round {round}, pattern {i}");
            }
        }
        assert!(compiled("{", |p| p.is_err()));
        assert_eq!(CACHE.with(|c| c.borrow().len()), KEPT);
    }
}
