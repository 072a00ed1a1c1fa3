#!/usr/bin/env bash
# Builds the Python wheel (packages/python: the engine through PyO3, one abi3
# wheel for CPython >= 3.9) into target/packages/eventpattern-<version>-*.whl.
# Installs maturin from PyPI into target/py-venv first (pinned in
# packages/python/requirements-build.txt); a second run reuses it.
set -euo pipefail
cd "$(dirname "$0")/.."

build_python() {
  local venv=target/py-venv
  if ! "$venv/bin/maturin" --version >/dev/null 2>&1 \
     || ! "$venv/bin/pip" freeze 2>/dev/null | grep -qxF -f packages/python/requirements-build.txt; then
    printf '[python] installing maturin into %s\n' "$venv" >&2
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r packages/python/requirements-build.txt
  fi
  mkdir -p target/packages
  rm -f target/packages/eventpattern-*.whl
  (cd packages/python && "../../$venv/bin/maturin" build --release --locked --quiet --out ../../target/packages)
  ls target/packages/eventpattern-*.whl
}

build_python
