#!/usr/bin/env bash
# bundle_flow.sh QAWARD DRAFT WORKDIR: the district's bundle for the office
# (issue 18): two applicants' packages countersigned by the district after its
# recommendation publicity, bundled, verified as a chain by the office (and
# the index by minisign -V); then each way the chain can break, each case from
# intact inputs and checked for its own reason: a tampered package inside, a
# package not in the index, a swapped district key, a key the office did not
# register, a countersignature before the publicity ended, a publicity not
# over or with an objection open, another district's key, a package given
# twice, and an output that would replace an input.
set -u
q=$1; draft=$2; work=$3
rm -rf "$work" && mkdir -p "$work"
fail() { echo "FAIL: $*"; exit 1; }
unit=天山区市场监督管理局
export QAWARD_PASSPHRASE='申报组织的口令 2026'
$q keygen --out "$work/org" >/dev/null || fail "keygen"
for k in district other; do QAWARD_PASSPHRASE='区县口令 2026' $q keygen --out "$work/$k" >/dev/null || fail "keygen $k"; done
# Two packages (the applicants' own publicity ended 13 March).
$q package --draft "$draft" --key "$work/org.key" --out "$work/p1.zip" --now 2026-03-16T10:00 >/dev/null 2>&1 || fail "package 1"
$q package --draft "$draft" --key "$work/org.key" --out "$work/p2.zip" --now 2026-03-16T11:00 >/dev/null 2>&1 || fail "package 2"
export QAWARD_PASSPHRASE='区县口令 2026'
countersign() {  # package key out time
  $q countersign "$work/$1" --key "$work/$2.key" --unit $unit --opinion 同意推荐 --out "$work/$3" --now "$4" >/dev/null || fail "countersign $3"
}
# The district's publicity: posted 17 March 09:00; 20 March is a Xinjiang
# holiday (肉孜节), so its 5 working days end at 24:00 on 25 March.
cat > "$work/record.json" <<'EOF'
{ "posted_at": "2026-03-17T09:00:00+08:00", "posting_day_counts": false, "region": "xinjiang",
  "where": "天山区人民政府网站", "contact": { "department": "天山区市场监督管理局", "person": "阿依古丽", "phone": "0991-5550000" },
  "objections": [] }
EOF
countersign p1.zip district c1.zip 2026-03-26T10:00
countersign p2.zip district c2.zip 2026-03-26T10:30
bundle() {  # out, then more options
  local out=$1; shift
  $q bundle --packages "$work/c1.zip" "$work/c2.zip" --key "$work/district.key" --unit $unit --publicity "$work/record.json" \
    --out "$work/$out" "$@"
}
bundle b.zip --now 2026-03-27T10:00 > "$work/out" || fail "bundle: $(cat "$work/out")"
grep -q "已写入推荐汇总包：2 个申报包" "$work/out" || fail "the bundle's summary"

# The office: the chain is valid with the district's registered key.
$q verify "$work/b.zip" --district-pubkey "$work/district.pub" > "$work/verify" || fail "verify the bundle: $(cat "$work/verify")"
grep -q "区县推荐公示已于 2026年3月25日24时 期满" "$work/verify" || fail "the district's publicity end: $(cat "$work/verify")"
[ "$(grep -c '^  校验通过 QA-' "$work/verify")" = 2 ] || fail "both packages valid"
$q verify "$work/b.zip" --district-pubkey "$work/district.pub" --format json | python3 -c '
import json, sys
r = json.load(sys.stdin)
assert r["kind"] == "bundle" and r["valid"] and r["key_pinned"], r
assert [p["package"]["valid"] for p in r["packages"]] == [True, True]
assert r["publicity"]["end"] == "2026-03-26T00:00:00+08:00", r["publicity"]
' || fail "the JSON report"
# The index verifies with the standard minisign.
mkdir "$work/u" && (cd "$work/u" && unzip -q ../b.zip && minisign -Vm index.json -p district.pub >/dev/null) || fail "minisign -V on the index"
# Without a registered key: valid, with the warning to compare the fingerprint.
$q verify "$work/b.zip" > "$work/unpinned" || fail "verify without --district-pubkey"
grep -q "没有核对区县公钥" "$work/unpinned" || fail "the unpinned key is not said"

expect() {  # name, exit code, text the output must hold, command...
  local name=$1 code=$2 text=$3; shift 3
  "$@" > "$work/$name.out" 2>&1; local got=$?
  [ $got -eq "$code" ] || fail "$name: exit $got, expected $code: $(cat "$work/$name.out")"
  grep -q -- "$text" "$work/$name.out" || fail "$name: no \"$text\" in: $(cat "$work/$name.out")"
}
# A key the office did not register.
expect unknown_key 1 "未登记的区县公钥" $q verify "$work/b.zip" --district-pubkey "$work/other.pub"

# A package changed inside the bundle (one attachment byte, stored as it is).
cp "$work/b.zip" "$work/tampered.zip"
"$(dirname "$0")/flip_byte.py" "$work/tampered.zip" "示例文件，非真实证照" || fail "flip a byte"
expect tampered 1 "与索引记录的 SHA-256 不符" $q verify "$work/tampered.zip" --district-pubkey "$work/district.pub"
grep -q "营业执照副本.txt" "$work/tampered.out" || grep -q "申报包 QA-.* 校验不通过" "$work/tampered.out" || fail "the tampered package is not named"

