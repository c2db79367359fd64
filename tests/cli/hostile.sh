#!/usr/bin/env bash
# hostile.sh QAWARD EXAMPLES_DIR WORKROOT CASE: the command-line tool used
# carelessly or with intent to harm (issue 12). Each case starts from fresh,
# intact inputs in its own folder and checks three things: the exit code,
# the message that says why (so a refusal for another reason does not pass),
# and that nothing the user named was destroyed.
#
# What is tried, by case:
#   out_*            --out naming an input (key, draft, attachment, a hard link
#                    to one), a device, a folder; an unrelated existing file
#                    without and with --force; countersign, notice, assess and
#                    precheck outputs the same way
#   keep_previous_*  a failed run (wrong passphrase, full disk, Ctrl-C) keeps
#                    the previous output and leaves no temporary behind
#   keygen_*         a full disk leaves no key; the secret key is 0600
#   special_*        folders, /dev/zero and pipes as inputs
#   json_*           every JSON a command reads (profile, assessment, draft,
#                    secret key, public key) nested 100,000 deep, of the wrong
#                    types, or broken: a message with line and column or the
#                    JSON path, exit 2, never an abort
#   escape_*         control characters from a package never reach the
#                    terminal raw; CSV cells cannot start a formula
#   office_key_*     a countersignature checked against a pinned office key
#   usage_*          repeated options, stray arguments, options a command does
#                    not have, QAWARD_LANG, exit codes of countersign/precheck
#   passphrase_*     NFC normalisation and length in characters
#   concurrent       two runs writing one --out at once
set -u
q=$1; examples=$2; root=$3; case_name=$4
W="$root/$case_name"
export QAWARD_PASSPHRASE='申报组织的口令 2026'
fail() { echo "FAIL [$case_name]: $*"; [ -f "$W/out" ] && { echo "--- output:"; cat "$W/out"; }; exit 1; }

# A fresh folder: the example draft with its attachments and a key pair.
fresh() {
  rm -rf "$W" && mkdir -p "$W" || exit 1
  cp -r "$examples/draft.json" "$examples/附件" "$W/"
  $q keygen --out "$W/org" >/dev/null 2>&1 || fail "setup: keygen"
}
# run EXPECTED_EXIT COMMAND...: output (both streams) in $W/out.
run() {
  local want=$1; shift
  "$@" >"$W/out" 2>&1; local got=$?
  [ "$got" -eq "$want" ] || fail "expected exit $want, got $got from: $*"
}
says() { grep -qE -- "$1" "$W/out" || fail "the message does not say: $1"; }
sha() { sha256sum "$1" | cut -d' ' -f1; }
no_temporaries() {
  local left
  left=$(find "$W" -name '.*.qaward-*' -o -name '.*.lock' | head -3)
  [ -z "$left" ] || fail "temporary files left behind: $left"
}
package() { $q package --draft "$W/draft.json" --key "$W/org.key" --now 2026-03-16T10:00 "$@"; }
# full_disk BLOCKS COMMAND...: COMMAND with files limited to BLOCKS KiB (SIGXFSZ
# ignored, so a write past it fails with EFBIG as on a full disk); its
# messages go through a pipe, which the limit does not touch.
full_disk() {
  local blocks=$1; shift
  bash -c 'trap "" XFSZ; blocks=$1; shift; (ulimit -f "$blocks"; exec "$@") 2>&1 | cat; exit ${PIPESTATUS[0]}' _ "$blocks" "$@"
}
# A big sparse attachment (SIZE, as truncate takes it), so that packaging
# takes long enough to interrupt.
big_attachment() {
  truncate -s "$1" "$W/附件/大文件.bin"
  python3 - "$W/draft.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["attachments"].append({"path": "附件/大文件.bin", "title": "大文件", "category": "business_license", "trade_secret": False})
json.dump(d, open(sys.argv[1], "w"), ensure_ascii=False)
PY
}
wait_for_temporary() {
  for _ in $(seq 1 200); do
    [ -n "$(find "$W" -maxdepth 1 -name '.*.qaward-*' | head -1)" ] && return 0
    sleep 0.05
  done
  fail "the run never started writing"
}

