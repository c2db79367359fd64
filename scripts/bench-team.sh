#!/usr/bin/env bash
# The team self-assessment with 20 raters x 23 items (issue 17): the CLI's
# merge (whole command) and, in headless Chromium, the coordinator importing
# the 20 rating files and reading the comparison: frames drawn and the main
# thread's tasks over 50 ms. Builds the native CLI and the wasm app first.
# DETAIL=1 prints each frame's cost and the page mirror's.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/setup.sh >/dev/null
[ -f build/native/build.ninja ] || cmake --preset native >/dev/null
cmake --build build/native --target qaward >/dev/null
export NODE_PATH=/usr/share/nodejs
[ -f build/wasm/build.ninja ] || cmake --preset wasm >/dev/null
cmake --build --preset wasm --target qaward_app >/dev/null
QAWARD_WEB_DIR=build/wasm/web QAWARD_CLI=build/native/bin/qaward NODE_PATH="$root/node_modules" node scripts/bench/team.mjs
