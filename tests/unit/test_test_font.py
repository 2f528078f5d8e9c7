"""The small test font (tests/fonts/) stands in for the production CJK font: it must fail loudly
when a test prints a character it lacks, instead of printing an empty box."""

import pytest
from django.conf import settings
from fpdf import FPDF


def _print(text):
    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("cjk", fname=settings.CERTIFICATE_FONT_PATH, collection_font_number=settings.CERTIFICATE_FONT_INDEX)
    pdf.set_font("cjk", size=12)
    pdf.cell(0, 10, text)
    return bytes(pdf.output())


def test_the_test_font_prints_the_worlds_names():
    assert _print("宝石邻里互助会 北山街道 志愿服务记录证明 2026年").startswith(b"%PDF")


def test_a_character_missing_from_the_test_font_fails_the_test():
    with pytest.raises(AssertionError, match="make_test_font"):
        # A rare character, written as a code point so that make_test_font.py does not find it here.
        _print(chr(0x9F98))