case "$case_name" in
  out_is_key)
    fresh; before=$(sha "$W/org.key")
    run 2 package --out "$W/org.key"; says "是本命令要读取的文件之一"
    run 2 package --out "$W/org.key" --force; says "是本命令要读取的文件之一"
    [ "$(sha "$W/org.key")" = "$before" ] || fail "the secret key was changed"
    $q package --draft "$W/draft.json" --key "$W/org.key" --out "$W/p.zip" >/dev/null 2>&1 || fail "the key no longer works" ;;
  out_is_draft)
    fresh; before=$(sha "$W/draft.json")
    run 2 package --out "$W/./draft.json" --force; says "是本命令要读取的文件之一"
    [ "$(sha "$W/draft.json")" = "$before" ] || fail "the draft was changed" ;;
  out_is_attachment_by_other_name)
    fresh; ln "$W/附件/申报表.txt" "$W/hard-link.zip"; before=$(sha "$W/附件/申报表.txt")
    run 2 package --out "$W/hard-link.zip" --force; says "同一路径或同一文件"
    run 2 package --out "$W/附件/营业执照副本.txt" --force; says "是本命令要读取的文件之一"
    [ "$(sha "$W/附件/申报表.txt")" = "$before" ] || fail "the attachment was changed" ;;
  out_is_device_or_folder)
    fresh; mkdir "$W/empty"
    # A device node of our own (as root), never the system's /dev/null: a
    # tool that fails this test must not break the machine.
    if mknod "$W/null" c 1 3 2>/dev/null; then
      run 2 package --out "$W/null" --force; says "是设备，不能作为输出文件"
      [ -c "$W/null" ] || fail "the device node was replaced"
    fi
    run 2 package --out "$W/empty" --force; says "是文件夹，不能作为输出文件"
    [ -d "$W/empty" ] || fail "the folder was removed"
    ln -s "$W/org.pub" "$W/link.zip"
    run 2 package --out "$W/link.zip" --force; says "是符号链接"
    [ -L "$W/link.zip" ] || fail "the symbolic link was replaced" ;;
  out_exists_needs_force)
    fresh; echo "年度总结，与申报无关" > "$W/p.zip"; before=$(sha "$W/p.zip")
    run 2 package --out "$W/p.zip"; says "已存在.*--force"
    [ "$(sha "$W/p.zip")" = "$before" ] || fail "an existing file was replaced without --force"
    run 0 package --out "$W/p.zip" --force
    $q verify "$W/p.zip" >/dev/null || fail "the replaced package does not verify"
    no_temporaries ;;
  out_countersign_is_key)
    fresh; QAWARD_PASSPHRASE='区县审核口令 2026' $q keygen --out "$W/office" >/dev/null 2>&1
    package --out "$W/p.zip" >/dev/null 2>&1 || fail "setup: package"
    before=$(sha "$W/office.key")
    run 2 env QAWARD_PASSPHRASE='区县审核口令 2026' $q countersign "$W/p.zip" --key "$W/office.key" --unit 天山区市场监督管理局 \
      --opinion 同意推荐 --out "$W/office.key" --force
    says "是本命令要读取的文件之一"
    [ "$(sha "$W/office.key")" = "$before" ] || fail "the office key was changed"
    run 2 env QAWARD_PASSPHRASE='区县审核口令 2026' $q countersign "$W/p.zip" --key "$W/office.key" --unit 天山区市场监督管理局 \
      --opinion 同意推荐 --out "$W/p.zip" --force
    says "是本命令要读取的文件之一"
    $q verify "$W/p.zip" >/dev/null || fail "the package was changed" ;;
  out_other_commands)
    fresh; before=$(sha "$W/draft.json")
    run 2 $q notice --draft "$W/draft.json" --out "$W/draft.json" --force; says "是本命令要读取的文件之一"
    [ "$(sha "$W/draft.json")" = "$before" ] || fail "notice destroyed the draft"
    cp "$examples/assessment.json" "$W/a.json"
    run 2 $q assess --input "$W/a.json" --csv "$W/a.json" --force; says "是本命令要读取的文件之一"
    run 2 $q assess --input "$W/a.json" --csv "$W/s" --html "$W/s"; says "是同一个文件"
    echo keep > "$W/sheet.csv"
    run 2 $q assess --input "$W/a.json" --csv "$W/sheet.csv" --html "$W/sheet.html"; says "已存在"
    [ ! -e "$W/sheet.html" ] || fail "one sheet was written although the other was refused"
    [ "$(cat "$W/sheet.csv")" = keep ] || fail "the csv was replaced without --force"
    package --out "$W/p.zip" >/dev/null 2>&1 || fail "setup: package"
    cp "$W/p.zip" "$W/p.csv"
    run 2 $q precheck "$W/p.csv" --report "$W/p.csv" --force; says "是本命令要读取的文件之一"
    $q verify "$W/p.csv" >/dev/null || fail "precheck destroyed a package"
    $q verify "$W/p.zip" >/dev/null || fail "precheck destroyed a package" ;;
  keep_previous_on_failure)
    fresh; package --out "$W/p.zip" >/dev/null 2>&1 || fail "setup: package"; before=$(sha "$W/p.zip")
    run 2 env QAWARD_PASSPHRASE='wrong passphrase' $q package --draft "$W/draft.json" --key "$W/org.key" --out "$W/p.zip" --force
    says "口令不对"
    [ "$(sha "$W/p.zip")" = "$before" ] || fail "a failed run changed the previous package"
    no_temporaries
    # A full disk (a file size limit; SIGXFSZ ignored, so writes fail with EFBIG).
    run 2 full_disk 4 $q package --draft "$W/draft.json" --key "$W/org.key" \
      --now 2026-03-16T11:00 --out "$W/p.zip" --force
    says "写入申报包 .*失败：File too large"
    [ "$(sha "$W/p.zip")" = "$before" ] || fail "a full disk changed the previous package"
    no_temporaries ;;
  keep_previous_on_interrupt)
    fresh; package --out "$W/p.zip" >/dev/null 2>&1 || fail "setup: package"; before=$(sha "$W/p.zip")
    big_attachment 2G
    set -m  # with job control, a background job is not started with SIGINT ignored
    for signal in INT TERM; do
      $q package --draft "$W/draft.json" --key "$W/org.key" --now 2026-03-16T10:00 --out "$W/p.zip" --force >/dev/null 2>&1 &
      pid=$!
      wait_for_temporary
      kill -$signal $pid; wait $pid; code=$?
      [ $code -ne 0 ] || fail "the interrupted run reported success"
      [ "$(sha "$W/p.zip")" = "$before" ] || fail "SIG$signal changed the previous package"
      no_temporaries
    done ;;
  keygen_full_disk_and_mode)
    fresh
    run 2 full_disk 0 $q keygen --out "$W/full"
    says "无法写入"
    [ ! -e "$W/full.key" ] && [ ! -e "$W/full.pub" ] || fail "a failed keygen left a key file"
    grep -q 已生成 "$W/out" && fail "a failed keygen said it created the key"
    no_temporaries
    [ "$(stat -c %a "$W/org.key")" = 600 ] || fail "the secret key is not 0600"
    run 2 $q keygen --out "$W/org"; says "已存在"
    before=$(sha "$W/org.key")
    run 0 $q keygen --out "$W/org" --force
    [ "$(sha "$W/org.key")" != "$before" ] || fail "--force did not replace the key"
    [ "$(stat -c %a "$W/org.key")" = 600 ] || fail "the replaced secret key is not 0600" ;;
  special_inputs)
    fresh; mkdir "$W/folder"; mkfifo "$W/pipe"
    run 2 timeout 20 $q package --draft "$W/folder" --key "$W/org.key" --out "$W/p.zip"; says "不是普通文件（是文件夹）"
    run 2 timeout 20 $q package --draft /dev/zero --key "$W/org.key" --out "$W/p.zip"; says "不是普通文件（是设备）"
    run 2 timeout 20 $q eligibility --profile /dev/zero; says "不是普通文件（是设备）"
    run 2 timeout 20 $q eligibility --profile "$W/pipe"; says "不是普通文件（是管道）"
    run 2 timeout 20 $q assess --input "$W/folder"; says "不是普通文件（是文件夹）"
    run 2 timeout 20 $q verify /dev/zero; says "无法读取文件 /dev/zero"
    run 2 timeout 20 $q verify "$W/pipe"; says "管道"
    run 2 timeout 20 $q verify "$W/folder"; says "文件夹"
    head -c $((17 << 20)) /dev/zero > "$W/huge.json"
    run 2 timeout 20 $q eligibility --profile "$W/huge.json"; says "超过上限 16777216 字节"
    # An attachment that is a pipe: refused at once, not waited on.
    python3 - "$W/draft.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["attachments"][0]["path"] = "pipe"
