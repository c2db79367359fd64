#!/usr/bin/env bash
# Prints the page's transfer size, time to ready and idle CPU share.
# Builds the wasm preset first. RUNS=N repeats the start-up measurement.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/setup.sh >/dev/null
export NODE_PATH=/usr/share/nodejs
[ -f build/wasm/build.ninja ] || cmake --preset wasm >/dev/null
cmake --build --preset wasm --target qaward_app >/dev/null
QAWARD_WEB_DIR=build/wasm/web NODE_PATH="$root/node_modules" node scripts/bench/page.mjs
