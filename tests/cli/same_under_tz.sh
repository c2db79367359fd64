#!/usr/bin/env bash
# same_under_tz.sh QAWARD: the calendar and publicity answers do not depend
# on the machine's time zone (devices in Xinjiang may be set to Asia/Urumqi,
# UTC+6). Runs each command under three zones and compares the outputs.
set -u
q=$1
status=0
while IFS= read -r args; do
  [ -z "$args" ] && continue
  args=${args//PROFILE/$(dirname "$0")/profiles/eligible.json}
  ref=$(TZ=Asia/Shanghai $q $args 2>&1)
  for tz in Asia/Urumqi America/Los_Angeles UTC; do
    out=$(TZ=$tz $q $args 2>&1)
    if [ "$out" != "$ref" ]; then
      echo "differs under TZ=$tz: qaward $args"
      diff <(echo "$ref") <(echo "$out") | head -10
      status=1
    fi
  done
done <<'LIST'
publicity --start 2025-09-26T16:00 --now 2025-09-30T10:00 --format json
publicity --start 2025-09-26T23:30 --now 2025-09-26T23:59:59
publicity --start 2025-09-26T16:00 --now 2025-10-20T09:00
workdays count --from 2025-06-01 --to 2025-06-30
workdays is 2025-06-09
timeline --start 2026-03-02 --format json
eligibility --profile PROFILE --date 2025-12-01 --format json
LIST
# The package bytes, too (ZIP times are Beijing wall clock in every zone).
work=$(mktemp -d)
export QAWARD_PASSPHRASE='time zone test passphrase'
$q keygen --out "$work/k" >/dev/null
for tz in Asia/Shanghai Asia/Urumqi America/Los_Angeles UTC; do
  TZ=$tz $q package --draft "$(dirname "$0")/../../assets/examples/draft.json" --key "$work/k.key" \
    --out "$work/$(echo $tz | tr / _).zip" --now 2026-03-16T10:00 >/dev/null || status=1
done
if [ "$(sha256sum "$work"/*.zip | cut -d' ' -f1 | sort -u | wc -l)" != 1 ]; then
  echo "the package differs between time zones"; status=1
fi
rm -rf "$work"
[ $status -eq 0 ] && echo "same output under Asia/Shanghai, Asia/Urumqi, America/Los_Angeles and UTC"
exit $status
