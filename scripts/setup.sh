#!/usr/bin/env bash
# Installs everything the project needs on a fresh Debian bookworm machine.
# Idempotent: on a ready machine it checks and returns in seconds.
#   1. Debian packages (compilers, libraries, font, browser, test tools)
#   2. Debian *source* packages for the WebAssembly build, unpacked in .deps/src
#   3. npm test tooling (playwright-core, axe-core, puppeteer-core), from package-lock.json
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
deps="$root/.deps"
src="$deps/src"

step() { printf '[setup] %s\n' "$*"; }
fail() { printf '[setup] FAILED: %s\n' "$*" >&2; exit 1; }

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || fail "not root and no sudo: run as root to install Debian packages"
  sudo_cmd=(sudo)
fi

# --- 1. Debian binary packages -------------------------------------------
packages=(
  build-essential cmake ninja-build pkg-config
  emscripten
  googletest libgtest-dev
  nlohmann-json3-dev libsodium-dev libzip-dev zlib1g-dev libutf8proc-dev libssl-dev
  clang-14 libclang-rt-14-dev
  # Fonts (scripts/make_font.py): Noto Sans CJK; unicode-data for Unihan's
  # kTGH (通用规范汉字表, the base font's hanzi); BabelStone Han for the 26
  # URO/Ext A code points Noto lacks (U+9FF0-9FFF, U+4DB6-4DBF).
  python3 python3-fonttools fonts-noto-cjk unicode-data fonts-babelstone-han
  chromium
  firefox-esr  # tests/e2e/firefox.test.mjs: the core journey in a second engine
  minisign unzip zip bc time openssl
  nodejs npm
  node-acorn  # tests/web/baseline.mjs: the page's scripts parsed as the baseline browsers read them
  dpkg-dev
  fonts-dejavu-core  # a Latin-only base font for tests/gui/fonts_test.cpp
)
missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
    missing+=("$p")
  fi
done
# nodejs/npm may come from another repository (NodeSource); accept any working node + npm.
if command -v node >/dev/null && command -v npm >/dev/null; then
  filtered=()
  for p in "${missing[@]}"; do [[ "$p" == nodejs || "$p" == npm ]] || filtered+=("$p"); done
  missing=("${filtered[@]}")
