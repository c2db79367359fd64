#!/usr/bin/env bash
# Packaging and verifying speed against the machine's own tools, on the same
# files: 256 MiB of random attachments in 8 files (SIZE_MB to change), page
# cache warm. The four commands run in turns, three rounds, and the best time
# of each is kept. Prints seconds, peak memory and the goals of issue 13:
#   qaward verify  <= 0.9 x openssl dgst -sha256 over the same payload
#   qaward package <= 0.6 x (openssl dgst -sha256 + zip -0 -r) of the same files
#   peak RSS of each <= 64 MiB, whatever the size (SIZE_MB=1024 checks 1 GiB)
# Which qaward: QAWARD_BIN=path/to/qaward as it is, or QAWARD_BUILD_DIR=dir
# (a configured build tree; qaward is built there first), else build/native.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/setup.sh >/dev/null
if [ -n "${QAWARD_BIN:-}" ]; then
  q=$(realpath "$QAWARD_BIN")
else
  build=${QAWARD_BUILD_DIR:-build/native}
  if [ "$build" = build/native ] && [ ! -f build/native/build.ninja ]; then cmake --preset native >/dev/null; fi
  cmake --build "$build" --target qaward >/dev/null
  q="$(cd "$build" && pwd)/bin/qaward"
fi
size_mb=${SIZE_MB:-256}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/附件"
files=8
per=$((size_mb / files))
categories=(application_form self_assessment_report business_license evidence evidence evidence evidence evidence)
attachments=""
for i in $(seq 0 $((files - 1))); do
  head -c $((per * 1048576)) /dev/urandom > "$work/附件/证明材料$i.bin"
  attachments+="{\"path\":\"附件/证明材料$i.bin\",\"title\":\"证明材料$i\",\"category\":\"${categories[$i]}\"},"
done
python3 - "$root/assets/examples/draft.json" "$work/draft.json" "[${attachments%,}]" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["attachments"] = json.loads(sys.argv[3])
json.dump(d, open(sys.argv[2], "w"), ensure_ascii=False)
PY
export QAWARD_PASSPHRASE='benchmark passphrase'
"$q" keygen --out "$work/k" >/dev/null
sync
# Warm the page cache so that every tool reads from memory.
cat "$work"/附件/* > /dev/null

# One run of a command, its output dropped: the best seconds so far in
# best[NAME], the largest peak RSS (KiB, /usr/bin/time) in peak[NAME]. A
# command that fails stops the benchmark: its time would mean nothing.
declare -A best peak
measure() {
  local name=$1
  shift
  local start end seconds rss
  start=$(date +%s.%N)
  if ! /usr/bin/time -f %M -o "$work/rss" "$@" >/dev/null 2>"$work/err"; then
    echo "bench-package: $name failed: $*" >&2
    cat "$work/err" >&2
    exit 1
  fi
  end=$(date +%s.%N)
  seconds=$(echo "$end - $start" | bc)
  rss=$(tail -n 1 "$work/rss")
  if [ -z "${best[$name]:-}" ] || (( $(echo "$seconds < ${best[$name]}" | bc) )); then best[$name]=$seconds; fi
  if [ -z "${peak[$name]:-}" ] || [ "$rss" -gt "${peak[$name]}" ]; then peak[$name]=$rss; fi
}
for _ in 1 2 3; do
  measure dgst openssl dgst -sha256 "$work"/附件/*
  measure zip sh -c 'cd "$1" && rm -f plain.zip && exec zip -0 -q -r plain.zip 附件' sh "$work"
  measure package "$q" package --draft "$work/draft.json" --key "$work/k.key" --out "$work/p.zip" --now 2026-03-16T10:00 --force
  measure verify "$q" verify "$work/p.zip"
done

mbps() { echo "scale=0; $size_mb / $1" | bc; }
mib() { echo $(( $1 / 1024 )); }
verdict() { if (( $(echo "$1 <= $2" | bc) )); then echo met; else echo "NOT met"; fi; }
package_ratio=$(echo "${best[package]} / (${best[dgst]} + ${best[zip]})" | bc -l)
verify_ratio=$(echo "${best[verify]} / ${best[dgst]}" | bc -l)
printf 'attachments: %d MiB in %d files (page cache warm; best of 3, run in turns); %s, %s cores\n' \
  "$size_mb" "$files" "$("$q" --version 2>/dev/null | head -n 1)" "$(nproc)"
printf '  openssl dgst -sha256   %6.2f s  %5s MiB/s\n' "${best[dgst]}" "$(mbps "${best[dgst]}")"
printf '  zip -0 -r              %6.2f s  %5s MiB/s\n' "${best[zip]}" "$(mbps "${best[zip]}")"
printf '  qaward package         %6.2f s  %5s MiB/s  = %.2f x (dgst + zip -0)  goal <= 0.6: %s\n' \
  "${best[package]}" "$(mbps "${best[package]}")" "$package_ratio" "$(verdict "$package_ratio" 0.6)"
printf '  qaward verify          %6.2f s  %5s MiB/s  = %.2f x dgst             goal <= 0.9: %s\n' \
  "${best[verify]}" "$(mbps "${best[verify]}")" "$verify_ratio" "$(verdict "$verify_ratio" 0.9)"
printf '  peak RSS: package %d MiB, verify %d MiB                               goal <= 64: %s\n' \
  "$(mib "${peak[package]}")" "$(mib "${peak[verify]}")" \
  "$(verdict "$(( ${peak[package]} > ${peak[verify]} ? ${peak[package]} : ${peak[verify]} ))" $((64 * 1024)))"
