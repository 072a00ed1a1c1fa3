#!/usr/bin/env bash
# Builds the packages for other languages into target/packages/:
#   npm:    eventpattern-<version>.tgz (crates/eventpattern-js + packages/npm)
#   python: eventpattern-<version>-cp39-abi3-*.whl (crates/eventpattern-py + packages/python)
# Installs what it needs first (scripts/setup.sh; maturin from PyPI into
# target/py-venv). Arguments name the packages to build (`npm`, `python`);
# none builds them all. The wheel's path is the last line on stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
log() { printf '[build-packages] %s\n' "$*" >&2; }

version=$(cargo metadata --no-deps --format-version 1 --locked |
  node -e 'const m = JSON.parse(require("fs").readFileSync(0, "utf8")); console.log(m.packages.find(p => p.name === "eventpattern").version)')
mkdir -p target/packages

# The npm package: one WebAssembly module and two wasm-bindgen glues for it
# (Node's CommonJS one, which reads the module synchronously, and the ES
# module one for browsers and bundlers), the API (packages/npm/src/api.js)
# wrapped for each, and the type declarations.
build_npm() {
  local wasm=target/wasm32-unknown-unknown/npm/eventpattern_js.wasm
  local stage=target/npm-stage
  log "npm: compiling crates/eventpattern-js to wasm32 (profile npm)"
  cargo build -p eventpattern-js --target wasm32-unknown-unknown --profile npm --locked
  rm -rf "$stage" && mkdir -p "$stage/wasm" "$stage/glue-node" "$stage/glue-web"
  wasm-bindgen --target nodejs --out-dir "$stage/glue-node" "$wasm"
  wasm-bindgen --target web --out-dir "$stage/glue-web" "$wasm"
  # The two glues use the same module (compared here, so one copy ships).
  cmp "$stage/glue-node/eventpattern_js_bg.wasm" "$stage/glue-web/eventpattern_js_bg.wasm"
  # -O3, not -Oz: Node is the main user and matching speed counts there.
  wasm-opt -O3 --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-reference-types --enable-sign-ext --enable-mutable-globals --strip-producers \
    "$stage/glue-node/eventpattern_js_bg.wasm" -o "$stage/wasm/eventpattern_js_bg.wasm"
  sed -e '/@ts-self-types/d' "$stage/glue-node/eventpattern_js.js" > "$stage/wasm/node.cjs"
  sed -e '/@ts-self-types/d' "$stage/glue-web/eventpattern_js.js" > "$stage/wasm/web.mjs"
  rm -rf "$stage/glue-node" "$stage/glue-web"
  local names="matches, explain, validate, lint, RuleSet, wrapCloudTrail, example, PatternError, EventError"
  {
    echo '"use strict";'
    cat packages/npm/src/api.js
    echo 'module.exports = createApi(require("./wasm/node.cjs"));'
  } > "$stage/index.cjs"
  {
    echo 'import api from "./index.cjs";'
    echo "export const { $names } = api;"
    echo 'export default api;'
  } > "$stage/index.mjs"
  {
    echo 'import init, * as core from "./wasm/web.mjs";'
    echo 'await init({ module_or_path: new URL("./wasm/eventpattern_js_bg.wasm", import.meta.url) });'
    cat packages/npm/src/api.js
    echo 'const api = createApi(core);'
    echo "export const { $names } = api;"
    echo 'export default api;'
  } > "$stage/web.mjs"
  cp packages/npm/src/index.d.ts "$stage/index.d.ts"
  {
    cat packages/npm/src/index.d.ts
    echo
    echo "/** The whole API as one object (the ES module entries' default export). */"
    echo "declare const eventpattern: { $(echo "$names" | sed -E 's/([A-Za-z]+)/\1: typeof \1/g; s/,/;/g') };"
    echo "export default eventpattern;"
  } > "$stage/index.d.mts"
  cp packages/npm/README.md "$stage/"
  sed -e "s/\"0.0.0-set-by-build\"/\"$version\"/" packages/npm/package.json > "$stage/package.json"
  rm -f "target/packages/eventpattern-$version.tgz"
  (cd "$stage" && npm pack --silent --pack-destination ../packages >/dev/null)
  log "npm: target/packages/eventpattern-$version.tgz ($(wc -c < "target/packages/eventpattern-$version.tgz") bytes)"
}

# The Python wheel: PyO3 through maturin (pinned in
# packages/python/requirements-build.txt), one abi3 wheel for CPython >= 3.9.
build_python() {
  local venv=target/py-venv
  if ! "$venv/bin/maturin" --version >/dev/null 2>&1 \
     || ! "$venv/bin/pip" freeze 2>/dev/null | grep -qxF -f packages/python/requirements-build.txt; then
    log "python: installing maturin into $venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r packages/python/requirements-build.txt
  fi
  rm -f target/packages/eventpattern-*.whl
  (cd packages/python && "../../$venv/bin/maturin" build --release --locked --quiet --out ../../target/packages)
  log "python: $(ls target/packages/eventpattern-*.whl)"
  ls target/packages/eventpattern-*.whl
}

bash scripts/setup.sh >&2
# Which packages: the arguments (npm, python), else all of them.
[ $# -gt 0 ] || set -- npm python
for package in "$@"; do
  "build_$package"
done
