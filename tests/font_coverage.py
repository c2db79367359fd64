#!/usr/bin/env python3
"""The built interface font has a glyph for every character of the
interface strings (assets/i18n) and of GB2312's 6,763 hanzi."""
import json
import pathlib
import sys

from fontTools.ttLib import TTFont

font_path, assets = sys.argv[1], pathlib.Path(sys.argv[2])
cmap = TTFont(font_path).getBestCmap()
needed = set()
for path in (assets / "i18n").glob("*.json"):
    for text in json.loads(path.read_text(encoding="utf-8"))["messages"].values():
        needed.update(ch for ch in text if not ch.isspace())
missing = sorted(ch for ch in needed if ord(ch) not in cmap)
hanzi = 0
for row in range(0xB0, 0xF8):
    for cell in range(0xA1, 0xFF):
        try:
            ch = bytes([row, cell]).decode("gb2312")
        except UnicodeDecodeError:
            continue
        if ord(ch) in cmap:
            hanzi += 1
print(f"interface characters: {len(needed)}, missing: {len(missing)}; GB2312 hanzi present: {hanzi}")
if missing:
    print("missing:", " ".join(missing))
sys.exit(0 if not missing and hanzi == 6763 else 1)
