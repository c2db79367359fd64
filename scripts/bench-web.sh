#!/usr/bin/env bash
# Packaging in the browser: time, WebAssembly heap and the longest main-thread
# task, in headless Chromium. SIZE_MB (default 100) of random attachments.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/setup.sh >/dev/null
export NODE_PATH=/usr/share/nodejs
[ -f build/wasm/build.ninja ] || cmake --preset wasm >/dev/null
cmake --build --preset wasm --target qaward_app qaward_web_page >/dev/null
QAWARD_WEB_DIR=build/wasm/web NODE_PATH="$root/node_modules" node scripts/bench/web_package.mjs
