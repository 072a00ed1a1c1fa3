//! The page's effects, one hook each, so `App` only lays out.

pub mod autosave;
pub mod schedule;
pub mod shortcuts;
