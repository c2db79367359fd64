#!/usr/bin/env bash
# Builds the browser app and serves it: http://$HOST:$PORT/ (127.0.0.1:8080).
# Installs what is missing first (scripts/setup.sh). Ctrl+C stops the server.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8080}
scripts/setup.sh
export NODE_PATH=/usr/share/nodejs  # Debian's emscripten needs acorn from here
[ -f build/wasm/build.ninja ] || cmake --preset wasm
cmake --build --preset wasm --target qaward_app
exec node scripts/serve.mjs build/wasm/web --host "$HOST" --port "$PORT"
