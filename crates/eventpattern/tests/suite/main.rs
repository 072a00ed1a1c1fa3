//! The engine's one integration test binary. Every module reads the shared
//! corpora through `corpus` and mutates them through `mutate`; compiled to
//! wasm32 (`cargo test --target wasm32-unknown-unknown --test suite`), the
//! corpora and the deep inputs run in `wasm` through the same loader.

#[cfg(not(target_arch = "wasm32"))]
mod aws_messages;
mod conformance;
mod corpus;
#[cfg(not(target_arch = "wasm32"))]
mod error_positions;
#[cfg(not(target_arch = "wasm32"))]
mod errors;
#[cfg(not(target_arch = "wasm32"))]
mod mutate;
#[cfg(not(target_arch = "wasm32"))]
mod mutations;
#[cfg(not(target_arch = "wasm32"))]
mod regressions;
mod rule_set;
#[cfg(not(target_arch = "wasm32"))]
mod teaching;
#[cfg(not(target_arch = "wasm32"))]
mod trace;
#[cfg(target_arch = "wasm32")]
mod wasm;
