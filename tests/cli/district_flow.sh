#!/usr/bin/env bash
# district_flow.sh QAWARD DRAFT WORKDIR: the district's workspace (issue 18,
# Article 11 (三)) through the CLI: three applicants' packages; the district
# recommends two (with the list checks and opinions) and not the third; posts
# its recommendation notice; the countersignatures wait for the period's end
# and the objection; then the recommended two are countersigned and bundled
# with the workspace, and the office finds the opinions and checks in the
# signed index. Each refusal from intact inputs, checked for its own reason.
set -u
q=$1; draft=$2; work=$3
rm -rf "$work" && mkdir -p "$work"
fail() { echo "FAIL: $*"; exit 1; }
expect() {  # name, exit code, text the output must hold, command...
  local name=$1 code=$2 text=$3; shift 3
  "$@" > "$work/$name.out" 2>&1; local got=$?
  [ $got -eq "$code" ] || fail "$name: exit $got, expected $code: $(cat "$work/$name.out")"
  grep -q -- "$text" "$work/$name.out" || fail "$name: no \"$text\" in: $(cat "$work/$name.out")"
}
unit=天山区市场监督管理局
export QAWARD_PASSPHRASE='申报组织的口令 2026'
$q keygen --out "$work/org" >/dev/null || fail "keygen"
QAWARD_PASSPHRASE='区县口令 2026' $q keygen --out "$work/district" >/dev/null || fail "keygen district"
# Three applicants: the example draft under three names, beside a copy of its attachments.
cp -r "$(dirname "$draft")/附件" "$work/" || fail "attachments"
i=0
for name in 甲公司 乙公司 丙公司; do
  i=$((i + 1))
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["profile"]["organization"]["name"]=sys.argv[2]; json.dump(d,open(sys.argv[3],"w"),ensure_ascii=False)' \
    "$draft" "乌鲁木齐$name" "$work/d$i.json" || fail "draft $i"
  $q package --draft "$work/d$i.json" --key "$work/org.key" --out "$work/p$i.zip" --now "2026-03-16T1$i:00" >/dev/null 2>&1 || fail "package $i"
done
export QAWARD_PASSPHRASE='区县口令 2026'

# A workspace from the three: all pending, the district still deciding.
$q district init --packages "$work/p1.zip" "$work/p2.zip" "$work/p3.zip" --unit $unit --out "$work/ws.json" > "$work/init" \
  || fail "init: $(cat "$work/init")"
grep -q "3 个申报包，决定均为待定" "$work/init" || fail "init summary: $(cat "$work/init")"
expect pending 1 "还没有拟推荐的组织" $q district status "$work/ws.json" --now 2026-03-16T15:00

# The decisions: 甲 and 乙 recommended with their checks (done 16 March) and
# opinions, 丙 not, with reasons.
edit() {  # in, out, python statements on the workspace w
  python3 - "$1" "$2" "$3" <<'PY'
import json, sys
w = json.load(open(sys.argv[1]))
def checked(c, at="2026-03-16T16:00:00+08:00"):
    for k in ("business_anomaly", "serious_violation", "departments"):
        c["checks"][k] = {"by": "王芳", "at": at, "result": "未列入" if k != "departments" else "无异议"}
exec(sys.argv[3])
json.dump(w, open(sys.argv[2], "w"), ensure_ascii=False, indent=2)
PY
}
edit "$work/ws.json" "$work/decided.json" '
for c in w["cases"][:2]:
    c["decision"] = "recommend"; c["reasons"] = "材料齐全，符合申报条件，同意推荐"; checked(c)
w["cases"][2]["decision"] = "not_recommend"; w["cases"][2]["reasons"] = "经营未满五年（第二条）"' || fail "decide"
expect ready_to_post 1 "可以发布推荐公示：拟推荐 2 个组织" $q district status "$work/decided.json" --now 2026-03-16T17:00
# Without a posting time there is no notice to print (its period has no dates).
expect notice_unposted 2 "/publicity/posted_at" $q district notice "$work/decided.json" --out "$work/notice0.html"
# A recommendation missing one check stays in review, naming the check.
edit "$work/decided.json" "$work/unchecked.json" 'w["cases"][1]["checks"]["serious_violation"]["by"] = ""' || fail "uncheck"
expect unchecked 1 "乌鲁木齐乙公司 拟推荐，但严重违法企业名单审查尚未记录" $q district status "$work/unchecked.json" --now 2026-03-16T17:00
expect unchecked_notice 1 "严重违法企业名单审查尚未记录" $q district notice "$work/unchecked.json" --out "$work/notice1.html"
[ -e "$work/notice1.html" ] && fail "a refused notice was written"

# Posted 17 March 09:00: 20 March is a Xinjiang holiday, the period ends at 24:00 on 25 March.
edit "$work/decided.json" "$work/posted.json" '
w["publicity"].update({"posted_at": "2026-03-17T09:00:00+08:00", "where": "天山区人民政府网站",
                       "contact": {"department": "天山区市场监督管理局", "person": "阿依古丽", "phone": "0991-5550000"}})' || fail "post"
