#!/usr/bin/env bash
# scripts/fuzz.sh [SECONDS] [TARGET...]: runs each libFuzzer target (all four
# by default: package draft signature application) for SECONDS (default 60)
# under ASan + UBSan, starting from the seed corpora in tests/fuzz/corpus/,
# and prints the executions of each run. New corpus entries go to
# build/fuzz/corpus/. Two runs with different targets may go side by side
# once the targets are built (one per core).
set -euo pipefail
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(package draft signature application)
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/setup.sh >/dev/null
[ -f build/fuzz/build.ninja ] || cmake --preset fuzz >/dev/null
cmake --build --preset fuzz --target fuzz_package fuzz_draft fuzz_signature fuzz_application >/dev/null
for target in "${targets[@]}"; do
  corpus=build/fuzz/corpus/$target
  mkdir -p "$corpus"
  log=build/fuzz/$target.log
  dict=()  # a target's dictionary of member names and values, when it has one
  [ -f tests/fuzz/$target.dict ] && dict=(-dict=tests/fuzz/$target.dict)
  if ! build/fuzz/tests/fuzz_$target -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -timeout=20 \
       "${dict[@]}" "$corpus" tests/fuzz/corpus/$target > "$log" 2>&1; then
    echo "fuzz_$target: FOUND A PROBLEM, see $log"; tail -30 "$log"; exit 1
  fi
  runs=$(grep -oE 'Done [0-9]+ runs' "$log" | tail -1)
  echo "fuzz_$target: ${runs:-no summary} in ${seconds} s, no finding (corpus $(ls "$corpus" | wc -l) entries)"
done
