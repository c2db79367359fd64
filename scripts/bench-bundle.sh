#!/usr/bin/env bash
# A district's bundle of 30 packages of 20 MiB each (COUNT, SIZE_MB to
# change), verified natively: qaward verify (every package read in place
# inside the bundle: its SHA-256 against the index, then the package's own
# checks) against openssl dgst -sha256 over the same bytes, best of 3 in turns,
# with qaward's peak memory. Goal (issue 18): under 2 x openssl. Then the
# same bundle verified in the page (scripts/bench/web_bundle.mjs, the wasm
# preset built first): goal >= 100 MB/s with the worker's heap <= 64 MiB.
# WEB=0 skips the page.
# Which qaward: QAWARD_BIN=path/to/qaward, else build/native (built first).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/setup.sh >/dev/null
if [ -n "${QAWARD_BIN:-}" ]; then
  q=$(realpath "$QAWARD_BIN")
else
  [ -f build/native/build.ninja ] || cmake --preset native >/dev/null
  cmake --build build/native --target qaward >/dev/null
  q="$root/build/native/bin/qaward"
fi
count=${COUNT:-30}
size_mb=${SIZE_MB:-20}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/附件"
head -c $((size_mb * 1048576)) /dev/urandom > "$work/附件/证明材料.bin"
python3 - "$root/assets/examples/draft.json" "$work/draft.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["attachments"].append({"path": "附件/证明材料.bin", "title": "证明材料", "category": "evidence"})
json.dump(d, open(sys.argv[2], "w"), ensure_ascii=False)
PY
cp "$root"/assets/examples/附件/* "$work/附件/"
export QAWARD_PASSPHRASE='benchmark passphrase'
"$q" keygen --out "$work/org" >/dev/null
"$q" keygen --out "$work/district" >/dev/null
cat > "$work/record.json" <<'JSON'
{ "posted_at": "2026-03-17T09:00:00+08:00", "posting_day_counts": false, "region": "xinjiang", "where": "区政府网站", "objections": [] }
JSON
packages=()
for i in $(seq 1 "$count"); do
  minute=$(printf '%02d' $((i % 60)))
  hour=$((10 + i / 60))
  "$q" package --draft "$work/draft.json" --key "$work/org.key" --out "$work/p$i.zip" --now "2026-03-16T$hour:$minute" >/dev/null 2>&1
  "$q" countersign "$work/p$i.zip" --key "$work/district.key" --unit 天山区市场监督管理局 --opinion 同意推荐 \
    --out "$work/c$i.zip" --now 2026-03-26T10:00 >/dev/null
  rm "$work/p$i.zip"
  packages+=("$work/c$i.zip")
done
"$q" bundle --packages "${packages[@]}" --key "$work/district.key" --unit 天山区市场监督管理局 --publicity "$work/record.json" \
  --out "$work/b.zip" --now 2026-03-27T10:00 >/dev/null
rm "$work"/c*.zip
sync
cat "$work/b.zip" > /dev/null  # the page cache warm: both read from memory
declare -A best
peak=0
for _ in 1 2 3; do
  for name in dgst verify; do
    start=$(date +%s.%N)
    if [ $name = dgst ]; then openssl dgst -sha256 "$work/b.zip" >/dev/null
    else /usr/bin/time -f %M -o "$work/rss" "$q" verify "$work/b.zip" --district-pubkey "$work/district.pub" >/dev/null
         rss=$(tail -n 1 "$work/rss"); [ "$rss" -gt "$peak" ] && peak=$rss; fi
    seconds=$(echo "$(date +%s.%N) - $start" | bc)
    if [ -z "${best[$name]:-}" ] || (( $(echo "$seconds < ${best[$name]}" | bc) )); then best[$name]=$seconds; fi
  done
done
bytes=$(stat -c %s "$work/b.zip")
ratio=$(echo "${best[verify]} / ${best[dgst]}" | bc -l)
printf 'bundle: %d packages of %d MiB, %d MiB in all; %s, %s cores (page cache warm; best of 3, in turns)\n' \
  "$count" "$size_mb" $((bytes / 1048576)) "$("$q" --version | head -n 1)" "$(nproc)"
printf '  openssl dgst -sha256  %6.2f s\n' "${best[dgst]}"
printf '  qaward verify         %6.2f s  (%.2f x openssl; goal < 2 x: %s), peak memory %d MiB\n' \
  "${best[verify]}" "$ratio" "$( (( $(echo "$ratio < 2" | bc) )) && echo met || echo 'NOT met')" $((peak / 1024))
if [ "${WEB:-1}" != 0 ]; then
  export NODE_PATH=/usr/share/nodejs
  [ -f build/wasm/build.ninja ] || cmake --preset wasm >/dev/null
  cmake --build --preset wasm --target qaward_app >/dev/null
  QAWARD_WEB_DIR=build/wasm/web NODE_PATH="$root/node_modules" node scripts/bench/web_bundle.mjs "$work/b.zip" "$work/district.pub" 3
fi
