#!/usr/bin/env bash
# Builds the playground into dist/: index.html, style, boot script and the
# wasm-pack output. Release by default; `--dev` for a quick unoptimised build.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
profile="--profile web"
[ "${1:-}" = "--dev" ] && profile=--dev
wasm-pack --log-level warn build --mode no-install web --target web --out-dir ../pkg --no-pack --no-typescript $profile
# The rules × events page: its own bundle, loaded only when that page opens.
wasm-pack --log-level warn build --mode no-install web-batch --target web --out-dir ../pkg-batch --no-pack --no-typescript $profile
rm -rf dist && mkdir -p dist/pkg dist/pkg-batch
cp index.html batch.html dist/
cp web-batch/boot.js dist/batch-boot.js
# Templates other than the first are fetched when picked (web/src/templates.rs).
mkdir -p dist/templates
cp examples/templates/*.json dist/templates/
cp web/style.css web/boot.js dist/
if [ "$profile" = "--dev" ]; then
  cp pkg/eventpattern_web.js pkg/eventpattern_web_bg.wasm dist/pkg/
  cp pkg-batch/eventpattern_batch_web.js pkg-batch/eventpattern_batch_web_bg.wasm dist/pkg-batch/
else
  # wasm-opt and terser run here rather than inside wasm-pack, so the flags
  # are exactly these (binaryen from npm). The glue is minified (terser, npm).
  wasm-opt -Oz --converge --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-reference-types --enable-sign-ext --enable-mutable-globals --strip-producers --strip-target-features \
    pkg/eventpattern_web_bg.wasm -o dist/pkg/eventpattern_web_bg.wasm
  terser pkg/eventpattern_web.js --module --compress --mangle -o dist/pkg/eventpattern_web.js
  wasm-opt -Oz --converge --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-reference-types --enable-sign-ext --enable-mutable-globals --strip-producers --strip-target-features \
    pkg-batch/eventpattern_batch_web_bg.wasm -o dist/pkg-batch/eventpattern_batch_web_bg.wasm
  terser pkg-batch/eventpattern_batch_web.js --module --compress --mangle -o dist/pkg-batch/eventpattern_batch_web.js
fi
echo "built dist/ ($(du -sh dist | cut -f1))" >&2
