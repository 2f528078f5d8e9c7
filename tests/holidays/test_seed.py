"""The arrangements of 2004–2026 come from the chinese-calendar package: seeded by the data
migration and again after every flush (live-server tests), entered, each day under the notice
that announced it; a year city staff changed is never reseeded, and later years never are."""

import datetime

import pytest
from django.core.management import call_command

from apps.holidays.defaults import SOURCE
from apps.holidays.models import DayKind, HolidayDay, HolidayYear

pytestmark = pytest.mark.django_db(transaction=True)


def _seeded():
    return sorted(HolidayYear.objects.filter(entered=True).values_list("year", flat=True)), HolidayDay.objects.count()


def test_seeded_years_are_entered_with_their_days():
    years, days = _seeded()
    assert years == list(range(2004, 2027)) and days == 771
    assert HolidayYear.objects.get(year=2026).source == SOURCE
    # 元旦 2019 began on Sunday 30 December 2018, and Saturday 29 December 2018 was worked: 2019's notice.
    worked = HolidayDay.objects.select_related("arrangement").get(date=datetime.date(2018, 12, 29))
    assert (worked.kind, worked.name, worked.arrangement.year) == (DayKind.WORKING_DAY, "元旦", 2019)
    assert HolidayDay.objects.get(date=datetime.date(2026, 2, 16)).name == "春节"


def test_seeded_years_come_back_after_flush_and_edits_stay():
    before = _seeded()
    call_command("flush", interactive=False, verbosity=0)
    assert _seeded() == before

    HolidayDay.objects.filter(date=datetime.date(2026, 10, 10)).delete()  # city staff's correction
    HolidayYear.objects.create(year=2027)
    call_command("migrate", verbosity=0)  # sends post_migrate for every app
    assert not HolidayDay.objects.filter(date=datetime.date(2026, 10, 10)).exists()
    assert not HolidayYear.objects.get(year=2027).entered and not HolidayDay.objects.filter(date__year=2027).exists()
