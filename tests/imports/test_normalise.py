import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from apps.imports.normalise import EXCEL_EPOCH, compact, parse_date, parse_decimal, parse_time, text

FULL_WIDTH_OFFSET = 0xFEE0  # "０" - "0"


def to_full_width(value: str) -> str:
    return "".join(chr(ord(c) + FULL_WIDTH_OFFSET) if "!" <= c <= "~" else c for c in value)


@given(st.text(alphabet="0123456789ABCDEFGHJKLMNPQRTUWXYabcxyz", min_size=1, max_size=20))
def test_full_width_digits_and_letters_become_half_width(value):
    assert text(to_full_width(value)) == value
    assert compact("　" + to_full_width(value) + " ") == value.upper()


@given(st.text())
def test_text_is_trimmed_and_idempotent(value):
    once = text(value)
    assert once == once.strip() and text(once) == once
    assert "  " not in once


@given(st.dates(min_value=datetime.date(1900, 3, 1), max_value=datetime.date(9999, 12, 31)))
def test_every_date_spelling_round_trips(day):
    spellings = [day.isoformat(), f"{day.year}/{day.month}/{day.day}", f"{day.year}年{day.month}月{day.day}日",
                 day.strftime("%Y%m%d"), f"{day.year}.{day.month:02d}.{day.day:02d}",
                 to_full_width(day.isoformat()), f" {day.isoformat()} "]
    for spelling in spellings:
        assert parse_date(spelling) == day, spelling
    serial = (day - EXCEL_EPOCH).days
    assert parse_date(serial) == day
    assert parse_date(float(serial)) == day
    assert parse_date(datetime.datetime.combine(day, datetime.time(0))) == day


def test_known_excel_serial():
    assert parse_date(45356) == datetime.date(2024, 3, 5)
    assert parse_date("45356") == datetime.date(2024, 3, 5)  # a serial saved to CSV


@pytest.mark.parametrize("bad", ["2024-02-30", "明天", "2024/13/1", "3/5/2024"])
def test_bad_dates_raise(bad):
    with pytest.raises(ValueError):
        parse_date(bad)


def test_blank_values_are_none():
    assert parse_date(None) is None and parse_date("  ") is None and parse_decimal("") is None


def test_times_and_numbers():
    assert parse_time("9:30") == datetime.time(9, 30)
    assert parse_time("９点") == datetime.time(9, 0)
    assert parse_time(0.375) == datetime.time(9, 0)
    assert parse_decimal("２.５") == Decimal("2.50")
    assert parse_decimal("1,234.5") == Decimal("1234.50")
    with pytest.raises(ValueError):
        parse_decimal("两小时")
    assert text(13800000001.0) == "13800000001"


def test_chinese_punctuation_in_names_is_kept():
    assert text("新协会（更名）") == "新协会（更名）"
