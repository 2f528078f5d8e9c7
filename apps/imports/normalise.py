"""Cell values as real spreadsheets hold them, turned into clean Python values.

Clerks' files carry full-width digits and letters (Chinese input methods), stray and
non-breaking spaces, Excel date serials, text dates in several spellings and blank rows.
Each function takes a raw cell (str, int, float, datetime or None) and returns a clean
value or raises ``ValueError`` with the expected format for the error message.
"""

import datetime
import re
import unicodedata
from decimal import Decimal, InvalidOperation

# Excel's day 0 (with its 1900 leap-year bug, serial 60 is the non-existent 1900-02-29).
EXCEL_EPOCH = datetime.date(1899, 12, 30)
_SPACES = re.compile(r"\s+")
_DATE_PATTERNS = [
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
]


def _half_width_alnum(match):
    return unicodedata.normalize("NFKC", match.group())


# Full-width digits and Latin letters (０-９, Ａ-Ｚ, ａ-ｚ) and the full-width dot, colon, slash
# and minus that come with them. Chinese punctuation such as （） in names is left alone.
_FULL_WIDTH = re.compile(r"[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff0e\uff1a\uff0f\uff0d]")


def text(value) -> str:
    """Full-width digits/letters → half-width (NFKC), spaces collapsed and trimmed; None → ""."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a number typed into a text column: 13800000000.0 → "13800000000"
    return _SPACES.sub(" ", _FULL_WIDTH.sub(_half_width_alnum, str(value))).strip()


def compact(value) -> str:
    """Codes and numbers: full NFKC, without any spaces or dashes, upper case."""
    return re.sub(r"[\s\-]", "", unicodedata.normalize("NFKC", text(value))).upper()


def parse_date(value) -> datetime.date | None:
    """Excel serials, date cells and text dates (2024/3/5, 2024-03-05, 2024年3月5日, 20240305)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 1 <= value < 2958466:  # up to 9999-12-31
            return EXCEL_EPOCH + datetime.timedelta(days=int(value))
        raise ValueError("serial")
    cleaned = text(value).replace(" ", "")
    if not cleaned:
        return None
    if re.fullmatch(r"\d{5}(\.0+)?", cleaned):  # a serial that arrived as text (CSV from Excel)
        return EXCEL_EPOCH + datetime.timedelta(days=int(float(cleaned)))
    for pattern in _DATE_PATTERNS:
        match = pattern.match(cleaned)
        if match:
            year, month, day = (int(part) for part in match.groups())
            return datetime.date(year, month, day)  # ValueError for 2024-02-30
    raise ValueError(cleaned)


def parse_time(value) -> datetime.time | None:
    """Times as Excel fractions of a day, time cells, or text 9:00 / 09:00:00 / 9点30."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.time()
    if isinstance(value, datetime.time):
        return value
    if isinstance(value, float) and 0 <= value < 1:
        minutes = round(value * 24 * 60)
        return datetime.time(minutes // 60, minutes % 60)
    cleaned = text(value).replace(" ", "")
    if not cleaned:
        return None
    match = re.fullmatch(r"(\d{1,2})[:点时](\d{1,2})?(?::(\d{1,2}))?分?", cleaned)
    if not match:
        raise ValueError(cleaned)
    return datetime.time(int(match.group(1)), int(match.group(2) or 0))


def parse_decimal(value, *, places=2) -> Decimal | None:
    if value is None or value == "":
        return None
    cleaned = text(value).replace(",", "").replace(" ", "")
    if not cleaned:
        return None
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(cleaned) from None
    if not number.is_finite():
        raise ValueError(cleaned)
    return number.quantize(Decimal(1).scaleb(-places))


def parse_int(value) -> int | None:
    number = parse_decimal(value, places=0)
    return None if number is None else int(number)


def is_blank_row(values) -> bool:
    return all(text(v) == "" for v in values)