# The district key swapped for another (the index's signature no longer holds).
cp "$work/b.zip" "$work/swapped.zip"
(cd "$work" && mkdir swap && cp other.pub swap/district.pub && cd swap && zip -q -0 ../swapped.zip district.pub) || fail "swap the key"
expect swapped 1 "签名无效" $q verify "$work/swapped.zip" --district-pubkey "$work/district.pub"

# A package slipped in that the index does not list.
cp "$work/b.zip" "$work/slipped.zip"
(cd "$work" && mkdir -p slip/packages && cp p1.zip slip/packages/QA-extra.zip && cd slip && zip -q -0 ../slipped.zip packages/QA-extra.zip) || fail "slip a package in"
expect slipped 1 "不在索引中" $q verify "$work/slipped.zip" --district-pubkey "$work/district.pub"

# The bundler refuses, each for its reason, and writes nothing:
# a countersignature before the publicity ended,
countersign p1.zip district early.zip 2026-03-25T10:00
expect early 1 "早于区县推荐公示期满" $q bundle --packages "$work/early.zip" --key "$work/district.key" --unit $unit \
  --publicity "$work/record.json" --out "$work/early-bundle.zip" --now 2026-03-27T10:00
[ -e "$work/early-bundle.zip" ] && fail "a refused bundle was written"
# the publicity not over yet,
expect not_over 1 "才期满" bundle not-over.zip --now 2026-03-25T12:00
# an objection still open,
python3 - "$work/record.json" "$work/open.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
r["objections"] = [{"received_on": "2026-03-19", "from": "某企业", "summary": "对推荐名单有异议"}]
json.dump(r, open(sys.argv[2], "w"), ensure_ascii=False)
PY
expect objection 1 "第 1 条异议尚未处理完" $q bundle --packages "$work/c1.zip" --key "$work/district.key" --unit $unit \
  --publicity "$work/open.json" --out "$work/objection.zip" --now 2026-03-27T10:00
# packages countersigned by another district's key,
expect other_key 1 "没有区县公钥" $q bundle --packages "$work/c1.zip" --key "$work/other.key" --unit $unit \
  --publicity "$work/record.json" --out "$work/other.zip" --now 2026-03-27T10:00
# the same package twice,
expect twice 1 "出现了两次" $q bundle --packages "$work/c1.zip" "$work/c1.zip" --key "$work/district.key" --unit $unit \
  --publicity "$work/record.json" --out "$work/twice.zip" --now 2026-03-27T10:00
# and an output that would replace one of its inputs (nothing a user names is destroyed).
before=$(sha256sum < "$work/c1.zip")
expect out_is_input 2 "c1.zip" $q bundle --packages "$work/c1.zip" --key "$work/district.key" --unit $unit \
  --publicity "$work/record.json" --out "$work/c1.zip" --now 2026-03-27T10:00 --force
[ "$(sha256sum < "$work/c1.zip")" = "$before" ] || fail "an input was replaced"

# The office's intake: the bundle above and a second one that sends c1 again.
$q bundle --packages "$work/c1.zip" --key "$work/district.key" --unit $unit --publicity "$work/record.json" \
  --out "$work/again.zip" --now 2026-03-28T10:00 >/dev/null || fail "the second bundle"
$q intake "$work/b.zip" --district-pubkey "$work/district.pub" --report "$work/list.html" --posted-at 2026-04-01T09:00 > "$work/intake" \
  || fail "intake of one good bundle: $(cat "$work/intake")"
grep -q "列入受理名单 2 个" "$work/intake" || fail "both accepted"
grep -q "公示期：2026年4月1日 09:00至2026年4月9日24时（5 个工作日" "$work/list.html" || fail "the acceptance list's period"
[ "$(grep -c '<td>乌鲁木齐天山精工质量技术有限公司</td>' "$work/list.html")" = 2 ] || fail "the acceptance list's rows"
grep -qE "\{[a-z_]+\}" "$work/list.html" && fail "a placeholder of the acceptance list is left unfilled"
expect two_bundles 1 "同时出现在" $q intake "$work/b.zip" "$work/again.zip" --district-pubkey "$work/district.pub" --report "$work/work.csv"
grep -q "列入受理名单 1 个" "$work/two_bundles.out" || fail "the package sent once is still accepted"
[ "$(grep -c '"不受理","申报包 QA-91330100716105852F-20260316T100000 同时出现在' "$work/work.csv")" = 2 ] || fail "the working list's reasons"
expect same_file 2 "给出了两次" $q intake "$work/b.zip" "$work/b.zip"
# A package given where a bundle belongs is named as a package (the wrong file, not a broken one).
expect package_as_bundle 2 "这是一个申报包，不是区县的推荐汇总包" $q intake "$work/c1.zip"
grep -q "的推荐汇总包， 生成" "$work/package_as_bundle.out" && fail "an empty unit and time printed for a file that is no bundle"
echo "PASS bundle flow"
