#!/usr/bin/env bash
# Packaging and verifying speed against the machine's own tools, on the same
# files: 256 MiB of random attachments (SIZE_MB to change). Prints seconds and
# the ratios the package issue sets as goals:
#   package <= 0.9 x (openssl dgst -sha256 + zip -0);  verify <= 1.5 x openssl dgst
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/setup.sh >/dev/null
[ -f build/native/build.ninja ] || cmake --preset native >/dev/null
cmake --build --preset native --target qaward >/dev/null
q="$root/build/native/bin/qaward"
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
t() { local s=$(date +%s.%N); "$@" >/dev/null 2>&1; local e=$(date +%s.%N); echo "$e - $s" | bc; }
best() { local b=""; for _ in 1 2 3; do local x=$(t "$@"); if [ -z "$b" ] || (( $(echo "$x < $b" | bc) )); then b=$x; fi; done; echo "$b"; }
dgst=$(best openssl dgst -sha256 "$work"/附件/*)
zip0=$(cd "$work" && best zip -0 -q -r "$work/plain.zip" 附件)
pkg=$(best "$q" package --draft "$work/draft.json" --key "$work/k.key" --out "$work/p.zip" --now 2026-03-16T10:00)
ver=$(best "$q" verify "$work/p.zip")
mbps() { echo "scale=0; $size_mb / $1" | bc; }
printf 'attachments: %d MiB in %d files (page cache warm; best of 3)\n' "$size_mb" "$files"
printf '  openssl dgst -sha256   %6.2f s  %5s MiB/s\n' "$dgst" "$(mbps "$dgst")"
printf '  zip -0                 %6.2f s  %5s MiB/s\n' "$zip0" "$(mbps "$zip0")"
printf '  qaward package         %6.2f s  %5s MiB/s  = %.2f x (dgst + zip -0)   goal <= 0.9\n' "$pkg" "$(mbps "$pkg")" "$(echo "$pkg / ($dgst + $zip0)" | bc -l)"
printf '  qaward verify          %6.2f s  %5s MiB/s  = %.2f x dgst              goal <= 1.5\n' "$ver" "$(mbps "$ver")" "$(echo "$ver / $dgst" | bc -l)"