$q district notice "$work/posted.json" --out "$work/notice.html" --now 2026-03-17T09:00 >/dev/null 2>&1 || fail "notice"
grep -q "乌鲁木齐甲公司" "$work/notice.html" && grep -q "乌鲁木齐乙公司" "$work/notice.html" || fail "the notice lists the recommended"
grep -q "乌鲁木齐丙公司" "$work/notice.html" && fail "the notice lists one not recommended"
grep -q "第十一条第（三）项" "$work/notice.html" || fail "the notice cites Article 11 (三)"
grep -q "公示期：2026年3月18日至2026年3月25日24时（共5个工作日）" "$work/notice.html" || fail "the notice's period"
grep -qE "\{[a-z_]+\}" "$work/notice.html" && fail "a placeholder of the notice is left unfilled"
expect running 1 "推荐公示进行中：还剩 4 个工作日" $q district status "$work/posted.json" --now 2026-03-19T10:00
# A check recorded after the posting is an error (Article 11 (三): before the publicity).
edit "$work/posted.json" "$work/late.json" 'checked(w["cases"][0], "2026-03-18T10:00:00+08:00")' || fail "late check"
expect late_check 1 "晚于推荐公示发布时间" $q district status "$work/late.json" --now 2026-03-26T10:00

# Countersigning waits for the period's end,
expect too_early 1 "才期满" $q district countersign "$work/posted.json" --packages "$work/p1.zip" --key "$work/district.key" \
  --out-dir "$work/early" --now 2026-03-25T10:00
[ -e "$work/early" ] && [ -n "$(ls "$work/early")" ] && fail "a package was countersigned early"
# and for an objection to be settled, with Article 13's deadlines shown.
edit "$work/posted.json" "$work/objection.json" '
w["publicity"]["objections"] = [{"received_on": "2026-03-19", "from": "某企业", "summary": "对乙公司的推荐有异议"}]' || fail "objection"
expect objection 1 "2026-03-25 前转送，2026-04-01 前报送调查情况" $q district status "$work/objection.json" --now 2026-03-26T10:00
expect objection_cs 1 "第 1 条异议尚未处理完" $q district countersign "$work/objection.json" --packages "$work/p1.zip" \
  --key "$work/district.key" --out-dir "$work/obj" --now 2026-03-26T10:00
edit "$work/objection.json" "$work/settled.json" '
w["publicity"]["objections"][0].update({"resolution": "经核实，异议不成立", "resolved_on": "2026-03-24"})' || fail "settle"
expect ready 0 "可以为 2 个拟推荐的申报包加签" $q district status "$work/settled.json" --now 2026-03-26T10:00
$q district status "$work/settled.json" --now 2026-03-26T10:00 --format json | python3 -c '
import json, sys
s = json.load(sys.stdin)
assert s["stage"] == "ready_to_countersign" and len(s["recommended"]) == 2, s
assert s["objections"] == [{"received_on": "2026-03-19", "forward_by": "2026-03-25", "report_by": "2026-04-01", "settled": True}], s["objections"]
' || fail "the status as JSON"
# Only recommended packages are countersigned; nothing is written when one is not.
expect not_recommended 2 "不是拟推荐的申报包" $q district countersign "$work/settled.json" --packages "$work/p1.zip" "$work/p3.zip" \
  --key "$work/district.key" --out-dir "$work/cs" --now 2026-03-26T10:00
[ -n "$(ls "$work/cs" 2>/dev/null)" ] && fail "a package was countersigned beside a refused one"
$q district countersign "$work/settled.json" --packages "$work/p1.zip" "$work/p2.zip" --key "$work/district.key" \
  --out-dir "$work/cs" --now 2026-03-26T10:00 > "$work/cs.out" || fail "countersign: $(cat "$work/cs.out")"
[ "$(ls "$work/cs" | wc -l)" = 2 ] || fail "two countersigned packages"

# The bundle from the workspace: the unit, the publicity, the opinions and the checks.
$q bundle --packages "$work"/cs/*.zip --key "$work/district.key" --workspace "$work/settled.json" --out "$work/b.zip" \
  --now 2026-03-26T11:00 > "$work/bundle.out" 2>&1 || fail "bundle: $(cat "$work/bundle.out")"
$q verify "$work/b.zip" --district-pubkey "$work/district.pub" > "$work/verify" || fail "verify: $(cat "$work/verify")"
mkdir "$work/u" && (cd "$work/u" && unzip -q ../b.zip) || fail "unzip"
python3 - "$work/u/index.json" <<'PY' || fail "the index's cases"
import json, sys
i = json.load(open(sys.argv[1]))
assert i["unit"] == "天山区市场监督管理局", i["unit"]
for p in i["packages"]:
    assert p["opinion"] == "材料齐全，符合申报条件，同意推荐", p
    assert p["checks"]["serious_violation"] == {"by": "王芳", "at": "2026-03-16T16:00:00+08:00", "result": "未列入"}, p["checks"]
assert i["publicity"]["objections"][0]["resolution"] == "经核实，异议不成立"
PY
# One recommended package left out is said; one not recommended is refused.
expect left_out 0 "没有放入汇总包" $q bundle --packages "$work/cs/$(ls "$work/cs" | head -1)" --key "$work/district.key" \
  --workspace "$work/settled.json" --out "$work/one.zip" --now 2026-03-26T11:00
$q countersign "$work/p3.zip" --key "$work/district.key" --unit $unit --opinion 同意推荐 --out "$work/c3.zip" --now 2026-03-26T10:00 >/dev/null \
  || fail "countersign the third outside the workspace"
expect bundle_not_recommended 1 "未作出“拟推荐”决定" $q bundle --packages "$work"/cs/*.zip "$work/c3.zip" --key "$work/district.key" \
  --workspace "$work/settled.json" --out "$work/b3.zip" --now 2026-03-26T11:00
expect both 2 "不要同时给出" $q bundle --packages "$work"/cs/*.zip --key "$work/district.key" --workspace "$work/settled.json" \
  --unit $unit --out "$work/b4.zip"
# A bad workspace file: what and where.
edit "$work/settled.json" "$work/bad.json" 'w["cases"][1]["decision"] = "yes"' || fail "bad"
expect bad_file 2 "bad.json#/cases/1/decision" $q district status "$work/bad.json"
echo "PASS district flow"
