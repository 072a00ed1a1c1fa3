#!/usr/bin/env bash
# Runs one fuzz target for SECONDS with the nightly toolchain and cargo-fuzz:
#   bash scripts/fuzz.sh TARGET SECONDS      (targets: ls fuzz/fuzz_targets)
# New inputs go to fuzz/corpus/TARGET (minimise with `cargo +nightly fuzz cmin
# TARGET` before committing); a failing or slow input is written to
# fuzz/artifacts/TARGET/ — copy it to tests/fuzz-regressions/TARGET/, where the
# stable replay test (crates/eventpattern-properties/tests/replay.rs) checks it.
set -euo pipefail
target=${1:?usage: scripts/fuzz.sh TARGET SECONDS}
seconds=${2:-60}
cd "$(dirname "$0")/.."
if ! rustup toolchain list | grep -q '^nightly'; then
    echo "fuzzing needs a nightly toolchain: rustup toolchain install nightly" >&2
    exit 2
fi
if ! cargo fuzz --help >/dev/null 2>&1; then
    echo "fuzzing needs cargo-fuzz: cargo install cargo-fuzz" >&2
    exit 2
fi
mkdir -p "fuzz/corpus/$target" "tests/fuzz-regressions/$target"
cd fuzz
# -timeout: an input slower than 10 s is reported as a hang; -rss_limit_mb:
# memory blow-ups are reported too.
cargo +nightly fuzz run "$target" "corpus/$target" "../tests/fuzz-regressions/$target" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536
