//! Reading the files named on the command line (`-` is standard input).

use std::io::Read;

/// The whole text of a file or of standard input.
pub fn read_text(name: &str) -> Result<String, String> {
    let mut bytes = Vec::new();
    let result = if name == "-" {
        std::io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::File::open(name).and_then(|mut f| f.read_to_end(&mut bytes).map(|_| ()))
    };
    result.map_err(|e| format!("cannot read {}: {e}", display_name(name)))?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{} is not UTF-8 text (invalid byte at offset {})",
            display_name(name),
            e.utf8_error().valid_up_to()
        )
    })
}

/// How a file is named in messages.
pub fn display_name(name: &str) -> &str {
    if name == "-" {
        "<stdin>"
    } else {
        name
    }
}
