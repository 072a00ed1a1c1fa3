//! Teaching: why a verdict is what it is (the trace and its value marks),
//! hints with verified fixes, notes on likely mistakes, plain-language
//! errors and quick fixes, delivery conditions, example events, and the
//! words all front ends print.

pub mod delivery;
pub mod example;
pub mod excerpt;
pub mod explain;
pub mod hints;
pub mod lint;
pub(crate) mod marks;
pub(crate) mod outcome;
pub mod plain;
pub mod quickfix;
pub mod render;
pub mod report;
