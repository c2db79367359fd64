#!/usr/bin/env bash
# In the browser (headless Chromium): attaching, packaging and verifying SIZE_MB
# (default 100) of attachments; prints each phase's time and rate, both
# WebAssembly heaps at their largest and the longest main-thread task.
# MAX_HEAP_MB=64 makes it fail when a heap grows beyond that (the tests do).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/setup.sh >/dev/null
export NODE_PATH=/usr/share/nodejs
[ -f build/wasm/build.ninja ] || cmake --preset wasm >/dev/null
cmake --build --preset wasm --target qaward_app qaward_web_page >/dev/null
QAWARD_WEB_DIR=build/wasm/web NODE_PATH="$root/node_modules" node scripts/bench/web_package.mjs
