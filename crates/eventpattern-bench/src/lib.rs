//! What the benchmark programs share: their command line, reading the
//! workload and summarising passes.

/// `(median, best)` of the samples.
pub fn stats(mut v: Vec<f64>) -> (f64, f64) {
    v.sort_by(|a, b| a.total_cmp(b));
    (v[v.len() / 2], v[0])
}

/// The workload folder and the number of passes from `[WORKLOAD_DIR] [--passes N]`
/// (default: the committed sample in `bench/sample`).
pub fn args(default_passes: usize) -> (String, usize) {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../bench/sample").to_string();
    let mut passes = default_passes;
    let mut i = 0;
    while i < args.len() {
        if args[i] == "--passes" {
            passes = args
                .get(i + 1)
                .and_then(|s| s.parse().ok())
                .unwrap_or(passes);
            i += 1;
        } else {
            dir = args[i].clone();
        }
        i += 1;
    }
    (dir, passes)
}

/// A workload file's text; a missing file ends the run with its name.
pub fn read(dir: &str, name: &str) -> String {
    std::fs::read_to_string(format!("{dir}/{name}"))
        .unwrap_or_else(|e| panic!("cannot read {dir}/{name}: {e}"))
}
