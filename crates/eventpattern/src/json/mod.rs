//! A small pull reader for JSON text that keeps byte spans and reports syntax
//! errors with the wording of Jackson, the parser behind AWS's pattern compiler.
//!
//! Both the pattern compiler and the event flattener read through it, so one
//! syntax error looks the same wherever it occurs.

mod error;
mod format;
mod java_chars;
mod reader;
mod skip;
mod source;
mod string;
mod text;

pub use error::{JsonError, JsonErrorKind};
pub use format::{format, format_within, FormatError, MAX_INDENTED_DEPTH};
pub use reader::{Reader, Token, TokenKind};
pub use source::{jackson_line_col, jackson_source};
pub use string::{decode_key, decode_string, decode_text, quote};
pub use text::{Lone, Text};
