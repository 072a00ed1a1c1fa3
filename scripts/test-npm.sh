#!/usr/bin/env bash
# Builds the npm package, installs the tarball into a fresh project under
# target/ and tests it there with Node's test runner: the whole conformance
# corpus through the CommonJS and ES module entries, and through the browser
# entry in headless Chromium (served over HTTP); a webpack bundle of the
# package run in Chromium; the API's shapes and errors; the TypeScript
# declarations (tsc); the README's JavaScript example. Then the CDK example
# (examples/jest-cdk). TypeScript, webpack, Jest, aws-cdk-lib and constructs
# come from npm, installed into the copies under target/.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export EVENTPATTERN_ROOT="$PWD"
log() { printf '[test-npm] %s\n' "$*" >&2; }

TYPESCRIPT_VERSION=5.9.3
WEBPACK_VERSION=5.113.0

bash scripts/build-packages.sh npm
version=$(node -p 'require("./target/npm-stage/package.json").version')
tarball="$PWD/target/packages/eventpattern-$version.tgz"

log "installing $(basename "$tarball") into a fresh project (target/npm-test)"
project=target/npm-test
rm -rf "$project" && mkdir -p "$project"
cp packages/npm/test/*.cjs packages/npm/test/*.mjs "$project/"
(
  cd "$project"
  echo '{"name": "eventpattern-npm-test", "private": true}' > package.json
  npm install --no-audit --no-fund --silent "$tarball" "typescript@$TYPESCRIPT_VERSION" "webpack@$WEBPACK_VERSION"
)
node scripts/readme-examples.mjs javascript > "$project/readme.test.cjs"

log "node --test (conformance through CommonJS, ES modules and the browser; webpack; API; types; README)"
(cd "$project" && node --test --test-reporter=spec)

log "examples/jest-cdk: a CDK rule's pattern from Template.fromStack, tested with Jest"
example=target/jest-cdk
rm -rf "$example" && mkdir -p "$example"
cp examples/jest-cdk/package.json examples/jest-cdk/*.js "$example/"
(
  cd "$example"
  npm install --no-audit --no-fund --silent
  npm install --no-audit --no-fund --silent --no-save "$tarball"
  npx jest --ci
)
log "all npm tests passed"
