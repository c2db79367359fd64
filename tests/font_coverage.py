#!/usr/bin/env python3
"""The built fonts (scripts/make_font.py, issue 14) hold what the page needs:
- base.otf has every character of the interface strings (assets/i18n), the
  3,500 hanzi of 通用规范汉字表 level 1 (Unihan kTGH 1-3500) and 〇;
- base + slices cover every code point of URO (4E00-9FFF), Ext A
  (3400-4DBF), CJK symbols (3000-303F) and fullwidth forms (FF01-FF5E);
- each slice's cmap is exactly the code points slices.json lists for it;
- no code point is in two files.
Prints the sizes. Exit 1 names what failed.
  font_coverage.py APPDATA_FONT_DIR WEB_DIR ASSETS_DIR UNIHAN_BZ2
"""
import bz2
import gzip
import json
import pathlib
import re
import statistics
import sys

from fontTools.ttLib import TTFont

MUST_COVER = {"URO": (0x4E00, 0x9FFF), "Ext A": (0x3400, 0x4DBF),
              "CJK symbols": (0x3000, 0x303F), "fullwidth forms": (0xFF01, 0xFF5E)}

font_dir, web_dir, assets, unihan = (pathlib.Path(a) for a in sys.argv[1:5])
failures = []


def cmap_of(path):
    font = TTFont(path, lazy=True)
    try:
        return set(font.getBestCmap())
    finally:
        font.close()


def listed(cps, limit=12):
    cps = sorted(cps)
    return " ".join(f"U+{c:04X}" for c in cps[:limit]) + (f" … ({len(cps)} in all)" if len(cps) > limit else "")


def gz_size(path):
    return len(gzip.compress(path.read_bytes(), 9))


# --- base.otf
base_path = font_dir / "base.otf"
base = cmap_of(base_path)
needed = set()
for path in (assets / "i18n").glob("*.json"):
    for text in json.loads(path.read_text(encoding="utf-8"))["messages"].values():
        needed.update(ord(ch) for ch in text if not ch.isspace())
level1 = set()
with bz2.open(unihan, "rt", encoding="utf-8") as f:
    for line in f:
        m = re.match(r"U\+([0-9A-F]+)\tkTGH\t2013:(\d+)", line)
        if m and int(m.group(2)) <= 3500:
            level1.add(int(m.group(1), 16))
if len(level1) != 3500:
    failures.append(f"{unihan} gave {len(level1)} level 1 hanzi, not 3500")
for what, cps in (("interface characters", needed), ("level 1 hanzi", level1), ("〇", {0x3007})):
    if cps - base:
        failures.append(f"base.otf lacks {what}: " + " ".join(chr(c) for c in sorted(cps - base)))
print(f"base.otf: {len(base)} code points ({len(needed)} interface characters, {len(level1 & base)} level 1 hanzi); "
      f"{base_path.stat().st_size:,} B raw, {gz_size(base_path):,} B gzip -9")

# --- slices.json against the slice files
index = json.loads((font_dir / "slices.json").read_text(encoding="utf-8"))
owner = {cp: "base.otf" for cp in base}
sizes = []
for entry in index["files"]:
    path = web_dir / entry["file"]
    if not path.is_file():
        failures.append(f"{entry['file']} is in slices.json but not in {web_dir}")
        continue
    held = cmap_of(path)
    ranges = set()
    for first, last in entry["ranges"]:
        ranges.update(range(first, last + 1))
    if ranges - held:
        failures.append(f"{entry['file']}: slices.json lists code points the file lacks: {listed(ranges - held)}")
    if held - ranges:
        failures.append(f"{entry['file']}: holds code points slices.json does not list: {listed(held - ranges)}")
    if entry["bytes"] != path.stat().st_size:
        failures.append(f"{entry['file']}: slices.json says {entry['bytes']} B, the file has {path.stat().st_size} B")
    twice = {cp for cp in held if cp in owner}
    if twice:
        failures.append(f"{entry['file']}: code points also in {sorted({owner[c] for c in twice})}: {listed(twice)}")
    owner.update((cp, entry["file"]) for cp in held)
    sizes.append(gz_size(path))
on_disk = {p.name for p in (web_dir / "font").glob("*") if p.suffix in (".otf", ".ttf")}
unlisted = on_disk - {pathlib.Path(e["file"]).name for e in index["files"]}
if unlisted:
    failures.append(f"font files not in slices.json: {' '.join(sorted(unlisted))}")
for name, (first, last) in MUST_COVER.items():
    gap = set(range(first, last + 1)) - owner.keys()
    if gap:
        hint = (" (U+9FF0-9FFF and U+4DB6-4DBF come from fonts-babelstone-han: run scripts/setup.sh, then cmake)"
                if gap <= set(range(0x9FF0, 0xA000)) | set(range(0x4DB6, 0x4DC0)) else "")
        failures.append(f"no file has these {name} code points: {listed(gap)}{hint}")
print(f"slices: {len(sizes)} files, {len(owner) - len(base)} code points; gzip -9 median {statistics.median(sizes):,.0f} B, "
      f"max {max(sizes):,} B, total {sum(sizes):,} B; slices.json {(font_dir / 'slices.json').stat().st_size:,} B")

for failure in failures:
    print("FAIL:", failure)
sys.exit(1 if failures else 0)
