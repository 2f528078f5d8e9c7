"""Chinese working days: weekends and public holidays off, adjusted weekends (调休) on.

The holiday data comes from the maintained ``chinese-calendar`` package, which covers the
years the State Council has announced. For a year it does not know yet we fall back to
Monday–Friday and say so (``calendar_known``), so a deadline is never silently wrong.
"""

from datetime import date, timedelta

import chinese_calendar


def calendar_known(day: date) -> bool:
    try:
        chinese_calendar.is_workday(day)
    except NotImplementedError:
        return False
    return True


def is_working_day(day: date) -> bool:
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        return day.weekday() < 5


def add_working_days(start: date, count: int) -> date:
    """The ``count``-th working day after ``start`` (``start`` itself never counts)."""
    if count < 1:
        raise ValueError("count must be at least 1")
    day = start
    remaining = count
    while remaining:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day
