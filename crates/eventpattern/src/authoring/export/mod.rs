//! A valid pattern as a snippet for the tools people deploy rules with: the
//! AWS CLI, CloudFormation (YAML and JSON), SAM, the CDK (TypeScript and
//! Python), Terraform and the Serverless Framework, or as compact JSON.
//!
//! Every snippet carries the pattern unchanged: keys in their order, strings
//! escaped for the target language, numbers spelt as written. When a target
//! cannot carry the pattern exactly as written (CDK's typed `EventPattern`,
//! YAML 1.1 readers, a repeated key), the snippet takes the form that still
//! works and the [`Export::note`] says why.
//!
//! ```
//! use eventpattern::export::{export, Format};
//!
//! let out = export(r#"{"source": ["aws.ec2"]}"#, Format::AwsCli, Some("ec2-rule")).unwrap();
//! assert!(out.text.starts_with("aws events put-rule \\\n  --name 'ec2-rule' \\\n  --event-pattern '{\"source\":[\"aws.ec2\"]}'"));
//! ```

mod cdk;
mod code;
mod quote;
mod targets;
mod tree;
mod yaml;

use crate::{Pattern, PatternError};

/// The export targets. [`Format::id`] is the stable name used by the page's
/// format picker and the CLI's `--format`.
///
/// ```
/// use eventpattern::export::{export, Format};
///
/// let snippet = export(r#"{"source": ["aws.ec2"]}"#, Format::Terraform, Some("ec2")).unwrap();
/// assert!(snippet.text.contains("aws_cloudwatch_event_rule"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// The pattern as compact JSON.
    Json,
    /// `aws events put-rule` and `aws events test-event-pattern`, quoted for a POSIX shell.
    AwsCli,
    /// An `AWS::Events::Rule` in a CloudFormation YAML template.
    CloudFormationYaml,
    /// An `AWS::Events::Rule` in a CloudFormation JSON template.
    CloudFormationJson,
    /// A SAM function with an `EventBridgeRule` event.
    Sam,
    /// An `events.Rule` in CDK TypeScript.
    CdkTs,
    /// An `events.Rule` in CDK Python.
    CdkPy,
    /// An `aws_cloudwatch_event_rule` with `jsonencode`.
    Terraform,
    /// A Serverless Framework function with an `eventBridge` event.
    Serverless,
}

impl Format {
    /// Every format, in the order a picker shows them.
    ///
    /// ```
    /// use eventpattern::export::Format;
    ///
    /// assert!(Format::ALL.iter().all(|f| Format::from_id(f.id()) == Some(*f)));
    /// ```
    pub const ALL: [Format; 9] = [
        Format::Json,
        Format::AwsCli,
        Format::CloudFormationYaml,
        Format::CloudFormationJson,
        Format::Sam,
        Format::CdkTs,
        Format::CdkPy,
        Format::Terraform,
        Format::Serverless,
    ];

    /// The stable id: `json`, `aws-cli`, `cloudformation-yaml`,
    /// `cloudformation-json`, `sam`, `cdk-ts`, `cdk-py`, `terraform`, `serverless`.
    ///
    /// ```
    /// assert_eq!(eventpattern::export::Format::CdkTs.id(), "cdk-ts");
    /// ```
    pub fn id(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::AwsCli => "aws-cli",
            Format::CloudFormationYaml => "cloudformation-yaml",
            Format::CloudFormationJson => "cloudformation-json",
            Format::Sam => "sam",
            Format::CdkTs => "cdk-ts",
            Format::CdkPy => "cdk-py",
            Format::Terraform => "terraform",
            Format::Serverless => "serverless",
        }
    }

    /// The format with this [`Format::id`].
    ///
    /// ```
    /// use eventpattern::export::Format;
    ///
    /// assert_eq!(Format::from_id("sam"), Some(Format::Sam));
    /// assert_eq!(Format::from_id("pulumi"), None);
    /// ```
    pub fn from_id(id: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.id() == id)
    }

    /// A name for people: `AWS CLI`, `CloudFormation (YAML)`, …
    ///
    /// ```
    /// assert_eq!(eventpattern::export::Format::AwsCli.label(), "AWS CLI");
    /// ```
    pub fn label(self) -> &'static str {
        match self {
            Format::Json => "JSON (minified)",
            Format::AwsCli => "AWS CLI",
            Format::CloudFormationYaml => "CloudFormation (YAML)",
            Format::CloudFormationJson => "CloudFormation (JSON)",
            Format::Sam => "SAM",
            Format::CdkTs => "CDK (TypeScript)",
            Format::CdkPy => "CDK (Python)",
            Format::Terraform => "Terraform",
            Format::Serverless => "Serverless Framework",
        }
    }
}

/// A snippet and what the reader should know about it.
///
/// ```
/// use eventpattern::export::{export, Format};
///
/// let e = export(r#"{"source": ["aws.ec2"]}"#, Format::Json, None).unwrap();
/// assert_eq!(e.text, "{\"source\":[\"aws.ec2\"]}\n");
/// assert!(e.note.is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Export {
    /// The snippet, ending with a line break.
    pub text: String,
    /// Where the target cannot take the pattern as written, and what the
    /// snippet does instead (e.g. CDK's typed pattern cannot hold `$or`).
    pub note: Option<String>,
}

/// Parses `text` and exports it; an invalid pattern gives AWS's error.
/// `name` is the rule's name (the snippets use `MyRule` for ids when none).
///
/// ```
/// use eventpattern::export::{export, Format};
///
/// assert!(export("{}", Format::Sam, None).is_err());
/// let yaml = export(r#"{"source": ["aws.ec2"]}"#, Format::CloudFormationYaml, Some("Ec2Rule")).unwrap();
/// assert!(yaml.text.contains("AWS::Events::Rule"));
/// ```
pub fn export(text: &str, format: Format, name: Option<&str>) -> Result<Export, PatternError> {
    let pattern = Pattern::parse(text)?;
    let tree = tree::read(text).ok_or_else(|| unreadable(text))?;
    Ok(targets::render(&pattern, tree, format, name))
}

/// Unreachable for a pattern that parsed (both read with the same reader);
/// kept so that no input can panic.
fn unreadable(text: &str) -> PatternError {
    PatternError {
        kind: crate::ErrorKind::Syntax,
        reason: "The pattern could not be read".into(),
        span: crate::Span::new(0, text.len()),
        related: None,
        path: Vec::new(),
    }
}

#[cfg(test)]
mod tests;
