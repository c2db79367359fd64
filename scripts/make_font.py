#!/usr/bin/env python3
"""Builds the interface font and the on-demand CJK font slices (issue 14).

Every file is a subset of Debian's Noto Sans CJK SC (face 2 of
NotoSansCJK-Regular.ttc), except one optional slice from an extra font for the
few URO / Ext A code points Noto lacks (BabelStone Han). No code point is in
two files.

base.otf (--out-base; preloaded into the page's file system, read at start):
  通用规范汉字表 level 1 (Unihan kTGH ordinals 1-3500), GB2312's non-hanzi
  symbols (rows 0xA1-0xA9), the COMMON_RANGES below and every character of
  assets/**/*.json. Fails, naming them, if the source font lacks an interface
  character or a level 1 hanzi.

Slices (--slice-dir; static files beside qaward.js, fetched when needed):
  every other code point Noto has, one file per 256-code-point block
  (cp >> 8), named by the block's first code point: u4e00.otf holds
  U+4E00-4EFF minus base, u20000.otf U+20000-200FF (lower-case hex, at least 4
  digits). The extra font's slice is named after its family,
  babelstone-han.ttf (TrueType outlines). Beside them, LICENSE-<family>.txt:
  the Debian copyright file of each source font.

slices.json (--out-index; preloaded beside base.otf), one line per file,
sorted by first code point:
  {"format": "qaward-font-slices/1",
   "files": [
  {"file":"font/u0100.otf","ranges":[[256,256],[258,259],...],"bytes":6788},
  ...
  {"file":"font/u4e00.otf","ranges":[[19970,19970],[19972,19974],...],"bytes":22140},
  ...]}
  file    URL relative to the page (--slice-url-prefix + name);
  ranges  the code points the file maps, as inclusive [first, last] runs,
          sorted; exactly the file's cmap;
  bytes   the file's size (uncompressed).
  base.otf's own code points are not listed: the app asks the loaded font.
  A code point in no file and not in the base has no glyph anywhere.

Run with Debian's python3 (python3-fonttools), e.g.
  make_font.py --font NotoSansCJK-Regular.ttc --index 2 --assets assets \\
    --unihan /usr/share/unicode/Unihan_OtherMappings.txt.bz2 \\
    --font-licence /usr/share/doc/fonts-noto-cjk/copyright \\
    [--extra-font BabelStoneHan.ttf --extra-licence .../copyright] \\
    --out-base base.otf --out-index slices.json --slice-dir web/font
"""
import argparse
import bz2
import datetime
import gc
import io
import json
import multiprocessing
import os
import pathlib
import re
import sys
import time
import traceback

from fontTools import subset
from fontTools.ttLib import TTFont

INDEX_FORMAT = "qaward-font-slices/1"
TGH_LEVEL1_LAST = 3500  # kTGH ordinals 1-3500: 通用规范汉字表 (2013) level 1
# ASCII, Latin-1, General Punctuation, CJK Symbols and Punctuation (with 〇
# U+3007), fullwidth ASCII, fullwidth signs: text the interface and users type.
COMMON_RANGES = [(0x20, 0x7E), (0xA0, 0xFF), (0x2000, 0x206F), (0x3000, 0x303F), (0xFF01, 0xFF5E), (0xFFE0, 0xFFE6)]
# Every code point of these is assigned (Unicode 14) and must be drawable by
# base + slices: CJK Unified Ideographs (URO) and Extension A.
MUST_DRAW_RANGES = [(0x4E00, 0x9FFF), (0x3400, 0x4DBF)]
SLICE_BLOCK_BITS = 8  # 256 code points per slice


def code_points(ranges):
    return {cp for first, last in ranges for cp in range(first, last + 1)}


def runs(cps):
    """Sorted code points as inclusive [first, last] runs."""
    out = []
    for cp in sorted(cps):
        if out and out[-1][1] == cp - 1:
            out[-1][1] = cp
        else:
            out.append([cp, cp])
    return out


