"""The arrangements of 2004–2026, seeded from the ``chinese-calendar`` package by the data
migration and again after every ``migrate`` or ``flush`` (post_migrate, see apps.py), so that
deadlines of those years count exactly as before the table existed.

A year is seeded only when it has no row yet: a year city staff changed keeps their days.
Later years are never seeded from the package, even after an upgrade that knows them: they are
entered in the back office (``services.holiday_year_enter``), which also recomputes the
deadlines that were counted provisionally while the year was missing.
"""

import datetime

from django.utils import timezone

#: The years chinese-calendar 1.11.0 knows; the table took over from it at 2026.
SEEDED_YEARS = range(2004, 2027)
SOURCE = "chinese-calendar 1.11.0"


def notice_year(day: datetime.date) -> int:
    """The year whose notice announced ``day``: December days belong to next year's 元旦."""
    return day.year + 1 if day.month == 12 else day.year


def package_days():
    """{notice year: [(date, kind, festival)]} of the seeded years, from the package."""
    from chinese_calendar.constants import Holiday, holidays, workdays

    festival = {holiday.value: holiday.chinese for holiday in Holiday}
    by_year = {}
    for kind, days in (("day_off", holidays), ("working_day", workdays)):
        for day, name in days.items():
            by_year.setdefault(notice_year(day), []).append((day, kind, festival[name]))
    return {year: sorted(by_year.get(year, [])) for year in SEEDED_YEARS}


def ensure_arrangements(apps, using="default"):
    HolidayYear = apps.get_model("holidays", "HolidayYear")
    HolidayDay = apps.get_model("holidays", "HolidayDay")
    existing = set(HolidayYear.objects.using(using).values_list("year", flat=True))
    missing = [year for year in SEEDED_YEARS if year not in existing]
    if not missing:
        return
    now, days = timezone.now(), package_days()
    HolidayYear.objects.using(using).bulk_create([
        HolidayYear(year=year, entered=True, entered_at=now, source=SOURCE) for year in missing])
    arrangements = dict(HolidayYear.objects.using(using).filter(year__in=missing).values_list("year", "pk"))
    HolidayDay.objects.using(using).bulk_create([
        HolidayDay(arrangement_id=arrangements[year], date=day, kind=kind, name=name)
        for year in missing for day, kind, name in days[year]
    ], ignore_conflicts=True)  # a day city staff already entered under another year stays theirs


def create_defaults(sender, *, apps=None, using="default", **kwargs):
    """post_migrate receiver (also sent after ``flush``, without ``apps``: the live registry)."""
    if apps is None:
        from django.apps import apps
    from apps.organizations.defaults import has_table

    if has_table(apps, "holidays", "HolidayDay", using):
        ensure_arrangements(apps, using)
