//! `eventpattern export`: the pattern as a snippet for a deployment tool. The
//! snippet and its note come from the library; this prints them.

use crate::input::read_text;
use crate::output::{pattern_error, EXIT_INVALID, EXIT_MATCH};
use eventpattern::export::{export, Format};

/// Reads `--format`: one of the library's format ids.
pub fn format_id(id: &str) -> Result<Format, String> {
    Format::from_id(id).ok_or_else(|| {
        let ids: Vec<&str> = Format::ALL.iter().map(|f| f.id()).collect();
        format!("unknown format `{id}`; one of: {}", ids.join(", "))
    })
}

/// Prints the snippet on stdout and its note (if any) on stderr.
pub fn run(pattern_file: &str, format: Format, name: Option<&str>) -> u8 {
    let text = match read_text(pattern_file) {
        Ok(t) => t,
        Err(m) => {
            eprintln!("error: {m}");
            return EXIT_INVALID;
        }
    };
    match export(&text, format, name) {
        Ok(out) => {
            print!("{}", out.text);
            if let Some(note) = out.note {
                eprintln!("note: {note}");
            }
            EXIT_MATCH
        }
        Err(e) => pattern_error(pattern_file, &text, &e, false),
    }
}
