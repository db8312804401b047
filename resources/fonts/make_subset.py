#!/usr/bin/env python3
"""Rebuild the bundled "JAS Noto Sans SC" font subsets.

Takes the Simplified Chinese face of Debian's Noto Sans CJK collections
(package ``fonts-noto-cjk``), keeps only the characters Chinese official
documents need (see README.md), renames the family so an installed Noto CJK
is never picked instead, and writes one OpenType/CFF file per weight.

Requires ``fonttools`` (``pip install fonttools``) and the Debian package
``fonts-noto-cjk`` (``apt-get install -y fonts-noto-cjk``).

Usage::

    python3 resources/fonts/make_subset.py            # Debian paths, writes next to this file
    python3 resources/fonts/make_subset.py --out-dir /tmp/fonts
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from fontTools import subset
from fontTools.cffLib import CharStrings
from fontTools.misc.psCharStrings import T2CharString
from fontTools.pens.boundsPen import BoundsPen
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.pens.transformPen import TransformPen
from fontTools.ttLib import TTCollection, TTFont
from fontTools.ttLib.tables.otBase import USE_HARFBUZZ_REPACKER

FAMILY = "JAS Noto Sans SC"
PS_FAMILY = "JASNotoSansSC"
SOURCE_FAMILY = "Noto Sans CJK SC"  # face to take out of the .ttc
DEBIAN_DIR = Path("/usr/share/fonts/opentype/noto")
DEFAULT_REGULAR = DEBIAN_DIR / "NotoSansCJK-Regular.ttc"
DEFAULT_BOLD = DEBIAN_DIR / "NotoSansCJK-Bold.ttc"
DEFAULT_OUT_DIR = Path(__file__).resolve().parent

# CJK Radicals Supplement + Kangxi Radicals.  Noto CJK maps many radicals to
# the same glyph as the ordinary ideograph (U+2EA0 and U+6C11 民 share one
# glyph); Qt's PDF writer builds ToUnicode from the lowest code point that
# maps to a glyph, so a radical in the cmap makes text extraction show it.
EXCLUDED_RANGE = range(0x2E80, 0x2FDF + 1)

EXTRA_RANGES: tuple[tuple[int, int], ...] = (
    (0x0020, 0x007E),  # printable ASCII
    (0x00A0, 0x00FF),  # Latin-1 Supplement
    (0x2000, 0x206F),  # General Punctuation
    (0x2460, 0x2473),  # ① .. ⑳
    (0x3000, 0x303F),  # CJK Symbols and Punctuation
    (0xFF00, 0xFFEF),  # Halfwidth and Fullwidth Forms
)
EXTRA_CHARS = "☐☑□■○●→←↑↓—·•…×✓〇¥"

# Noto Sans CJK has no BALLOT BOX glyphs; they are drawn from its own
# WHITE SQUARE (U+25A1) and CHECK MARK (U+2713).
BALLOT_BOX = 0x2610  # ☐ = copy of □
BALLOT_BOX_WITH_CHECK = 0x2611  # ☑ = □ with a scaled ✓ inside
WHITE_SQUARE = 0x25A1
CHECK_MARK = 0x2713
CHECK_SCALE = 0.68  # ✓ height relative to □'s outer height

# Default fontTools layout features minus vertical-only ones (Qt lays out
# horizontally), 'locl' (its lookups only pull in the Japanese, Korean and
# Traditional Chinese glyph variants: +5800 glyphs, and a ja/ko locale would
# otherwise switch the printed glyph shapes) and the ligatures: 'liga' joins
# fi fl ff ffi ffl and 'ccmp' joins runs of dashes (—— ――) into glyphs that no
# code point maps to, so Qt's PDF writer gives them no text and "office"
# extracts as "o ce". 'clig' and 'dlig' are listed in case a source has them.
LIGATURE_FEATURES = frozenset({"liga", "clig", "dlig", "ccmp"})
DROPPED_FEATURES = frozenset(
    {"locl", "vert", "vrt2", "vhal", "vpal", "vkrn", "valt", "vchw"}
) | LIGATURE_FEATURES
# Vertical metrics tables: only used for vertical writing.
DROPPED_TABLES = ("VORG", "vhea", "vmtx")


@dataclass(frozen=True)
class Weight:
    style: str  # "Regular" or "Bold"
    source: Path

    @property
    def ps_name(self) -> str:
        return f"{PS_FAMILY}-{self.style}"

    @property
    def full_name(self) -> str:
        return FAMILY if self.style == "Regular" else f"{FAMILY} {self.style}"

    @property
    def file_name(self) -> str:
        return f"{self.ps_name}.otf"


def gb2312_codepoints() -> set[int]:
    """Every code point reachable from a 2-byte GB2312 sequence A1A1..F7FE."""
    found: set[int] = set()
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                text = bytes((high, low)).decode("gb2312")
            except UnicodeDecodeError:
                continue
            found.update(ord(ch) for ch in text)
    return found


# Every ideograph the Simplified Chinese face has in these blocks: the CJK Unified Ideographs
# (GB 18030's 2-byte hanzi and more), Extension A, and the Extension B-G characters the face carries
# for Chinese (names in the 通用规范汉字表). GB2312 alone misses common name characters (堃 喆 玥 珺 镕).
HAN_RANGES: tuple[tuple[int, int], ...] = (
    (0x3400, 0x4DBF),   # Extension A
    (0x4E00, 0x9FFF),   # CJK Unified Ideographs
    (0x20000, 0x323AF),  # Extensions B-H (the face covers the Chinese-relevant part)
)


def gbk_codepoints() -> set[int]:
    """Every code point reachable from a 2-byte GBK sequence (GB2312 is a part of it)."""
    found: set[int] = set()
    for high in range(0x81, 0xFF):
        for low in range(0x40, 0xFF):
            if low == 0x7F:
                continue
            try:
                found.update(map(ord, bytes((high, low)).decode("gbk")))
            except UnicodeDecodeError:
                continue
    return found


def wanted_codepoints(available: set[int] | None = None) -> set[int]:
    """The full character set of the subset, radicals removed.

    ``available`` is the source face's cmap: of the Han blocks only what it really has is asked for.
    """
    wanted = gb2312_codepoints() | gbk_codepoints()
    for first, last in HAN_RANGES:
        wanted.update(cp for cp in range(first, last + 1) if available is None or cp in available)
    for first, last in EXTRA_RANGES:
        wanted.update(range(first, last + 1))
    wanted.update(ord(ch) for ch in EXTRA_CHARS)
    return {cp for cp in wanted if cp not in EXCLUDED_RANGE}


def face_index(ttc_path: Path, family: str = SOURCE_FAMILY) -> int:
    """Index of the face whose family name (name ID 1) is ``family``."""
    collection = TTCollection(str(ttc_path), lazy=True)
    for index, font in enumerate(collection.fonts):
        if font["name"].getDebugName(1) == family:
            return index
    raise SystemExit(f"{ttc_path}: no face named {family!r}")


def source_codepoints(ttc_path: Path) -> set[int]:
    collection = TTCollection(str(ttc_path), lazy=True)
    return set(collection.fonts[face_index(ttc_path)].getBestCmap())


def subset_options() -> subset.Options:
    options = subset.Options()
    options.hinting = False
    options.layout_features = [
        tag for tag in options.layout_features if tag not in DROPPED_FEATURES
    ]
    options.drop_tables = list(options.drop_tables) + list(DROPPED_TABLES)
    options.name_IDs = ["*"]  # keep copyright, licence, designer ...
    options.name_languages = [0x0409]  # English only: drops the zh-CN "Noto" names
    return options


def rename(font: TTFont, weight: Weight) -> None:
    """Give the font its own family name in the name table and the CFF."""
    names = {
        1: FAMILY,
        2: weight.style,
        3: f"{font['head'].fontRevision:.3f};JAS;{weight.ps_name}",
        4: weight.full_name,
        6: weight.ps_name,
        16: FAMILY,
        17: weight.style,
    }
    name_table = font["name"]
    present = {record.nameID for record in name_table.names}
    for record in name_table.names:
        if record.nameID in names:
            record.string = names[record.nameID]
    for name_id in (1, 2, 3, 4, 6):
        if name_id not in present:
            name_table.setName(names[name_id], name_id, 3, 1, 0x0409)

    cff = font["CFF "].cff
    old_ps = cff.fontNames[0]
    cff.fontNames[0] = weight.ps_name
    top = cff.topDictIndex[0]
    top.FullName = weight.full_name
    top.FamilyName = FAMILY
    for fd in getattr(top, "FDArray", []):
        if getattr(fd, "FontName", "").startswith(old_ps):
            fd.FontName = weight.ps_name + fd.FontName[len(old_ps):]


def cid_charstrings(font: TTFont) -> CharStrings:
    return font["CFF "].cff.topDictIndex[0].CharStrings


def add_glyph(font: TTFont, charstring: T2CharString, fd_index: int, metrics: tuple[int, int]) -> str:
    """Append a glyph to a CID-keyed CFF font under the lowest free CID.

    The lowest, not the one after the highest: the Extension B glyphs sit at the end of the CID range.
    """
    top = font["CFF "].cff.topDictIndex[0]
    order = list(font.getGlyphOrder())
    used = {int(name[3:]) for name in order if name.startswith("cid")}
    cid = next((c for c in range(1, top.CIDCount) if c not in used), None)
    if cid is None:
        raise SystemExit("no free CID left")
    name = f"cid{cid:05d}"
    charstrings = top.CharStrings
    charstrings.charStringsIndex.append(charstring)
    charstrings.charStrings[name] = len(charstrings.charStringsIndex) - 1
    top.FDSelect.append(fd_index)
    order.append(name)
    top.charset = order
    font.setGlyphOrder(order)
    font["hmtx"].metrics[name] = metrics
    return name


def copy_glyph(font: TTFont, source: str) -> str:
    """Add an identical copy of glyph ``source`` and return the new name."""
    original, fd_index = cid_charstrings(font).getItemAndSelector(source)
    original.compile()
    clone = T2CharString(
        bytecode=original.bytecode, private=original.private, globalSubrs=original.globalSubrs
    )
    return add_glyph(font, clone, fd_index, font["hmtx"].metrics[source])


def checked_box_glyph(font: TTFont, box: str, check: str) -> str:
    """Add a glyph: the outline of ``box`` with ``check`` scaled into its middle."""
    glyph_set = font.getGlyphSet()
    box_bounds, check_bounds = BoundsPen(glyph_set), BoundsPen(glyph_set)
    glyph_set[box].draw(box_bounds)
    glyph_set[check].draw(check_bounds)
    bx0, by0, bx1, by1 = box_bounds.bounds
    cx0, cy0, cx1, cy1 = check_bounds.bounds
    scale = CHECK_SCALE * (by1 - by0) / (cy1 - cy0)
    dx = (bx0 + bx1) / 2 - scale * (cx0 + cx1) / 2
    dy = (by0 + by1) / 2 - scale * (cy0 + cy1) / 2

    width, lsb = font["hmtx"].metrics[box]
    pen = T2CharStringPen(width, glyph_set)
    glyph_set[box].draw(pen)
    glyph_set[check].draw(TransformPen(pen, (scale, 0, 0, scale, dx, dy)))
    original, fd_index = cid_charstrings(font).getItemAndSelector(box)
    charstring = pen.getCharString(private=original.private, globalSubrs=original.globalSubrs)
    return add_glyph(font, charstring, fd_index, (width, lsb))


def map_codepoint(font: TTFont, codepoint: int, glyph: str) -> None:
    for table in font["cmap"].tables:
        # Format 4 holds the BMP only; code points beyond it live in the format 12 subtable.
        if table.isUnicode() and (codepoint <= 0xFFFF or table.format in (12, 13)):
            table.cmap[codepoint] = glyph


def add_ballot_boxes(font: TTFont) -> None:
    cmap = font.getBestCmap()
    box, check = cmap[WHITE_SQUARE], cmap[CHECK_MARK]
    if BALLOT_BOX not in cmap:
        map_codepoint(font, BALLOT_BOX, copy_glyph(font, box))
    if BALLOT_BOX_WITH_CHECK not in cmap:
        map_codepoint(font, BALLOT_BOX_WITH_CHECK, checked_box_glyph(font, box, check))


def unshare_glyphs(font: TTFont) -> None:
    """Give every code point its own glyph.

    Noto maps e.g. U+2013 EN DASH and U+2012 FIGURE DASH, or U+FF5E and
    U+301C, to one glyph.  Qt's PDF writer writes the lowest such code point
    into ToUnicode, so copied text would change.  The lowest code point keeps
    the original glyph (and its kerning); the others get identical copies.
    """
    by_glyph: dict[str, list[int]] = defaultdict(list)
    for codepoint, glyph in font.getBestCmap().items():
        by_glyph[glyph].append(codepoint)
    for glyph, codepoints in sorted(by_glyph.items()):
        for codepoint in sorted(codepoints)[1:]:
            map_codepoint(font, codepoint, copy_glyph(font, glyph))


def check(font: TTFont, wanted: set[int]) -> None:
    """Fail loudly if the output is not what the README promises."""
    cmap = font.getBestCmap()
    radicals = sorted(cp for cp in cmap if cp in EXCLUDED_RANGE)
    if radicals:
        raise SystemExit(f"radicals left in cmap: {[hex(cp) for cp in radicals]}")
    if ord("民") not in cmap:
        raise SystemExit("U+6C11 missing from cmap")
    missing = wanted - set(cmap)
    if any(first <= cp <= last for cp in missing for first, last in HAN_RANGES) \
            or {BALLOT_BOX, BALLOT_BOX_WITH_CHECK} & missing:
        raise SystemExit(f"missing from the output: {sorted(hex(cp) for cp in missing)}")
    if len(set(cmap.values())) != len(cmap):
        raise SystemExit("some code points still share a glyph")
    if font["name"].getDebugName(1) != FAMILY:
        raise SystemExit("family name was not replaced")
    features = {record.FeatureTag for record in font["GSUB"].table.FeatureList.FeatureRecord} \
        if "GSUB" in font else set()
    if features & LIGATURE_FEATURES:
        raise SystemExit(f"ligature features left: {sorted(features & LIGATURE_FEATURES)}")


def build(weight: Weight, out_dir: Path, wanted: set[int]) -> Path:
    index = face_index(weight.source)
    # recalcTimestamp=False keeps head.modified from the source: byte-identical rebuilds. So does
    # fontTools' own table packer: with uharfbuzz installed, GSUB/GPOS were packed differently
    # from one run to the next (nothing here overflows, so HarfBuzz's repacker is not needed).
    font = TTFont(str(weight.source), fontNumber=index, recalcTimestamp=False)
    font.cfg[USE_HARFBUZZ_REPACKER] = False
    subsetter = subset.Subsetter(subset_options())
    subsetter.populate(unicodes=wanted)
    subsetter.subset(font)
    add_ballot_boxes(font)
    unshare_glyphs(font)
    font["OS/2"].recalcUnicodeRanges(font)
    font["OS/2"].updateFirstAndLastCharIndex(font)
    rename(font, weight)
    check(font, wanted)
    out_path = out_dir / weight.file_name
    font.save(str(out_path))
    return out_path


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source-regular", type=Path, default=DEFAULT_REGULAR)
    parser.add_argument("--source-bold", type=Path, default=DEFAULT_BOLD)
    parser.add_argument("--out-dir", type=Path, default=DEFAULT_OUT_DIR)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    for weight in (Weight("Regular", args.source_regular), Weight("Bold", args.source_bold)):
        wanted = wanted_codepoints(source_codepoints(weight.source))
        path = build(weight, args.out_dir, wanted)
        print(f"{path}: {path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
