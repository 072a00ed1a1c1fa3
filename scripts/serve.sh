#!/usr/bin/env bash
# Installs what is missing, builds the playground and serves it on
# http://127.0.0.1:8080 (override with PORT). The page is static: dist/ can be
# copied to any static host.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build-web.sh
port="${PORT:-8080}"
echo "serving the playground on http://127.0.0.1:${port}/ (Ctrl-C to stop)" >&2
exec python3 -m http.server "$port" --bind 127.0.0.1 --directory dist
