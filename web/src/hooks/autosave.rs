//! Keeping the user's work: saved a moment after each change and at once when
//! the page is hidden or closed, a failed save said out loud, a share link
//! dropped from the address once the user edits (so a reload restores the
//! edits, not the link), and another tab's newer work never overwritten
//! silently — while this tab waits for the user's choice, its own edits are
//! held in the tab's session storage, so a reload neither loses them nor
//! decides for the user.

use crate::boot::Resume;
use crate::dom;
use crate::share::{self, Shared};
use crate::state::{Action, State};
use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Pause after the last change before saving.
pub const SAVE_DELAY_MS: u32 = 300;

/// What the page shows about saving.
#[derive(Clone, PartialEq)]
pub struct Autosave {
    /// Work another tab saved since this one last saved, waiting for the
    /// user's choice; this tab does not save meanwhile.
    pub other_tab: Option<Rc<Shared>>,
    /// Take the other tab's work.
    pub take_other: Callback<()>,
    /// Keep this tab's work (and save it over the other's).
    pub keep_mine: Callback<()>,
}

struct Saver {
    pending: Option<Timeout>,
    latest: Option<Shared>,
    paused: bool,
    failed_once: bool,
}

impl Saver {
    /// Writes the latest state now; `false` when the browser refused.
    fn flush(&mut self) -> bool {
        self.pending = None;
        match self.latest.take() {
            Some(data) if !self.paused => {
                let saved = dom::save(&share::to_saved(&data));
                if saved {
                    dom::release_held();
                }
                saved
            }
            Some(data) => {
                dom::hold(&share::to_saved(&data));
                self.latest = Some(data);
                true
            }
            None => true,
        }
    }
}

/// See the module documentation.
#[hook]
pub fn use_autosave(state: &UseReducerHandle<State>, start: &Resume) -> Autosave {
    let saver = use_mut_ref(|| Saver {
        pending: None,
        // Held work with nothing to choose against is saved at once.
        latest: (start.held && start.other_tab.is_none()).then(|| state.shared()),
        paused: start.other_tab.is_some(),
        failed_once: false,
    });
    let other_tab = use_state(|| start.other_tab.clone().map(Rc::new));
    {
        let saver = saver.clone();
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| save_now(&saver, &dispatcher));
    }

    // Once the user edits, the address no longer names this state: drop the
    // share link from it, so a reload restores the saved edits.
    use_effect_with(state.edited, |edited| {
        if *edited {
            dom::clear_fragment();
        }
    });
    // Save a moment after each change of the texts or the template.
    {
        let saver = saver.clone();
        let dispatcher = state.dispatcher();
        let edited = state.edited;
        use_effect_with(
            (
                state.pattern.clone(),
                state.event.clone(),
                state.template.clone(),
            ),
            move |(pattern, event, template)| {
                if !edited {
                    return;
                }
                let mut s = saver.borrow_mut();
                s.latest = Some(Shared {
                    pattern: pattern.to_string(),
                    event: event.to_string(),
                    template: template.clone(),
                });
                let timer_saver = saver.clone();
                s.pending = Some(Timeout::new(SAVE_DELAY_MS, move || {
                    save_now(&timer_saver, &dispatcher);
                }));
            },
        );
    }
    // Save at once when the page is hidden or left (a reload right after typing).
    {
        let saver = saver.clone();
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            let window = web_sys::window().expect("a window");
            let on_hide = {
                let saver = saver.clone();
                let dispatcher = dispatcher.clone();
                move |_: &web_sys::Event| save_now(&saver, &dispatcher)
            };
            let pagehide = EventListener::new(&window, "pagehide", on_hide.clone());
            let document = window.document().expect("a document");
            let hidden = {
                let watched = document.clone();
                EventListener::new(&document, "visibilitychange", move |e| {
                    if watched.visibility_state() == web_sys::VisibilityState::Hidden {
                        on_hide(e);
                    }
                })
            };
            move || drop((pagehide, hidden))
        });
    }
    // Another tab saved: stop saving here until the user chooses.
    {
        let saver = saver.clone();
        let other_tab = other_tab.clone();
        use_effect_with((), move |_| {
            let window = web_sys::window().expect("a window");
            let listener = EventListener::new(&window, "storage", move |e| {
                let Some(e) = e.dyn_ref::<web_sys::StorageEvent>() else {
                    return;
                };
                if e.key().as_deref() != Some(dom::STORAGE_KEY) {
                    return;
                }
                let Some(theirs) = e.new_value().as_deref().and_then(share::from_saved) else {
                    return;
                };
                saver.borrow_mut().paused = true;
                other_tab.set(Some(Rc::new(theirs)));
            });
            move || drop(listener)
        });
    }

    let take_other = {
        let saver = saver.clone();
        let other_tab = other_tab.clone();
        let state = state.clone();
        Callback::from(move |_| {
            if let Some(theirs) = (*other_tab).clone() {
                let mut s = saver.borrow_mut();
                s.paused = false;
                s.latest = None;
                s.pending = None;
                dom::release_held();
                state.dispatch(Action::Restore((*theirs).clone()));
            }
            other_tab.set(None);
        })
    };
    let keep_mine = {
        let saver = saver.clone();
        let other_tab = other_tab.clone();
        let state = state.clone();
        Callback::from(move |_| {
            {
                let mut s = saver.borrow_mut();
                s.paused = false;
                s.latest = Some(state.shared());
            }
            save_now(&saver, &state.dispatcher());
            other_tab.set(None);
        })
    };
    Autosave {
        other_tab: (*other_tab).clone(),
        take_other,
        keep_mine,
    }
}

fn save_now(saver: &Rc<RefCell<Saver>>, dispatcher: &UseReducerDispatcher<State>) {
    let mut s = saver.borrow_mut();
    if !s.flush() && !s.failed_once {
        s.failed_once = true;
        dispatcher.dispatch(Action::Notify(
            "Your work could not be saved in this browser (storage is full or blocked): it will be lost on reload. Use “Copy link” to keep it.".into(),
        ));
    }
}
