//! Authoring: text in, text out, for tools that help write patterns — the
//! event as an outline of rows, edits that add a clicked value to a
//! pattern, and the pattern as deployment snippets.

pub mod compose;
pub mod export;
pub mod outline;
