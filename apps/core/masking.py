"""Masked display of personal data (DOMAIN §6).

Staff screens show an ID number's first 6 and last 4 characters (``110105********1234``);
public and printed output is stricter, first 1 and last 2 (``1***************34``).
Phones show ``138****1234``. Masking keeps the length so a clerk can still count digits.
"""


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
