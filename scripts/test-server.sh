#!/usr/bin/env bash
# Real AWS clients nobody here wrote against `eventpattern serve`: boto3 and
# the AWS CLI (PyPI, in a venv under target/) and the AWS SDK for JavaScript's
# EventBridge client (npm, package.json). Every conformance case whose event
# carries the envelope goes through boto3 and the JS SDK, an even sample of
# them through the AWS CLI (one process per call); each must give AWS's verdict
# or AWS's exception type and message. Then the Jest example (examples/jest-sdk,
# Jest and the SDK from npm into its copy under target/). Installs what is
# missing first. The hostile-request table is the server crate's Rust tests
# (cargo test).
set -euo pipefail
cd "$(dirname "$0")/.."

BOTO3_VERSION=1.44.8
AWSCLI_VERSION=1.46.3
AWSCLI_SAMPLE=40
VENV=target/aws-clients

log() { printf '[test-server] %s\n' "$*" >&2; }

if ! "$VENV/bin/python" -c "import boto3, awscli, sys; sys.exit(boto3.__version__ != '$BOTO3_VERSION' or awscli.__version__ != '$AWSCLI_VERSION')" 2>/dev/null; then
  if ! python3 -c "import ensurepip, venv" 2>/dev/null; then
    log "installing python3-venv from Debian"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >&2
    apt-get install -y -q --no-install-recommends python3-venv >&2
  fi
  log "installing boto3 $BOTO3_VERSION and awscli $AWSCLI_VERSION into $VENV"
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check "boto3==$BOTO3_VERSION" "awscli==$AWSCLI_VERSION" >&2
fi
if [ ! -d node_modules/@aws-sdk/client-eventbridge ]; then
  log "installing npm packages (package.json)"
  npm ci --no-audit --no-fund >&2
fi

cargo build -q --locked -p eventpattern-cli
url_file=$(mktemp)
target/debug/eventpattern serve --port 0 >"$url_file" &
server=$!
stop_server() {
  if kill -0 "$server" 2>/dev/null; then
    kill -TERM "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -f "$url_file"
}
trap stop_server EXIT
for _ in $(seq 1 500); do
  [ -s "$url_file" ] && break
  kill -0 "$server" 2>/dev/null || { log "the server did not start"; exit 1; }
  sleep 0.02
done
url=$(head -n 1 "$url_file")
log "endpoint $url"

cases="$VENV/cases.jsonl"
python3 tests/clients/cases.py tests/conformance.jsonl "$cases"
status=0
"$VENV/bin/python" tests/clients/boto3_client.py "$url" "$cases" || status=1
NODE_NO_WARNINGS=1 node tests/clients/js_sdk.mjs "$url" "$cases" || status=1
"$VENV/bin/python" tests/clients/awscli_client.py "$VENV/bin/aws" "$url" "$cases" "$AWSCLI_SAMPLE" || status=1

# SIGTERM stops the endpoint cleanly (exit 0).
kill -TERM "$server"
if wait "$server"; then
  echo "graceful stop: 1 passed, 0 failed"
else
  echo "graceful stop: 0 passed, 1 failed (exit status $?)"
  status=1
fi
# examples/jest-sdk: Jest's globalSetup starts `eventpattern serve --port 0`
# and tests call it through the JS SDK's TestEventPatternCommand.
log "examples/jest-sdk: the JavaScript SDK from Jest, endpoint started by globalSetup"
example=target/jest-sdk
rm -rf "$example" && mkdir -p "$example"
cp examples/jest-sdk/package.json examples/jest-sdk/*.js "$example/"
bin="$PWD/target/debug/eventpattern"
(
  cd "$example"
  npm install --no-audit --no-fund --silent
  EVENTPATTERN_BIN="$bin" NODE_NO_WARNINGS=1 npx jest --ci
) || status=1
exit "$status"
