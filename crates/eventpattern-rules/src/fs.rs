//! The thin I/O layer: files and folders named on a command line, read and
//! handed to the parsing functions.
//!
//! A folder with `manifest.json` or `*.template.json` files is CDK output
//! (`cdk.out`): every `*.template.json` in it and its nested assemblies,
//! rules named `Stack/LogicalId`. Any other folder: its `*.json`, `*.jsonl`,
//! `*.yaml`, `*.yml` and `*.tf` files, in name order (a `*.json` pattern
//! file's rule is named by its stem).

use crate::{read_source, read_template, Found, Origin, SourceError};
use std::path::{Path, PathBuf};

/// The rules of each file under `path` (a file or a folder), in order.
pub fn read_path(path: &Path) -> Vec<Result<Found, SourceError>> {
    if !path.is_dir() {
        return vec![read_file(path, None)];
    }
    let entries = match list(path) {
        Ok(e) => e,
        Err(e) => return vec![Err(io_error(path, &e))],
    };
    let cdk = entries.iter().any(|p| {
        let name = file_name(p);
        name == "manifest.json" || name.ends_with(".template.json")
    });
    if cdk {
        let mut templates = Vec::new();
        collect_templates(path, &mut templates);
        return templates
            .iter()
            .map(|p| {
                let stack = file_name(p).trim_end_matches(".template.json").to_string();
                read_file(p, Some(&stack))
            })
            .collect();
    }
    entries
        .iter()
        .filter(|p| {
            let name = file_name(p);
            p.is_file()
                && [".json", ".jsonl", ".ndjson", ".yaml", ".yml", ".tf"]
                    .iter()
                    .any(|e| name.ends_with(e))
        })
        .map(|p| read_file(p, None))
        .collect()
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// A folder's entries, sorted by name.
fn list(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut entries = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<Vec<_>, _>>()?;
    entries.sort();
    Ok(entries)
}

/// Every `*.template.json` under a CDK output folder (nested assemblies
/// are folders), a bounded depth down.
fn collect_templates(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut stack = vec![(dir.to_path_buf(), 0)];
    while let Some((d, depth)) = stack.pop() {
        let Ok(entries) = list(&d) else { continue };
        for p in entries {
            if p.is_dir() && depth < 8 {
                stack.push((p, depth + 1));
            } else if file_name(&p).ends_with(".template.json") {
                out.push(p);
            }
        }
    }
    out.sort();
}

fn io_error(path: &Path, e: &std::io::Error) -> SourceError {
    SourceError {
        at: Origin {
            file: path.display().to_string(),
            offset: 0,
            line: 1,
            column: 1,
        },
        message: format!("cannot read: {e}"),
    }
}

fn read_file(path: &Path, stack: Option<&str>) -> Result<Found, SourceError> {
    let bytes = std::fs::read(path).map_err(|e| io_error(path, &e))?;
    let name = path.display().to_string();
    let text = String::from_utf8(bytes).map_err(|e| SourceError {
        at: Origin {
            file: name.clone(),
            offset: e.utf8_error().valid_up_to(),
            line: 1,
            column: 1,
        },
        message: format!(
            "not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ),
    })?;
    match stack {
        Some(stack) => read_template(&name, &text, Some(stack)),
        None => read_source(&name, &text),
    }
}
