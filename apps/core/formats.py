"""How the interface writes dates, times and amounts of money, in both languages alike.

Dates ``2026-12-03``, date-times ``2026-12-03 14:05`` (local time), amounts ``¥1,234,567.00``.
The date formats are the locale formats of ``config/formats`` (so unformatted ``{{ day }}``,
django-tables2's date columns and these helpers agree); amounts always show two decimals and
thousands separators, whatever ``USE_THOUSAND_SEPARATOR`` says for other numbers (years, counts
and codes stay ungrouped). Templates use the ``day``, ``day_time`` and ``amount`` filters of
``{% load gz %}``; tables use ``apps.core.tables.AmountColumn``.
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import formats, timezone

EMPTY = ""  # as Django's date filter writes nothing; templates add |default:"—" where a gap needs a mark
CURRENCY = "¥"
_CENT = Decimal("0.01")


def format_date(value, empty=EMPTY) -> str:
    """A date, or a datetime's local date: ``2026-12-03``."""
    if not isinstance(value, datetime.date):
        return empty
    if isinstance(value, datetime.datetime):
        value = timezone.template_localtime(value)
    return formats.date_format(value, "DATE_FORMAT")


def format_datetime(value, empty=EMPTY) -> str:
    """A datetime in local time: ``2026-12-03 14:05`` (a plain date: the date alone)."""
    if not isinstance(value, datetime.datetime):
        return format_date(value, empty)
    return formats.date_format(timezone.template_localtime(value), "DATETIME_FORMAT")


def format_amount(value, empty=EMPTY) -> str:
    """An amount of yuan: ``¥1,234,567.00``, negative ``-¥1,234.50``."""
    if value is None or value == "" or isinstance(value, bool):
        return empty
    try:
        amount = Decimal(str(value)).quantize(_CENT, rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError):
        return empty
    number = formats.number_format(abs(amount), decimal_pos=2, use_l10n=True, force_grouping=True)
    return f"{'-' if amount < 0 else ''}{CURRENCY}{number}"
