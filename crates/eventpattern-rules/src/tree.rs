//! One document tree for every source format (JSON, YAML, HCL), with the
//! source position of every node and, for strings, of every byte.

use crate::map::SourceMap;

/// Deepest nesting read from a source file. Patterns cannot nest deeper
/// than about 820 levels (4,096 characters), templates much less.
pub const MAX_DEPTH: usize = 256;

/// A decoded string and where each of its bytes came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    /// The decoded value.
    pub value: String,
    /// Its bytes' source offsets.
    pub map: SourceMap,
    /// Source offset of the string (its opening quote, if any).
    pub start: usize,
}

impl Text {
    /// A string whose source position is known only as a whole.
    pub fn at(value: impl Into<String>, start: usize) -> Self {
        let mut map = SourceMap::default();
        map.produced(0, start);
        Text {
            value: value.into(),
            map,
            start,
        }
    }
}

/// A value of a source document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// `null` (or YAML's `~`).
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A number, as written.
    Number(String),
    /// A string.
    Str(Text),
    /// An array.
    Array(Vec<Node>),
    /// An object, keys in order (duplicates kept).
    Object(Vec<(Text, Node)>),
    /// Something that has no JSON value without evaluation (an HCL
    /// expression, a YAML alias), with what it is.
    #[cfg_attr(not(any(feature = "yaml", feature = "hcl")), allow(dead_code))]
    Opaque(String),
}

/// A value and its source offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// What it is.
    pub kind: Kind,
    /// Source offset of its first character.
    pub start: usize,
}

impl Node {
    /// The value of `key` in an object (the last one, as JSON readers keep).
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|(_, v)| v)
    }

    /// The key and value of `key` in an object.
    pub fn entry(&self, key: &str) -> Option<(&Text, &Node)> {
        match &self.kind {
            Kind::Object(entries) => entries
                .iter()
                .rev()
                .find(|(k, _)| k.value == key)
                .map(|(k, v)| (k, v)),
            _ => None,
        }
    }

    /// The string value, if this is a string.
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            Kind::Str(t) => Some(&t.value),
            _ => None,
        }
    }

    /// The entries of an object.
    pub fn entries(&self) -> &[(Text, Node)] {
        match &self.kind {
            Kind::Object(e) => e,
            _ => &[],
        }
    }

    /// The intrinsic function this node calls (`Ref`, `Fn::If`, …), if it is
    /// a one-key object naming one, as CloudFormation reads it anywhere.
    pub fn intrinsic(&self) -> Option<(&str, &Node)> {
        match &self.kind {
            Kind::Object(e) if e.len() == 1 => {
                let (k, v) = &e[0];
                let name = k.value.as_str();
                (name == "Ref" || name.starts_with("Fn::")).then_some((name, v))
            }
            _ => None,
        }
    }
}
