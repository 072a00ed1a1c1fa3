#!/usr/bin/env bash
# Builds the Python wheel, installs it into a fresh virtual environment
# (target/py-test) with the test tools from PyPI (pinned in
# packages/python/requirements-test.txt) and runs packages/python/tests: the
# conformance corpus, errors, RuleSet, matches_many, and the DuckDB and
# PySpark examples at small size, and explain()/lint()/errors against the
# CLI's --json. PySpark needs Java 17 or later (Debian's 17 if none).
set -euo pipefail
cd "$(dirname "$0")/.."
log() { printf '[python] %s\n' "$*" >&2; }

# PySpark 4 runs on Java 17 or later.
java_major=$( (java -version 2>&1 || true) | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)
if [ "${java_major:-0}" -lt 17 ]; then
  log "installing a Java 17 runtime from Debian (for PySpark)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >&2
  apt-get install -y -q --no-install-recommends openjdk-17-jre-headless >&2
fi

wheel=$(bash scripts/build-packages.sh python | tail -n 1)
log "built $wheel"

venv=target/py-test
rm -rf "$venv"
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check -r packages/python/requirements-test.txt "$wheel"
log "installed into a fresh $venv"

# The CLI, to check that explain(), lint() and the errors say what its --json says.
cargo build -p eventpattern-cli --locked --quiet
export EVENTPATTERN_CLI="$PWD/target/debug/eventpattern"

# From the package folder, but the tests import the installed wheel (the
# sources live in packages/python/python, which is not on the path).
cd packages/python
exec "../../$venv/bin/python" -m pytest -q -p no:cacheprovider tests
