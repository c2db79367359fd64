#!/usr/bin/env bash
# Runs every test: installs what is missing (scripts/setup.sh), builds the
# native and the WebAssembly presets, then one ctest run over the native tree,
# which covers the core unit tests (native and, the same sources, wasm under
# node), the CLI smoke tests and the browser end-to-end tests.
# Exit status is non-zero on any failure; ctest's summary is printed last.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/setup.sh
export NODE_PATH=/usr/share/nodejs  # Debian's emscripten needs acorn from here
jobs=${JOBS:-$(nproc)}

[ -f build/native/build.ninja ] || cmake --preset native
cmake --build --preset native --parallel "$jobs"
[ -f build/wasm/build.ninja ] || cmake --preset wasm
cmake --build --preset wasm --parallel "$jobs"

exec ctest --test-dir build/native --output-on-failure --parallel "$jobs" "$@"