def tgh_level1(unihan_path):
    """The 3,500 hanzi of 通用规范汉字表 level 1, from Unihan's kTGH field
    ("U+4E00<TAB>kTGH<TAB>2013:1")."""
    found = set()
    with bz2.open(unihan_path, "rt", encoding="utf-8") as f:
        for line in f:
            m = re.match(r"U\+([0-9A-F]+)\tkTGH\t2013:(\d+)", line)
            if m and 1 <= int(m.group(2)) <= TGH_LEVEL1_LAST:
                found.add(int(m.group(1), 16))
    if len(found) != TGH_LEVEL1_LAST:
        sys.exit(f"make_font: {unihan_path} has {len(found)} kTGH entries with ordinals 1-{TGH_LEVEL1_LAST}, "
                 f"expected {TGH_LEVEL1_LAST} (Debian package unicode-data)")
    return found


def gb2312_symbols():
    """GB2312's non-hanzi characters: rows 0xA1-0xA9 (punctuation, numerals,
    fullwidth Latin, kana, Greek, Cyrillic, pinyin, bopomofo, box drawing)."""
    chars = set()
    for row in range(0xA1, 0xAA):
        for cell in range(0xA1, 0xFF):
            try:
                chars.add(ord(bytes([row, cell]).decode("gb2312")))
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


def interface_characters(assets):
    """Every printable, non-blank character of assets/**/*.json."""
    needed = set()
    for path in sorted(pathlib.Path(assets).rglob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError) as e:
            sys.exit(f"make_font: {path} is not valid UTF-8 JSON: {e}")
        for s in json_strings(data):
            needed.update(ord(ch) for ch in s if ch.isprintable() and not ch.isspace())
    return needed


def family_slug(font):
    """'Noto Sans CJK SC' -> 'noto-sans-cjk-sc'."""
    return re.sub(r"[^a-z0-9]+", "-", font["name"].getDebugName(1).lower()).strip("-")


def is_truetype(font):
    return "glyf" in font


# --- Subsetting (run in worker processes) -----------------------------------
def subset_options(font_number):
    # As for the interface font before: no layout features (ImGui does
    # no shaping), no hinting (stb_truetype ignores it), desubroutinized CFF
    # (1-2 % larger raw, 3-5 % smaller gzipped), every name record (licence).
    options = subset.Options()
    options.font_number = font_number
    options.layout_features = []
    options.hinting = False
    options.desubroutinize = True
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.drop_tables += ["meta"]  # BabelStone's; the subsetter would drop it anyway, with a warning
    return options


_loaded = {}  # in each worker: (path, face) -> the source font, parsed once


def loaded_font(path, face, options):
    """The source font, read and parsed once per worker. Jobs fork from it:
    the subsetter changes the font it is given, fontTools fonts cannot be
    deep-copied, and a fresh lazy load per job costs more than the subsetting
    of a small slice (the TTC's cmap, metrics and CFF charset hold 65,535
    glyphs). A forked child gets a copy-on-write copy for a few milliseconds."""
    key = (path, face)
    if key not in _loaded:
        data = io.BytesIO(pathlib.Path(path).read_bytes())
        data.name = path  # TTFont.save compares the reader's file name
        font = TTFont(data, fontNumber=face, lazy=True,
                      recalcBBoxes=options.recalc_bounds, recalcTimestamp=options.recalc_timestamp)
        for tag in font.keys():
            font[tag]
        for table in font["cmap"].tables:
            table.cmap
        font.getReverseGlyphMap()
        gc.collect()
        gc.freeze()  # the children's collections then leave the parent's pages shared
        _loaded[key] = font
    return _loaded[key]


def subset_to_file(job):
    """job = (source path, face, code points, output path, notice or None).
    Returns (output path, sorted code points of the written cmap)."""
    src, face, cps, out, notice = job
    options = subset_options(face)
    font = loaded_font(src, face, options)
    pid = os.fork()
    if pid == 0:
        status = 1
        try:
            gc.disable()
            subsetter = subset.Subsetter(options)
            subsetter.populate(unicodes=cps)
            subsetter.subset(font)
            if notice:
                name = font["name"]
                old = name.getDebugName(10) or ""
                name.setName(notice + (" " + old if old else ""), 10, 3, 1, 0x409)
            buf = io.BytesIO()
            subset.save_font(font, buf, options)
            pathlib.Path(out).write_bytes(buf.getvalue())
            status = 0
        except BaseException:
            traceback.print_exc()
        finally:
            sys.stderr.flush()
            os._exit(status)
    _, status = os.waitpid(pid, 0)
    if status != 0:
        raise RuntimeError(f"make_font: subsetting {src} into {out} failed (status {status})")
    written = TTFont(out, lazy=True)
    try:
        return out, sorted(written.getBestCmap())
    finally:
        written.close()


