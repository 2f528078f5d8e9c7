"""Chinese working days, read from the arrangements city staff keep (``HolidayYear``/``HolidayDay``).

Rules, in order:

1. A day off fixed by law (元旦, Labour Day, National Day: ``statutory``) is never a working day.
2. A day of an entered arrangement is what the notice says (day off / adjusted working day).
3. Otherwise Monday to Friday are working days.

A year whose arrangement is not entered is counted by rules 1 and 3 only, and a deadline that
counted any day of such a year is *provisional* (``Deadline.unentered_years``).

No cache: every computation reads the rows it needs (one query for a span of dates), so a year
entered in one process is seen by every other process at once, and there is nothing to
invalidate.
"""

import datetime
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import FilteredRelation, Q

from .models import DayKind, HolidayYear
from .statutory import fixed_day_off

#: Days read ahead of a start date: 7 working days never took longer, even across the extended
#: Spring Festival of 2020 (a longer count reads the next span).
LOOKAHEAD_DAYS = 45


@dataclass(frozen=True)
class Deadline:
    due: date
    #: Years without an entered arrangement whose days the count went through, oldest first.
    unentered_years: tuple[int, ...] = ()

    @property
    def provisional(self) -> bool:
        return bool(self.unentered_years)


class WorkingCalendar:
    """The working days of the dates ``first``..``last``, read with one query; reads the next
    span by itself when a count runs past ``last``."""

    def __init__(self, first: date, last: date):
        self._load(first, last)

    def _load(self, first: date, last: date):
        self.first, self.last = first, last
        self._days, self._entered = _read(first, last)

    @classmethod
    def after(cls, start: date, days: int = LOOKAHEAD_DAYS) -> "WorkingCalendar":
        return cls(start + timedelta(days=1), start + timedelta(days=days))

    def _cover(self, day: date):
        if not self.first <= day <= self.last:
            self._load(min(day, self.first), max(day, self.last) + timedelta(days=LOOKAHEAD_DAYS))

    def is_entered(self, year: int) -> bool:
        """Whether ``year``'s arrangement is entered (for a year within the span read)."""
        self._cover(date(year, 1, 1))
        return year in self._entered

    def is_working_day(self, day: date) -> bool:
        self._cover(day)
        if fixed_day_off(day):
            return False
        kind = self._days.get(day)
        if kind is not None:
            return kind == DayKind.WORKING_DAY
        return day.weekday() < 5

    def add_working_days(self, start: date, count: int) -> Deadline:
        """The ``count``-th working day after ``start`` (``start`` itself never counts)."""
        if count < 1:
            raise ValueError("count must be at least 1")
        day, remaining, unentered = start, count, set()
        while remaining:
            day += timedelta(days=1)
            self._cover(day)
            if day.year not in self._entered:
                unentered.add(day.year)
            if self.is_working_day(day):
                remaining -= 1
        return Deadline(day, tuple(sorted(unentered)))


def _read(first: date, last: date):
    """({date: kind} of the entered arrangements' days in the span, {entered years}): one query.

    A day of the span belongs to the notice of its year or, in December, of the next year, so
    the notices ``first.year``..``last.year + 1`` are read; the LEFT JOIN keeps an entered year
    that has no day in the span."""
    rows = (
        HolidayYear.objects.filter(entered=True, year__gte=first.year, year__lte=last.year + 1)
        .annotate(span_day=FilteredRelation("days", condition=Q(days__date__gte=first, days__date__lte=last)))
        .order_by()
        .values_list("year", "span_day__date", "span_day__kind")
    )
    days, entered = {}, set()
    for year, day, kind in rows:
        entered.add(year)
        if day is not None:
            days[day] = kind
    return days, entered


def is_working_day(day: date) -> bool:
    return WorkingCalendar(day, day).is_working_day(day)


def add_working_days(start: date, count: int) -> date:
    """The ``count``-th working day after ``start``; see ``deadline_after`` for whether it is final."""
    return deadline_after(start, count).due


def deadline_after(start: date, count: int) -> Deadline:
    return WorkingCalendar.after(start).add_working_days(start, count)


def calendar_known(day: date) -> bool:
    """Whether the arrangement of ``day``'s year is entered."""
    return HolidayYear.objects.filter(year=day.year, entered=True).exists()


@dataclass(frozen=True)
class EnteredYears:
    """The years whose arrangement is entered (one query), to tell whether a deadline counted
    between two dates was provisional, in Python and in a query."""

    years: frozenset

    @classmethod
    def read(cls) -> "EnteredYears":
        return cls(frozenset(HolidayYear.objects.entered().values_list("year", flat=True)))

    def unentered_between(self, after: date, until: date) -> tuple[int, ...]:
        """Years without an entered arrangement among the days after ``after`` up to ``until``."""
        first = after + timedelta(days=1)
        return tuple(year for year in range(first.year, until.year + 1) if year not in self.years)

    def runs(self) -> list[tuple[int, int]]:
        """The entered years as runs of consecutive years [(first, last)]."""
        runs = []
        for year in sorted(self.years):
            if runs and runs[-1][1] == year - 1:
                runs[-1] = (runs[-1][0], year)
            else:
                runs.append((year, year))
        return runs

    def covered(self, after_field: str, until_field: str) -> Q:
        """Rows whose days after ``after_field`` up to ``until_field`` all lie in entered years
        (range conditions on the two date columns, one pair per run of entered years)."""
        condition = Q(pk__in=[])
        for first, last in self.runs():
            condition |= Q(**{f"{after_field}__gte": datetime.date(first - 1, 12, 31),
                              f"{until_field}__lte": datetime.date(last, 12, 31)})
        return condition
