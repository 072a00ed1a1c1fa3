//! AWS's EventBridge `TestEventPattern` API on a local port: the JSON 1.1
//! protocol (`POST /`, `X-Amz-Target: AWSEvents.TestEventPattern`) answered
//! by the `eventpattern` engine with AWS's verdicts and AWS's error types
//! and messages, so SDKs, the AWS CLI and test suites check patterns
//! offline by pointing their endpoint URL at it.
//!
//! Embedding (a test fixture, another program): [`Server::bind`] starts the
//! endpoint on its own thread and returns a [`Running`] handle with the bound
//! address; dropping the handle or calling [`Running::shutdown`] stops it.
//! [`serve_until_signal`] is the blocking form the CLI uses. The library
//! writes nothing itself: give [`Config::logger`] a callback to see one
//! [`RequestLog`] per request.

#![deny(missing_docs)]

mod envelope;
mod http;
pub mod protocol;
mod running;

pub use envelope::{has_envelope, REQUIRED_FIELDS};
pub use running::{serve_until_signal, Config, Logger, RequestLog, Running, Server, DEFAULT_PORT};
