//! When the engine runs: at once for small texts, after a short pause for big
//! ones (so typing into a 1 MB event stays fluid), and how long it took from
//! the user's action to the new verdict on screen.

use crate::analysis::{analyze, SharedAnalysis};
use crate::dom;
use gloo::timers::callback::Timeout;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// Inputs up to this size are analysed on every keystroke; larger ones after a pause.
pub const IMMEDIATE_BYTES: usize = 64 * 1024;
/// The pause, in milliseconds.
pub const DEBOUNCE_MS: u32 = 80;

/// The texts last analysed.
#[derive(Clone, PartialEq)]
struct Inputs {
    pattern: Rc<str>,
    event: Rc<str>,
}

/// The analysis on screen and its timing.
#[derive(Clone)]
pub struct Scheduled {
    /// The analysis of the texts last analysed.
    pub analysis: SharedAnalysis,
    /// Milliseconds from the user's last action to its verdict on screen.
    pub latency: Option<f64>,
    /// Whether the texts changed since (an analysis is pending).
    pub stale: bool,
    /// Call when the user acts, to time the next verdict.
    pub input_at: Rc<RefCell<Option<f64>>>,
}

/// See the module documentation.
#[hook]
pub fn use_scheduled_analysis(pattern: Rc<str>, event: Rc<str>) -> Scheduled {
    let inputs = use_state(|| Inputs {
        pattern: pattern.clone(),
        event: event.clone(),
    });
    let analysis = {
        let i = (*inputs).clone();
        use_memo(i, |i| {
            let start = dom::now_ms();
            let mut a = analyze(&i.pattern, i.event.clone());
            a.engine_ms = dom::now_ms() - start;
            SharedAnalysis(Rc::new(a))
        })
    };
    let input_at = use_mut_ref(|| None::<f64>);
    let latency = use_state(|| None::<f64>);
    let debounce = use_mut_ref(|| None::<Timeout>);
    {
        let inputs = inputs.clone();
        use_effect_with((pattern.clone(), event.clone()), move |(pattern, event)| {
            let next = Inputs {
                pattern: pattern.clone(),
                event: event.clone(),
            };
            if pattern.len() + event.len() <= IMMEDIATE_BYTES {
                debounce.borrow_mut().take();
                inputs.set(next);
            } else {
                let setter = inputs.clone();
                *debounce.borrow_mut() = Some(Timeout::new(DEBOUNCE_MS, move || setter.set(next)));
            }
        });
    }
    {
        let input_at = input_at.clone();
        let latency = latency.clone();
        use_effect_with((*analysis).clone(), move |_| {
            if let Some(t) = input_at.borrow_mut().take() {
                latency.set(Some(dom::now_ms() - t));
            }
        });
    }
    let stale = *inputs != Inputs { pattern, event };
    Scheduled {
        analysis: (*analysis).clone(),
        latency: *latency,
        stale,
        input_at,
    }
}
