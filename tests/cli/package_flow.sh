#!/usr/bin/env bash
# package_flow.sh QAWARD DRAFT WORKDIR: the whole package flow through the CLI
# and the tools reviewers already have: keygen, package, verify, minisign -V on
# the unpacked bag, unzip -l with the Chinese names, a wrong passphrase, a
# wrong key, a tampered package, precheck reports, countersign.
set -u
q=$1; draft=$2; work=$3
rm -rf "$work" && mkdir -p "$work"
fail() { echo "FAIL: $*"; exit 1; }
export QAWARD_PASSPHRASE='申报组织的口令 2026'
$q keygen --out "$work/org" >/dev/null || fail "keygen"
$q keygen --out "$work/org" >/dev/null 2>&1 && fail "keygen overwrote an existing key"
QAWARD_PASSPHRASE='区县审核口令 2026' $q keygen --out "$work/office" >/dev/null || fail "office keygen"

QAWARD_PASSPHRASE='wrong passphrase' $q package --draft "$draft" --key "$work/org.key" --out "$work/x.zip" 2>"$work/err"
[ $? -eq 2 ] || fail "a wrong passphrase must exit 2"
grep -q "口令不对" "$work/err" || fail "a wrong passphrase must say so"

$q package --draft "$draft" --key "$work/org.key" --out "$work/p.zip" --now 2026-03-16T10:00 > "$work/out" || fail "package"
$q verify "$work/p.zip" | grep -q "校验通过" || fail "verify"
$q verify "$work/p.zip" --pubkey "$work/org.pub" >/dev/null || fail "verify with --pubkey"
$q verify "$work/p.zip" --pubkey "$work/office.pub" >/dev/null; [ $? -eq 1 ] || fail "verify with the wrong key must exit 1"

# The reviewers' own tools.
unzip -l "$work/p.zip" | grep -q "data/附件/营业执照副本.txt" || fail "unzip -l does not show the Chinese names"
mkdir "$work/unpacked" && (cd "$work/unpacked" && unzip -q ../p.zip) || fail "unzip"
(cd "$work"/unpacked/QA-* && minisign -V -p "$work/org.pub" -m tagmanifest-sha256.txt >/dev/null) || fail "minisign -V"
(cd "$work"/unpacked/QA-* && sha256sum -c --quiet manifest-sha256.txt) || fail "sha256sum -c on the manifest"
# The application for people (申报书.html) is payload, listed in the manifest the signature covers.
grep -q "  data/申报书.html$" "$work"/unpacked/QA-*/manifest-sha256.txt || fail "申报书.html is not in the payload manifest"
grep -q "结论：符合申报条件" "$work"/unpacked/QA-*/data/申报书.html || fail "申报书.html does not give the verdict"
grep -qE "\{[a-z_]+\}" "$work"/unpacked/QA-*/data/申报书.html && fail "a placeholder of 申报书.html is left unfilled"

# Tampering with one attachment inside the ZIP.
cp "$work/p.zip" "$work/t.zip"
"$(dirname "$0")/flip_byte.py" "$work/t.zip" "示例文件，非真实证照" || fail "flip a byte"
$q verify "$work/t.zip" > "$work/tampered"; [ $? -eq 1 ] || fail "a tampered package must exit 1"
grep -q "营业执照副本.txt" "$work/tampered" || fail "the tampered file is not named"

# District pre-check of several packages, and the countersignature.
QAWARD_PASSPHRASE='区县审核口令 2026' $q countersign "$work/p.zip" --key "$work/office.key" --unit 天山区市场监督管理局 \
  --opinion "材料齐全，同意推荐。" --out "$work/c.zip" --now 2026-03-20T09:30 >/dev/null || fail "countersign"
$q verify "$work/c.zip" | grep -q "审核推荐意见有效：天山区市场监督管理局" || fail "the countersignature is not reported"
# The recommendation cites the review as the package's edition numbers it (issue 19).
unzip -p "$work/c.zip" '*/recommendation.json' | grep -q '"article": "《乌鲁木齐市人民政府质量奖管理办法》第十一条第（三）项（征求意见稿条号）：审核推荐意见"' \
  || fail "the recommendation's article: $(unzip -p "$work/c.zip" '*/recommendation.json' | grep article)"
(cd "$work" && mkdir c && cd c && unzip -q ../c.zip && cd QA-* && minisign -V -p ../../office.pub -m recommendation.json >/dev/null \
  && minisign -V -p ../../org.pub -m tagmanifest-sha256.txt >/dev/null) || fail "minisign -V on both signatures"
$q precheck "$work/p.zip" "$work/c.zip" "$work/t.zip" --report "$work/report.html" >/dev/null; [ $? -eq 1 ] || fail "precheck with a bad package must exit 1"
grep -q "共 3 个申报包，校验通过 2 个" "$work/report.html" || fail "the precheck report"
# The report is filled from assets/templates/ and cites the article the edition gives (11(3)).
grep -q "依据《乌鲁木齐市人民政府质量奖管理办法》第十一条第（三）项" "$work/report.html" || fail "the report's citation"
grep -qE "\{[a-z_]+\}" "$work/report.html" && fail "a placeholder of the report template is left unfilled"
[ "$(grep -c '<tr class="bad">' "$work/report.html")" = 1 ] || fail "the tampered package's row is not marked"
grep -q "天山区市场监督管理局，2026年3月20日 09:30" "$work/report.html" || fail "the recommendation in the report"
$q precheck "$work/p.zip" --report "$work/report.csv" >/dev/null || fail "precheck csv"
grep -q "91330100716105852F" "$work/report.csv" || fail "the csv report"
$q precheck "$work/p.zip" --report "$work/report.json" >/dev/null && python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d['packages'][0]['valid']" "$work/report.json" || fail "the json report"
echo "package flow: keygen, package, verify, minisign -V, unzip -l, sha256sum -c, tamper, countersign, precheck all as expected"