# --- Plan: which code points go into which file ------------------------------
class Job:
    """One output file: code points of one source font."""
    def __init__(self, src, face, cps, out, notice=None):
        self.src, self.face, self.cps, self.out, self.notice = src, face, sorted(cps), str(out), notice

    def as_tuple(self):
        return self.src, self.face, self.cps, self.out, self.notice


def read_cmap(path, face):
    font = TTFont(path, fontNumber=face, lazy=True)
    try:
        return set(font.getBestCmap()), family_slug(font), is_truetype(font)
    finally:
        font.close()


def base_code_points(cmap, assets, unihan):
    """The base font's code points; exits naming any interface character or
    level 1 hanzi the source font lacks."""
    needed = interface_characters(assets)
    missing = sorted(needed - cmap)
    if missing:
        sys.exit("make_font: the font lacks glyphs for interface text: " + " ".join(f"{chr(c)} U+{c:04X}" for c in missing))
    level1 = tgh_level1(unihan)
    missing = sorted(level1 - cmap)
    if missing:
        sys.exit("make_font: the font lacks level 1 hanzi: " + " ".join(f"{chr(c)} U+{c:04X}" for c in missing))
    return (level1 | gb2312_symbols() | code_points(COMMON_RANGES) | needed) & cmap


def block_slices(src, face, cps, slice_dir):
    """One job per 256-code-point block: u4e00.otf holds U+4E00-4EFF of cps."""
    by_block = {}
    for cp in cps:
        by_block.setdefault(cp >> SLICE_BLOCK_BITS, set()).add(cp)
    return [Job(src, face, block_cps, slice_dir / f"u{block << SLICE_BLOCK_BITS:04x}.otf")
            for block, block_cps in by_block.items()]


def extra_slice(src, wanted, slice_dir):
    """The job for the code points of `wanted` that the extra font has (None
    if it has none), and what is still lacking."""
    cmap, family, truetype = read_cmap(src, 0)
    cps = wanted & cmap
    if not cps:
        return None, family, wanted
    # Arphic PL §2a (BabelStone Han): a modified font carries a notice of how
    # and when. SOURCE_DATE_EPOCH, when set, makes the output reproducible.
    when = datetime.datetime.fromtimestamp(int(os.environ.get("SOURCE_DATE_EPOCH", time.time())),
                                           datetime.timezone.utc).date().isoformat()
    notice = (f"Modified on {when} by scripts/make_font.py of the Quality Award Applicant Kit: "
              f"subset to {len(cps)} code points, glyph outlines unchanged, hinting removed.")
    name = f"{family}{'.ttf' if truetype else '.otf'}"
    return Job(src, 0, cps, slice_dir / name, notice), family, wanted - cmap


def licence_text(copyright_file, font_path, face, family, files_note):
    header = (f"Licence of the font files {files_note}.\n"
              f"They are subsets of {family} ({font_path}, face {face}), made at build time by\n"
              f"scripts/make_font.py of the Quality Award Applicant Kit. Below, unchanged, is\n"
              f"the Debian copyright file of the source font, {copyright_file}.\n"
              + "=" * 78 + "\n")
    return header + pathlib.Path(copyright_file).read_text(encoding="utf-8")


# --- Run and write -------------------------------------------------------------
def run_jobs(jobs, workers):
    """Subsets every job, largest first so that the workers finish together;
    exits if a written cmap is not what was asked for."""
    jobs = sorted(jobs, key=lambda j: -len(j.cps))
    with multiprocessing.Pool(max(1, workers)) as pool:
        written = dict(pool.imap_unordered(subset_to_file, [j.as_tuple() for j in jobs]))
    for job in jobs:
        if written[job.out] != job.cps:
            lost = sorted(set(job.cps) - set(written[job.out]))
            sys.exit(f"make_font: {job.out} maps {len(written[job.out])} code points, {len(job.cps)} were asked for; "
                     f"lost: {' '.join(f'U+{c:04X}' for c in lost[:20])}")


