"""Masked display of personal data (DOMAIN §6).

Staff screens show an ID number's first 6 and last 4 characters (``110105********1234``);
public and printed output is stricter, first 1 and last 2 (``1***************34``).
Phones show ``138****1234``. Masking keeps the length so a clerk can still count digits.
"""

import re

# A resident ID number (18 characters) or a mainland mobile number standing alone in a text,
# e.g. in a query string: ``document=13812345678&keyword=``.
_RESIDENT_ID = re.compile(r"(?<![0-9A-Za-z])\d{17}[0-9Xx](?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])")


def _mask(value: str, head: int, tail: int) -> str:
    value = (value or "").strip()
    if not value:
        return ""
    if len(value) <= head + tail:
        # Too short to show anything safely: show only the last character.
        return "*" * (len(value) - 1) + value[-1:]
    return value[:head] + "*" * (len(value) - head - tail) + value[-tail:]


def mask_id_number(value: str, *, public: bool = False) -> str:
    return _mask(value, 1, 2) if public else _mask(value, 6, 4)


def mask_phone(value: str) -> str:
    return _mask(value, 3, 4)


def mask_name(value: str) -> str:
    """张三丰 → 张**: for public pages that must not show a full name."""
    value = (value or "").strip()
    return value[:1] + "*" * (len(value) - 1) if value else ""


def mask_document_or_phone(value: str) -> str:
    """A value typed into an exact search, which may be a phone or a document number."""
    value = (value or "").strip()
    return mask_phone(value) if _MOBILE.fullmatch(value) else mask_id_number(value)


def mask_personal_numbers(text: str) -> str:
    """``text`` with every resident ID number and mobile number in it masked: a safety net for
    free text written to the audit log (query strings, details)."""
    text = _RESIDENT_ID.sub(lambda match: mask_id_number(match.group()), text)
    return _MOBILE.sub(lambda match: mask_phone(match.group()), text)
