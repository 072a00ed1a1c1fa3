#!/usr/bin/env bash
# Builds the playground into dist/: index.html, style, boot script and the
# wasm-pack output. Release by default; `--dev` for a quick unoptimised build.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
profile="--profile web"
[ "${1:-}" = "--dev" ] && profile=--dev
wasm-pack --log-level warn build --mode no-install web --target web --out-dir ../pkg --no-pack --no-typescript $profile
rm -rf dist && mkdir -p dist/pkg
cp index.html dist/
cp web/style.css web/boot.js dist/
cp pkg/eventpattern_web.js pkg/eventpattern_web_bg.wasm dist/pkg/
echo "built dist/ ($(du -sh dist | cut -f1))" >&2
