//! Which kind of rule source a file is, by its extension and its content.

use crate::tree::Node;
use crate::{cloudformation, json_source, patterns, terraform, Doc, Found, SourceError};

/// How a source file was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One pattern (the file's stem names it).
    PatternFile,
    /// One pattern per line (`line-N`).
    JsonLines,
    /// `{"name": pattern, …}`.
    NamedPatterns,
    /// A CloudFormation or SAM template in JSON (CDK output included).
    TemplateJson,
    /// A CloudFormation or SAM template in YAML.
    TemplateYaml,
    /// `terraform show -json` output (plan or state).
    TerraformJson,
    /// Terraform configuration (`.tf`).
    TerraformHcl,
}

impl Format {
    /// A short name for messages.
    pub fn name(self) -> &'static str {
        match self {
            Format::PatternFile => "pattern file",
            Format::JsonLines => "JSON Lines patterns",
            Format::NamedPatterns => "named patterns",
            Format::TemplateJson => "CloudFormation template (JSON)",
            Format::TemplateYaml => "CloudFormation template (YAML)",
            Format::TerraformJson => "Terraform show -json output",
            Format::TerraformHcl => "Terraform configuration",
        }
    }
}

const NONE_OF_THESE: &str = "not a rule source: expected a pattern, JSON Lines of patterns, a CloudFormation/SAM template (JSON or YAML), CDK output, Terraform `show -json` output or a .tf file";

fn extension(file: &str) -> String {
    let base = file.rsplit(['/', '\\']).next().unwrap_or(file);
    base.rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default()
}

/// The file's stem (`rules/stopped.json` → `stopped`).
pub fn stem(file: &str) -> &str {
    let base = file.rsplit(['/', '\\']).next().unwrap_or(file);
    base.split_once('.').map_or(base, |(s, _)| s)
}

/// Reads the rules of one file, recognising its format by extension
/// (`.tf`, `.yaml`/`.yml`, `.jsonl`/`.ndjson`) and otherwise by content: a
/// template has `Resources`, Terraform output `format_version`, several
/// JSON values on their own lines are JSON Lines, an object whose values
/// are all objects (none named like an event field) holds named patterns,
/// anything else is one pattern.
pub fn read_source(file: &str, text: &str) -> Result<Found, SourceError> {
    let doc = Doc::new(file, text);
    match extension(file).as_str() {
        "tf" => return hcl(&doc),
        "yaml" | "yml" => return yaml(&doc),
        "jsonl" | "ndjson" => {
            return Ok(Found {
                format: Format::JsonLines,
                rules: patterns::lines(&doc),
            })
        }
        _ => {}
    }
    let trimmed = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    if !trimmed.starts_with(['{', '[']) {
        // Not JSON: a YAML template without the extension (`.template`)?
        return yaml(&doc).map_err(|_| doc.error(text.len() - trimmed.len(), NONE_OF_THESE));
    }
    if is_json_lines(text) {
        return Ok(Found {
            format: Format::JsonLines,
            rules: patterns::lines(&doc),
        });
    }
    let root = match json_source::parse(text) {
        Ok(root) => root,
        // Not JSON: AWS would say the same of the pattern.
        Err(_) => {
            return Ok(Found {
                format: Format::PatternFile,
                rules: patterns::single(&doc, stem(file)),
            })
        }
    };
    let (format, rules) = if cloudformation::is_template(&root) {
        (
            Format::TemplateJson,
            cloudformation::rules(&doc, &root, None)?,
        )
    } else if terraform::is_show_output(&root) {
        (Format::TerraformJson, terraform::rules(&doc, &root))
    } else if patterns::looks_named(&root) {
        (Format::NamedPatterns, patterns::named(&doc, &root))
    } else {
        (Format::PatternFile, patterns::single(&doc, stem(file)))
    };
    Ok(Found { format, rules })
}

/// Several JSON values, each on its own line(s) starting a line: the first
/// value ends before the last non-blank line.
fn is_json_lines(text: &str) -> bool {
    let mut reader = eventpattern::json::Reader::new(text, crate::tree::MAX_DEPTH);
    loop {
        match reader.next_token() {
            Ok(t) if t.kind == eventpattern::json::TokenKind::End => return false,
            Ok(_) if reader.depth() == 0 => break,
            Ok(_) => {}
            Err(_) => return false,
        }
    }
    let rest = &text[reader.offset()..];
    rest.trim_start_matches([' ', '\t', '\r'])
        .strip_prefix('\n')
        .is_some_and(|r| r.trim_start().starts_with('{'))
}

/// The tree of a template, JSON or YAML, and which it was.
pub fn template_tree(doc: &Doc<'_>) -> Result<(Format, Node), SourceError> {
    let trimmed = doc
        .text
        .trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    if trimmed.starts_with('{') {
        let root = json_source::parse(doc.text).map_err(|e| doc.error(e.offset, e.message))?;
        return Ok((Format::TemplateJson, root));
    }
    yaml_tree(doc).map(|root| (Format::TemplateYaml, root))
}

#[cfg(feature = "yaml")]
fn yaml_tree(doc: &Doc<'_>) -> Result<Node, SourceError> {
    crate::yaml_source::parse(doc.text).map_err(|e| doc.error(e.offset, e.message))
}

#[cfg(not(feature = "yaml"))]
fn yaml_tree(doc: &Doc<'_>) -> Result<Node, SourceError> {
    Err(doc.error(0, "YAML templates need the `yaml` feature"))
}

fn yaml(doc: &Doc<'_>) -> Result<Found, SourceError> {
    let root = yaml_tree(doc)?;
    if !cloudformation::is_template(&root) {
        return Err(doc.error(
            0,
            "not a CloudFormation or SAM template: no Resources mapping",
        ));
    }
    Ok(Found {
        format: Format::TemplateYaml,
        rules: cloudformation::rules(doc, &root, None)?,
    })
}

#[cfg(feature = "hcl")]
fn hcl(doc: &Doc<'_>) -> Result<Found, SourceError> {
    Ok(Found {
        format: Format::TerraformHcl,
        rules: crate::hcl_source::rules(doc)?,
    })
}

#[cfg(not(feature = "hcl"))]
fn hcl(doc: &Doc<'_>) -> Result<Found, SourceError> {
    Err(doc.error(0, "Terraform .tf files need the `hcl` feature"))
}