json.dump(d, open(sys.argv[1], "w"), ensure_ascii=False)
PY
    run 2 timeout 20 $q package --draft "$W/draft.json" --key "$W/org.key" --out "$W/p.zip"; says "pipe 不是普通文件（是管道）"
    [ ! -e "$W/p.zip" ] || fail "a package was written" ;;
  special_precheck_batch)
    fresh; package --out "$W/p.zip" >/dev/null 2>&1 || fail "setup: package"
    mkdir "$W/folder"
    run 2 $q precheck "$W/p.zip" "$W/none.zip" "$W/folder" --report "$W/r.json"
    python3 - "$W/r.json" <<'PY' || fail "the report does not list every package"
import json, sys
packages = json.load(open(sys.argv[1]))["packages"]
assert [p["valid"] for p in packages] == [True, False, False], packages
assert "No such file" in packages[1]["findings"][0]["message"]["en"], packages[1]
PY
    ;;
  json_hostile)
    fresh
    python3 - "$W" <<'PY'
import json, sys
w = sys.argv[1]
deep = "[" * 100000 + "]" * 100000
open(f"{w}/deep.json", "w").write('{"profile": ' + deep + "}")
open(f"{w}/types-profile.json", "w").write(json.dumps({"organization": {"name": 5, "registered_in_urumqi": "yes", "established_on": 20150310}}))
open(f"{w}/types-assessment.json", "w").write(json.dumps({"scores": [{"item": "4.1.2", "band": "3", "percent": [40]}]}))
open(f"{w}/types-draft.json", "w").write(json.dumps({"format": "qaward-draft/1", "attachments": [{"path": 7, "trade_secret": "no"}], "publicity": {"objections": "none"}}))
open(f"{w}/types.key", "w").write(json.dumps({"format": "qaward-secret-key/1", "kdf": {"opslimit": "3", "salt": 5}, "public_key": []}))
open(f"{w}/broken.json", "w").write('{\n  "organization": {\n    "name": "天山精工",\n    "sme": tru\n  }\n}\n')
open(f"{w}/bad.pub", "w").write("untrusted comment: x\n" + "A" * 5000 + "\n")
PY
    for file in deep.json types-profile.json broken.json; do
      run 2 $q eligibility --profile "$W/$file"
    done
    says "第 4 行第 1[2-5] 列"
    run 2 $q eligibility --profile "$W/deep.json"; says "嵌套超过 64 层"
    run 2 $q eligibility --profile "$W/types-profile.json"; says "/organization/name"
    run 2 $q assess --input "$W/deep.json"; says "嵌套超过 64 层"
    run 2 $q assess --input "$W/types-assessment.json"; says "/scores/0/band"
    run 2 $q notice --draft "$W/deep.json" --out "$W/n.html"; says "嵌套超过 64 层"
    run 2 $q package --draft "$W/types-draft.json" --key "$W/org.key" --out "$W/p.zip"; says "/attachments/0/path"
    run 2 $q package --draft "$W/draft.json" --key "$W/types.key" --out "$W/p.zip"; says "私钥文件格式不对"
    package --out "$W/p.zip" >/dev/null 2>&1 || fail "setup: package"
    run 2 $q verify "$W/p.zip" --pubkey "$W/bad.pub"; says "公钥"
    run 2 $q verify "$W/p.zip" --pubkey "$W/deep.json"; says "超过上限 65536 字节"
    [ ! -e "$W/n.html" ] || fail "a notice was written from a hostile draft" ;;
  escape_terminal)
    fresh; package --out "$W/p.zip" >/dev/null 2>&1 || fail "setup: package"
    # A package whose bag-info names the organization with an escape sequence
    # (clear screen) and a right-to-left override.
    python3 - "$W/p.zip" "$W/evil.zip" <<'PY'
