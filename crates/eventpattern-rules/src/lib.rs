//! EventBridge rules found where they live — pattern files, CloudFormation
//! and SAM templates (JSON or YAML), CDK output, Terraform (`terraform show
//! -json` output and `.tf` files) — each with its name, where it was written,
//! and AWS's verdict on its pattern: valid, AWS's reason at the `file:line:column`
//! of the offending character (through a JSON string's escapes or YAML's
//! conversion to JSON), or unresolved (an intrinsic function, a variable) and why.
//!
//! ```
//! use eventpattern_rules::{read_source, Status};
//!
//! let template = r#"{"Resources": {"Stopped": {"Type": "AWS::Events::Rule",
//!   "Properties": {"EventPattern": "{\"source\": [\"aws.ec2\"], \"detail\": {\"n\": [{\"prefix\": 5}]}}"}}}}"#;
//! let found = read_source("template.json", template).unwrap();
//! let rule = &found.rules[0];
//! assert_eq!(rule.name, "Stopped");
//! let Status::Invalid { error, .. } = &rule.status else { panic!() };
//! assert_eq!(error.reason, "prefix match pattern must be a string");
//! assert_eq!((error.at.line, error.at.column), (2, 97));
//! ```
//!
//! The parsing functions take a file name and its text (no I/O), so the
//! JSON-only build (`default-features = false`) runs in the browser; the
//! `yaml` and `hcl` features add those formats, `fs` reads files and folders.
#![deny(missing_docs)]

mod cloudformation;
mod detect;
#[cfg(feature = "fs")]
pub mod fs;
#[cfg(feature = "hcl")]
mod hcl_source;
mod json_source;
mod map;
mod patterns;
mod render;
mod terraform;
mod tree;
#[cfg(feature = "yaml")]
mod yaml_scalar;
#[cfg(feature = "yaml")]
mod yaml_source;

pub use cloudformation::read_template;
pub use detect::{read_source, Format};

use eventpattern::{Encoding, LineIndex, Pattern, PatternError};
use map::SourceMap;

/// A place in a source file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The file's name, as given.
    pub file: String,
    /// Byte offset in the file.
    pub offset: usize,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
}

/// A rule found in a source file.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Its name: a pattern file's stem, `line-N`, a logical id (`Stack/Id`
    /// in CDK output, `Function/Event` for SAM), a Terraform address; a
    /// `Fn::If` variant adds `[if:Condition:true]`.
    pub name: String,
    /// Where the rule's pattern is written (its key in a template).
    pub origin: Origin,
    /// Its pattern and AWS's verdict on it.
    pub status: Status,
}

/// A rule's pattern and AWS's verdict on it.
#[derive(Debug, Clone)]
pub enum Status {
    /// A valid pattern.
    Valid {
        /// The pattern's JSON text, as EventBridge receives it.
        text: String,
        /// The compiled pattern.
        pattern: Pattern,
    },
    /// A pattern AWS refuses.
    Invalid {
        /// The pattern's JSON text, as EventBridge receives it.
        text: String,
        /// AWS's reason and where it points in the source file.
        error: RuleError,
    },
    /// A pattern known only when deployed (an intrinsic function, a variable).
    Unresolved {
        /// Why, in a sentence.
        why: String,
    },
}

impl Status {
    /// The pattern's JSON text, unless unresolved.
    pub fn text(&self) -> Option<&str> {
        match self {
            Status::Valid { text, .. } | Status::Invalid { text, .. } => Some(text),
            Status::Unresolved { .. } => None,
        }
    }
}

/// AWS's reason for refusing a pattern, at its place in the source file.
#[derive(Debug, Clone)]
pub struct RuleError {
    /// AWS's reason, exactly.
    pub reason: String,
    /// The offending character in the source file.
    pub at: Origin,
    /// The engine's error (its span is in the pattern's text).
    pub error: PatternError,
}

/// A file that could not be read as any rule source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceError {
    /// Where the problem is.
    pub at: Origin,
    /// What it is.
    pub message: String,
}

impl std::fmt::Display for SourceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.at.file, self.at.line, self.at.column, self.message
        )
    }
}

/// The rules of one source file.
#[derive(Debug, Clone)]
pub struct Found {
    /// How the file was read.
    pub format: Format,
    /// Its rules, in document order.
    pub rules: Vec<Rule>,
}

/// A source file being read: its name, text and line index.
pub(crate) struct Doc<'a> {
    pub file: &'a str,
    pub text: &'a str,
    index: LineIndex<'a>,
}

impl<'a> Doc<'a> {
    pub fn new(file: &'a str, text: &'a str) -> Self {
        Doc {
            file,
            text,
            index: LineIndex::new(text),
        }
    }

    /// The place of a byte offset.
    pub fn origin(&self, offset: usize) -> Origin {
        let pos = self.index.line_col(offset as u32, Encoding::Chars);
        Origin {
            file: self.file.to_string(),
            offset,
            line: pos.line,
            column: pos.column,
        }
    }

    /// An error at a byte offset.
    pub fn error(&self, offset: usize, message: impl Into<String>) -> SourceError {
        SourceError {
            at: self.origin(offset),
            message: message.into(),
        }
    }

    /// A rule whose pattern text is `text`, mapped to this file by `map`.
    pub fn rule(&self, name: String, origin: usize, text: String, map: &SourceMap) -> Rule {
        let status = match Pattern::parse(&text) {
            Ok(pattern) => Status::Valid { text, pattern },
            Err(error) => Status::Invalid {
                error: RuleError {
                    reason: error.reason.clone(),
                    at: self.origin(map.locate(error.span.start as usize)),
                    error,
                },
                text,
            },
        };
        Rule {
            name,
            origin: self.origin(origin),
            status,
        }
    }

    /// A rule whose pattern is known only when deployed.
    pub fn unresolved(&self, name: String, origin: usize, why: String) -> Rule {
        Rule {
            name,
            origin: self.origin(origin),
            status: Status::Unresolved { why },
        }
    }

    /// `line:column` of an offset, for messages.
    pub fn place(&self, offset: usize) -> String {
        let o = self.origin(offset);
        format!("{}:{}", o.line, o.column)
    }
}
