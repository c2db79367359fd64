#!/usr/bin/env python3
"""Builds the interface font: a subset of a Debian CJK font.

The subset holds the 6,763 hanzi and the symbols of GB2312 (so that what users
type shows), ASCII and common punctuation, and every character of the data in
assets/ (so that every interface string and rule text shows). Writes the font
and glyphs.txt, the characters it holds (the app no longer reads it: Dear ImGui
1.92 draws any glyph the font holds, without glyph ranges). Fails, naming the characters, if an interface string needs a glyph the
source font lacks.

Run with Debian's python3 (python3-fonttools):
  make_font.py --font F.ttc --index 2 --assets DIR --out-font ui.otf --out-glyphs glyphs.txt
"""
import argparse
import json
import pathlib
import sys

from fontTools import subset
from fontTools.ttLib import TTFont


def gb2312_characters():
    """Every character GB2312 encodes (rows 0xA1-0xF7, cells 0xA1-0xFE)."""
    chars = set()
    for row in range(0xA1, 0xF8):
        for cell in range(0xA1, 0xFF):
            try:
                chars.add(bytes([row, cell]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return chars


def json_strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from json_strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from json_strings(v)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--font", required=True)
    ap.add_argument("--index", type=int, default=2, help="face in a .ttc (2 = Simplified Chinese in Noto CJK)")
    ap.add_argument("--assets", required=True)
    ap.add_argument("--out-font", required=True)
    ap.add_argument("--out-glyphs", required=True)
    args = ap.parse_args()

    needed = set()  # characters of interface strings and data: must be present
    for path in sorted(pathlib.Path(args.assets).rglob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError) as e:
            sys.exit(f"make_font: {path} is not valid UTF-8 JSON: {e}")
        for s in json_strings(data):
            needed.update(ch for ch in s if ch.isprintable())
    wanted = set(needed)
    wanted.update(gb2312_characters())
    wanted.update(chr(c) for c in range(0x20, 0x7F))
    wanted.update("　、。·ˉˇ¨〃々—～‖…‘’“”〔〕〈〉《》「」『』〖〗【】±×÷∶∧∨∑∏∪∩∈∷√⊥∥∠⌒⊙∫∮≡≌≈∽∝≠≮≯≤≥∞∵∴♂♀°′″℃＄¤￠￡‰§№☆★○●◎◇◆□■△▲※→←↑↓〓")
    wanted.update(chr(c) for c in range(0xFF01, 0xFF5F))  # fullwidth forms

    font = TTFont(args.font, fontNumber=args.index, lazy=True)
    cmap = font.getBestCmap()
    missing = sorted(ch for ch in needed if ord(ch) not in cmap and not ch.isspace())
    if missing:
        sys.exit("make_font: the font lacks glyphs for interface text: " + " ".join(f"{c} U+{ord(c):04X}" for c in missing))
    present = sorted(ch for ch in wanted if ord(ch) in cmap)
    font.close()

    options = subset.Options()
    options.font_number = args.index
    options.layout_features = []
    options.hinting = False
    options.desubroutinize = True
    options.name_IDs = ["*"]
    options.notdef_outline = True
    sub = subset.Subsetter(options)
    full = subset.load_font(args.font, options)
    sub.populate(unicodes=[ord(c) for c in present])
    sub.subset(full)
    subset.save_font(full, args.out_font, options)
    pathlib.Path(args.out_glyphs).write_text("".join(present), encoding="utf-8")
    print(f"make_font: {len(present)} characters -> {args.out_font}")


if __name__ == "__main__":
    main()