def write_index(path, slices, url_prefix):
    entries = [{"file": url_prefix + pathlib.Path(job.out).name, "ranges": runs(job.cps),
                "bytes": os.path.getsize(job.out)} for job in sorted(slices, key=lambda j: j.cps[0])]
    lines = ",\n".join(json.dumps(e, separators=(",", ":")) for e in entries)
    pathlib.Path(path).write_text(f'{{"format": "{INDEX_FORMAT}",\n "files": [\n{lines}]}}\n', encoding="utf-8")


def remove_stale(folder, keep):
    """Font files, licences and indexes of an earlier build that this one did
    not write (a block now wholly in the base, ui.otf/glyphs.txt of old)."""
    for p in pathlib.Path(folder).iterdir():
        if p.is_file() and p.suffix in (".otf", ".ttf", ".txt", ".json") and p.name not in keep:
            p.unlink()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--font", required=True, help="the main source font (Noto Sans CJK .ttc)")
    ap.add_argument("--index", type=int, default=2, help="face in a .ttc (2 = Simplified Chinese in Noto CJK)")
    ap.add_argument("--font-licence", required=True, help="the source font's Debian copyright file")
    ap.add_argument("--extra-font", default="", help="optional font for URO/Ext A code points the main font lacks")
    ap.add_argument("--extra-licence", default="")
    ap.add_argument("--assets", required=True)
    ap.add_argument("--unihan", required=True, help="Unihan_OtherMappings.txt.bz2 (Debian unicode-data)")
    ap.add_argument("--out-base", required=True)
    ap.add_argument("--out-index", required=True)
    ap.add_argument("--slice-dir", required=True)
    ap.add_argument("--slice-url-prefix", default="font/", help="the slice folder's URL relative to the page")
    ap.add_argument("--jobs", type=int, default=2, help="worker processes")
    args = ap.parse_args()
    if args.extra_font and not args.extra_licence:
        ap.error("--extra-font needs --extra-licence (its licence ships beside it)")
    started = time.monotonic()
    slice_dir, font_dir = pathlib.Path(args.slice_dir), pathlib.Path(args.out_base).parent
    slice_dir.mkdir(parents=True, exist_ok=True)
    font_dir.mkdir(parents=True, exist_ok=True)

    cmap, family, _ = read_cmap(args.font, args.index)
    base = Job(args.font, args.index, base_code_points(cmap, args.assets, args.unihan), args.out_base)
    slices = block_slices(args.font, args.index, cmap - set(base.cps), slice_dir)
    licences = {f"LICENSE-{family}.txt": licence_text(args.font_licence, args.font, args.index, family,
                                                       "base.otf (inside qaward.data) and u*.otf (here)")}
    lacking = code_points(MUST_DRAW_RANGES) - cmap
    if args.extra_font:
        extra, extra_family, lacking = extra_slice(args.extra_font, lacking, slice_dir)
        if extra:
            slices.append(extra)
            licences[f"LICENSE-{extra_family}.txt"] = licence_text(
                args.extra_licence, args.extra_font, 0, extra_family, f"{pathlib.Path(extra.out).name} (here)")
    if lacking:
        print(f"make_font: warning: {len(lacking)} URO/Ext A code points have no glyph in any font"
              f"{'' if args.extra_font else ' (no --extra-font given)'}: "
              + " ".join(f"U+{c:04X}" for c in sorted(lacking)), file=sys.stderr)

    run_jobs([base] + slices, args.jobs)
    for name, text in licences.items():
        (slice_dir / name).write_text(text, encoding="utf-8")
    write_index(args.out_index, slices, args.slice_url_prefix)
    remove_stale(slice_dir, {pathlib.Path(j.out).name for j in slices} | set(licences))
    remove_stale(font_dir, {pathlib.Path(args.out_base).name, pathlib.Path(args.out_index).name})
    print(f"make_font: base {len(base.cps)} code points, {os.path.getsize(base.out)} B -> {base.out}; "
          f"{len(slices)} slices, {sum(len(j.cps) for j in slices)} code points, "
          f"{sum(os.path.getsize(j.out) for j in slices)} B -> {slice_dir}; "
          f"{time.monotonic() - started:.1f} s with {args.jobs} workers")


if __name__ == "__main__":
    main()
