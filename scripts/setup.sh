#!/usr/bin/env bash
# Installs every tool the build and the tests need, from the registries this
# project can reach (crates.io, npm, Debian apt). Idempotent: a second run only
# checks versions and returns in well under a second.
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=0.2.130
WASM_PACK_VERSION=0.15.1
BINARYEN_VERSION=132.0.0

log() { printf '[setup] %s\n' "$*" >&2; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q " ${WASM_BINDGEN_VERSION}\$"; then
  log "installing wasm-bindgen-cli ${WASM_BINDGEN_VERSION} (a few minutes)"
  # Not --locked: a locked dependency is newer than the registry here has.
  cargo install wasm-bindgen-cli --version "${WASM_BINDGEN_VERSION}"
fi

if ! wasm-pack --version 2>/dev/null | grep -q " ${WASM_PACK_VERSION}\$"; then
  log "installing wasm-pack ${WASM_PACK_VERSION}"
  cargo install wasm-pack --version "${WASM_PACK_VERSION}" --locked
fi

# npm tools (package.json): wasm-opt from binaryen (the only one that reads
# current rustc output), playwright-core, which drives the system Chromium,
# axe-core for the accessibility checks, yaml for checking exported snippets,
# terser, which minifies the page's JavaScript glue, and the AWS SDK's
# EventBridge client (scripts/test-server.sh).
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] \
   || [ ! -d node_modules/axe-core ] || [ ! -d node_modules/yaml ] || [ ! -x node_modules/.bin/terser ] \
   || [ ! -d node_modules/@aws-sdk/client-eventbridge ] \
   || ! grep -q "\"version\": \"${BINARYEN_VERSION}\"" node_modules/binaryen/package.json 2>/dev/null; then
  log "installing npm tools (binaryen, terser, playwright-core, axe-core, yaml, @aws-sdk/client-eventbridge)"
  npm ci --no-audit --no-fund >&2
fi

if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  log "installing chromium and chromium-driver from Debian"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >&2
  if ! apt-get install -y -q --no-install-recommends chromium chromium-driver >&2; then
    apt-get install -y -q -f >&2
    apt-get install -y -q --no-install-recommends chromium chromium-driver >&2
  fi
fi
log "all tools present"
