//! The pattern layer: JSON text → validated pattern tree with spans, with
//! AWS's reason text and a position for every way a pattern can be invalid.

mod ast;
mod error;
mod identity;
mod parse;

pub use ast::{
    AnythingBut, Bound, Condition, ConditionKind, Identity, Leaf, LeafId, Member, MemberValue,
    ObjectNode, OrNode, Range,
};
pub use error::{ErrorKind, ParserStop, PathSegment, PatternError};
pub use parse::{parse, ParsedPattern, MAX_PATTERN_DEPTH, MAX_PATTERN_LENGTH};
