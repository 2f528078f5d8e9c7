"""Make ``tests/fonts/test-cjk.ttf``: the production certificate font cut down to the glyphs tests print.

Production prints certificates and street reports with Debian's Noto Sans CJK SC (a 20 MB
collection). fpdf2 parses and subsets that font for every PDF, 1–3 s each, which made the PDF
tests the slowest of the suite. The test settings point at this file instead: the same
typeface (SIL Open Font License 1.1, whose notice stays in the font's name table), with only
printable ASCII and the non-ASCII characters found in the code, templates, translations,
area list and tests, i.e. everything a test can put on a PDF. Its outlines are converted from
cubic (CFF) to quadratic (TrueType) curves: fpdf2 subsets a TrueType font again for every PDF
about three times faster, as it need not run each CFF glyph program to find its bounds.

A test that prints a character missing here fails (``tests/conftest.py`` turns fpdf2's
missing-glyph warning into an error); run this script again and commit the new font:

    .venv/bin/python tests/fonts/make_test_font.py

The output depends only on the source font and the scanned files (no timestamps).
"""

import sys
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

ROOT = Path(__file__).resolve().parents[2]
SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
SOURCE_INDEX = 2  # Simplified Chinese, as config/settings/base.py
TARGET = Path(__file__).with_name("test-cjk.ttf")
SCANNED = ["apps/**/*.py", "apps/**/*.html", "apps/**/*.csv", "templates/**/*.html", "locale/**/*.po",
           "tests/**/*.py"]


def characters():
    found = {chr(code) for code in range(0x20, 0x7F)}
    for pattern in SCANNED:
        for path in sorted(ROOT.glob(pattern)):
            found |= {char for char in path.read_text(encoding="utf-8") if ord(char) > 0x7F and char.isprintable()}
    return found


def to_truetype(font, max_error=1.0):
    """Replace the CFF outlines by TrueType ones (as fontTools' otf2ttf snippet does)."""
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_error, reverse_direction=True))
        glyphs[name] = pen.glyph()
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    for field in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs", "maxStackElements",
                  "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, field, 0)
    font["post"].formatType = 3.0  # no glyph names: fpdf2 goes by the character map
    font.sfntVersion = "\x00\x01\x00\x00"


def main():
    font = TTFont(SOURCE, fontNumber=SOURCE_INDEX, recalcTimestamp=False)
    options = subset.Options()
    options.name_IDs = ["*"]  # keep copyright and licence
    options.notdef_outline = True
    options.layout_features = []  # fpdf2 places glyphs one by one
    options.hinting = False
    subsetter = subset.Subsetter(options)
    chars = characters()
    subsetter.populate(unicodes=sorted(ord(char) for char in chars))
    subsetter.subset(font)
    to_truetype(font)
    font.save(TARGET)
    print(f"{TARGET.relative_to(ROOT)}: {len(chars)} characters, {TARGET.stat().st_size // 1024} KiB")


if __name__ == "__main__":
    sys.exit(main())
