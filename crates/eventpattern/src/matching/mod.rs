//! Matching: a parsed pattern compiled into alternatives, the event read
//! into the leaves the pattern names, and the verdict — the conditions, the
//! number and IP rules they rely on, and the array-consistency search.

pub mod compile;
pub mod condition;
pub(crate) mod element_join;
pub mod event;
pub(crate) mod matcher;
pub(crate) mod membership_order;
pub mod number;
pub mod operators;
pub mod rule_set;
pub mod set;