fi
if [ ${#missing[@]} -gt 0 ]; then
  step "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq || fail "apt-get update (step 1: Debian package lists)"
  if ! "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
    # One at a time, to name the package that fails.
    for p in "${missing[@]}"; do
      "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "$p" >/dev/null \
        || fail "apt-get install $p (step 1: Debian packages)"
    done
  fi
else
  step "Debian packages: all present"
fi

# --- 2. Debian source packages for the wasm build -------------------------
# Each is unpacked once into .deps/src/<name>; a stamp file marks success.
# Dear ImGui is handled apart (2b): it comes from Debian unstable.
src_packages=(libsodium zlib libzip utf8proc)
need_src=()
for p in "${src_packages[@]}"; do
  [ -f "$src/$p/.unpacked" ] || need_src+=("$p")
done
if [ ${#need_src[@]} -gt 0 ]; then
  list=/etc/apt/sources.list.d/debian-src.sources
  if ! grep -rqs '^Types:.*deb-src' /etc/apt/sources.list.d/ && ! grep -qs '^deb-src' /etc/apt/sources.list; then
    step "adding a deb-src entry ($list)"
    uri=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
    [ -n "$uri" ] || uri=http://deb.debian.org/debian
    printf 'Types: deb-src\nURIs: %s\nSuites: bookworm\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' "$uri" \
      | "${sudo_cmd[@]}" tee "$list" >/dev/null
    "${sudo_cmd[@]}" apt-get update -qq || fail "apt-get update after adding deb-src (step 2: source packages)"
  fi
  mkdir -p "$deps/download"
  for p in "${need_src[@]}"; do
    step "fetching Debian source package $p"
    ( cd "$deps/download" && apt-get source --download-only -qq "$p" >/dev/null 2>&1 ) \
      || fail "apt-get source --download-only $p (step 2: source packages)"
    dsc=$(ls -t "$deps/download/${p}"_*.dsc | head -n1)
    rm -rf "$src/$p" && mkdir -p "$src"
    ( cd "$deps/download" && dpkg-source --no-check -x "$dsc" "$src/$p" >/dev/null 2>&1 ) \
      || fail "dpkg-source -x $dsc (step 2: unpacking $p)"
    touch "$src/$p/.unpacked"
  done
else
  step "Debian source packages: all unpacked in .deps/src"
fi

# --- 2b. Dear ImGui 1.92.x from Debian unstable (sid) ---------------------
# Why 1.92 and not bookworm's 1.86: 1.92 rasterises glyphs on demand, at any
# size (IMGUI_HAS_TEXTURES, ImGuiBackendFlags_RendererHasTextures, which the
# OpenGL3 backend implements). Every code point the font holds draws without
# glyph ranges, fonts (slices for rare characters) can be merged at run time,
# and a text-size or devicePixelRatio change needs no atlas rebuild. With 1.86
# each new code point or size meant ClearFonts/Build and a full re-upload
# (~230 ms for GB2312 at 16 px, more per extra size). 1.87+ also queues input
# events (no lost key presses) and has ImGuiPlatformIO clipboard/IME hooks.
# Only this one source package comes from sid, through a private source list
# under .deps/apt-sid (the machine's apt configuration is not touched; every
# other package stays on bookworm). Unstable moves, so any 1.92.* is accepted
# and the version found is recorded in .deps/src/imgui/.debian-version.
imgui_dir="$src/imgui"
imgui_ok() {
  [ -f "$imgui_dir/.unpacked" ] && grep -qs '^1\.92\.' "$imgui_dir/.debian-version"
}
if ! imgui_ok; then
  sid="$deps/apt-sid"
  mkdir -p "$sid/lists/partial" "$deps/download-sid"
  uri=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  [ -n "$uri" ] || uri=http://deb.debian.org/debian
  printf 'deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] %s sid main\n' "$uri" > "$sid/sources.list"
  sid_opts=(-o "Dir::Etc::SourceList=$sid/sources.list" -o Dir::Etc::SourceParts=/dev/null
            -o "Dir::State::Lists=$sid/lists" -o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache=)
  step "fetching Dear ImGui's source package from Debian unstable (sid)"
  apt-get "${sid_opts[@]}" update -qq >/dev/null 2>&1 \
    || fail "apt-get update of the private sid source list $sid/sources.list (step 2b: imgui from sid)"
  ver=$(apt-cache "${sid_opts[@]}" showsrc imgui 2>/dev/null | awk '/^Version:/ {print $2}' | sort -V | tail -n1)
  case "$ver" in
    1.92.*) ;;
    "") fail "sid has no source package imgui (step 2b)";;
    *) fail "sid carries imgui $ver, not 1.92.x; the app is written for the 1.92 API (step 2b)";;
  esac
  rm -f "$deps/download-sid"/imgui_*
  ( cd "$deps/download-sid" && apt-get "${sid_opts[@]}" source --download-only -qq "imgui=$ver" >/dev/null 2>&1 ) \
    || fail "apt-get source --download-only imgui=$ver from sid (step 2b)"
  dsc=$(ls -t "$deps/download-sid"/imgui_*.dsc | head -n1)
  rm -rf "$imgui_dir" && mkdir -p "$src"
  ( cd "$deps/download-sid" && dpkg-source --no-check -x "$dsc" "$imgui_dir" >/dev/null 2>&1 ) \
    || fail "dpkg-source -x $dsc (step 2b: unpacking imgui)"
  echo "$ver" > "$imgui_dir/.debian-version"
  touch "$imgui_dir/.unpacked"
  step "Dear ImGui $ver (Debian sid) unpacked in .deps/src/imgui"
else
  step "Dear ImGui $(cat "$imgui_dir/.debian-version") (Debian sid): unpacked in .deps/src/imgui"
fi

# --- 3. npm test tooling ---------------------------------------------------
lock="$root/package-lock.json"
stamp="$root/node_modules/.lock-sha256"
want=$(sha256sum "$lock" | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  step "installing npm test tooling (npm ci)"
  ( cd "$root" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error ) \
    || fail "npm ci (step 3: test tooling from package-lock.json)"
  echo "$want" > "$stamp"
else
  step "npm test tooling: up to date"
fi
step "ready"