import sys, zipfile
src, dst = zipfile.ZipFile(sys.argv[1]), zipfile.ZipFile(sys.argv[2], "w")
for info in src.infolist():
    data = src.read(info)
    if info.filename.endswith("/bag-info.txt"):
        data = data.replace("乌鲁木齐".encode(), "\x1b[2J\x1b]0;pwned\x07乌\u202e鲁木齐".encode())
    dst.writestr(info, data)
dst.close()
PY
    run 1 $q verify "$W/evil.zip"
    if LC_ALL=C grep -q $'\x1b' "$W/out"; then fail "an escape character reached the terminal"; fi
    says '\\x1B\[2J'; says '<U\+202E>'
    run 1 $q precheck "$W/evil.zip"
    if LC_ALL=C grep -q $'\x1b' "$W/out"; then fail "precheck printed an escape character"; fi ;;
  escape_refused_in_package)
    fresh
    python3 - "$W/draft.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["attachments"][0]["title"] = "申报表\x1b[2J"
json.dump(d, open(sys.argv[1], "w"), ensure_ascii=False)
PY
    run 1 package --out "$W/p.zip"; says "/attachments/0/title"
    [ ! -e "$W/p.zip" ] || fail "a package was written"
    if LC_ALL=C grep -q $'\x1b' "$W/out"; then fail "the refusal printed the escape character"; fi ;;
  escape_csv_formula)
    fresh
    python3 - "$W/draft.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["profile"]["organization"]["name"] = "=HYPERLINK(\"http://example.com\",\"点此\")"
json.dump(d, open(sys.argv[1], "w"), ensure_ascii=False)
PY
    package --out "$W/p.zip" >"$W/out" 2>&1 || fail "setup: package"
    run 0 $q precheck "$W/p.zip" --report "$W/r.csv"
    grep -q ",\"'=HYPERLINK" "$W/r.csv" || fail "the formula is not neutralised: $(grep -a HYPERLINK "$W/r.csv")"
    grep -q ',"=' "$W/r.csv" && fail "a cell starts with =" ;;
  office_key_pinned)
    fresh; package --out "$W/p.zip" >/dev/null 2>&1 || fail "setup: package"
    QAWARD_PASSPHRASE='区县审核口令 2026' $q keygen --out "$W/office" >/dev/null 2>&1
    QAWARD_PASSPHRASE='冒充者的口令 2026' $q keygen --out "$W/impostor" >/dev/null 2>&1
    QAWARD_PASSPHRASE='冒充者的口令 2026' $q countersign "$W/p.zip" --key "$W/impostor.key" --unit 天山区市场监督管理局 \
      --opinion 同意推荐 --out "$W/c.zip" >/dev/null 2>&1 || fail "setup: countersign"
    impostor=$(sed -n 2p "$W/impostor.pub")
    run 0 $q verify "$W/c.zip"; says "请与审核单位公布的公钥指纹核对"
    run 1 $q verify "$W/c.zip" --office-pubkey "$W/office.pub"; says "不是您指定的审核单位公钥"
    run 0 $q verify "$W/c.zip" --office-pubkey "$W/impostor.pub"
    run 1 $q precheck "$W/c.zip" --office-pubkey "$W/office.pub" --report "$W/r.csv"
    head -1 "$W/r.csv" | grep -q "审核推荐意见" || fail "the CSV has no recommendation columns"
    grep -q "天山区市场监督管理局" "$W/r.csv" || fail "the CSV does not name the countersigning unit" ;;
  usage_errors)
    fresh; package --out "$W/p.zip" >/dev/null 2>&1 || fail "setup: package"
    run 2 $q verify "$W/p.zip" --format json --format text; says "给了不止一次"
    run 2 $q verify "$W/p.zip" "$W/p.zip"; says "多余的参数"
    run 2 $q verify "$W/p.zip" --report x.html; says "不认识的选项“--report”"
    run 2 $q keygen --out "$W/k" --draft x; says "不认识的选项“--draft”"
    run 2 $q package --out "$W/q.zip" --draft "$W/draft.json" --key "$W/org.key" stray; says "多余的参数“stray”"
    run 0 env QAWARD_LANG=fr $q --version; says "QAWARD_LANG"
    run 2 $q precheck "$W/none.zip"; says "无法读取文件"
    # countersign: a package that does not verify is a negative answer (1),
    # an output that cannot be written is an I/O error (2).
    QAWARD_PASSPHRASE='区县审核口令 2026' $q keygen --out "$W/office" >/dev/null 2>&1
    cp "$W/p.zip" "$W/t.zip" && printf 'X' | dd of="$W/t.zip" bs=1 seek=200 conv=notrunc 2>/dev/null
    run 1 env QAWARD_PASSPHRASE='区县审核口令 2026' $q countersign "$W/t.zip" --key "$W/office.key" --unit 天山区 --opinion 同意 --out "$W/c.zip"
    says "未通过校验"
    run 2 env QAWARD_PASSPHRASE='区县审核口令 2026' $q countersign "$W/p.zip" --key "$W/office.key" --unit 天山区 --opinion 同意 \
      --out "$W/no-such-folder/c.zip"
    says "无法写入" ;;
  usage_future_now)
    fresh
    run 0 $q package --draft "$W/draft.json" --key "$W/org.key" --out "$W/p.zip" --now 2099-01-01T10:00
    says "晚于本机的当前时间" ;;
  passphrase_nfc_and_length)
    fresh
    # Seven Chinese characters are 21 bytes but 7 characters: too short.
    run 2 env QAWARD_PASSPHRASE='七个字的口令啊' $q keygen --out "$W/short"; says "口令太短"
    # Made with a decomposed é, opened with the composed one.
    QAWARD_PASSPHRASE=$'cafe\u0301 au lait 2026' $q keygen --out "$W/nfc" >/dev/null 2>&1 || fail "setup: keygen"
    run 0 env QAWARD_PASSPHRASE=$'caf\u00e9 au lait 2026' $q package --draft "$W/draft.json" --key "$W/nfc.key" --out "$W/p.zip" ;;
  concurrent)
    fresh; big_attachment 300M
    package --out "$W/p.zip" >"$W/first" 2>&1 &
    pid=$!
    wait_for_temporary
    run 2 package --out "$W/p.zip" --force; says "另一个 qaward 正在写入"
    wait $pid || { cat "$W/first"; fail "the first run failed"; }
    grep -q "SHA-256：$(sha "$W/p.zip")" "$W/first" || fail "the printed SHA-256 does not match the file"
    no_temporaries ;;
  *) echo "unknown case $case_name"; exit 2 ;;
esac
echo "ok [$case_name]"
