//! When the engine runs: at once, in the keystroke's own task, while the
//! texts are small or the last analysis was cheap (so the verdict and the
//! marks are on screen in the frame after the key); otherwise once per
//! animation frame with the latest texts (keystrokes that arrive within one
//! frame are analysed together, so typing into a 1 MB event stays fluid).
//! Also how long it took from the user's action to the new verdict on screen.

use crate::analysis::{analyze_with, EventCache, SharedAnalysis};
use crate::dom;
use crate::text::Text;
use gloo::render::{request_animation_frame, AnimationFrame};
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// Inputs up to this size are analysed on every keystroke, whatever it costs.
pub const IMMEDIATE_BYTES: usize = 64 * 1024;
/// Larger inputs are too while the last analysis took less than this (ms):
/// typing in the pattern reuses the event's outline and costs a few ms even
/// for a 1 MB event; typing in a big event does not, and waits for a frame.
pub const IMMEDIATE_COST_MS: f64 = 6.0;

/// The texts last analysed.
#[derive(Clone, PartialEq)]
struct Inputs {
    pattern: Text,
    event: Text,
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
pub fn use_scheduled_analysis(pattern: Text, event: Text) -> Scheduled {
    let inputs = use_state(|| Inputs {
        pattern: pattern.clone(),
        event: event.clone(),
    });
    let cache = use_mut_ref(EventCache::default);
    let last_cost = use_mut_ref(|| 0.0f64);
    let analysis = {
        let i = (*inputs).clone();
        use_memo(i, |i| {
            let start = dom::now_ms();
            let mut a = analyze_with(&i.pattern, i.event.clone(), &mut cache.borrow_mut());
            a.engine_ms = dom::now_ms() - start;
            *last_cost.borrow_mut() = a.engine_ms;
            SharedAnalysis(Rc::new(a))
        })
    };
    let input_at = use_mut_ref(|| None::<f64>);
    let latency = use_state(|| None::<f64>);
    // The frame a big input waits for, and the texts it will analyse.
    let frame = use_mut_ref(|| None::<AnimationFrame>);
    let latest = use_mut_ref(|| None::<Inputs>);
    {
        let inputs = inputs.clone();
        let cheap = *last_cost.borrow() < IMMEDIATE_COST_MS;
        use_effect_with((pattern.clone(), event.clone()), move |(pattern, event)| {
            let next = Inputs {
                pattern: pattern.clone(),
                event: event.clone(),
            };
            // A change to the event text rebuilds its outline: never "cheap".
            let same_event = inputs.event == *event;
            if pattern.len() + event.len() <= IMMEDIATE_BYTES || (cheap && same_event) {
                frame.borrow_mut().take();
                inputs.set(next);
                return;
            }
            *latest.borrow_mut() = Some(next);
            if frame.borrow().is_none() {
                let (setter, latest, pending) = (inputs.clone(), latest.clone(), frame.clone());
                *frame.borrow_mut() = Some(request_animation_frame(move |_| {
                    pending.borrow_mut().take();
                    if let Some(next) = latest.borrow_mut().take() {
                        setter.set(next);
                    }
                }));
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
