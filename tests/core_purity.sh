#!/usr/bin/env bash
# The core must build without ImGui, GLFW, GL or Emscripten (conventions.md):
# fails, naming the lines, if any core source includes such a header.
set -u
hits=$(grep -rnE '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"](imgui|emscripten|GLFW|GLES|GL/|imgui_)' "$1" || true)
if [ -n "$hits" ]; then
  echo "core/ includes UI or platform headers; move this code to app/:"
  echo "$hits"
  exit 1
fi
echo "core/ is free of UI and platform headers"
