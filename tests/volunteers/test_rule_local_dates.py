"""Rule (issue 15.2): a date for a deadline or an age is the local date (Asia/Shanghai), never
the UTC date of an aware datetime. A volunteer turning 18 on 1 October 2026 was refused risky
work at 07:00 that morning, which is still 30 September in UTC."""

import datetime
import re
from pathlib import Path
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from apps.activities.models import Activity
from apps.activities.services import checkin_sign_in, checkin_sign_out, records_enter
from apps.volunteers.id_numbers import parse_resident_id, synthetic_resident_id
from tests.personas import STREET_STAFF
from tests.volunteers.factories import make_activity, make_volunteer

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")
SEVEN_AM = datetime.datetime(2026, 10, 1, 7, 0, tzinfo=SHANGHAI)  # = 2026-09-30 23:00 UTC


def at(moment):
    """``timezone.now()`` (and so ``timezone.localdate()``) at ``moment``."""
    return mock.patch("django.utils.timezone.now", return_value=moment.astimezone(datetime.UTC))


def risky_activity_at(world, start):
    activity = make_activity(world.org_a, start=start, hours=3, is_risky=True, is_insured=True, name="高空清洁")
    # As every request sees it: read back from the database, in UTC.
    return Activity.objects.get(pk=activity.pk)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_the_activity_starts_on_30_september_in_utc():
    assert SEVEN_AM.astimezone(datetime.UTC).date() == datetime.date(2026, 9, 30)


def test_turning_18_that_morning_may_record_hours_in_risky_work(world):
    volunteer = make_volunteer(world.community_a1, birth_date=datetime.date(2008, 10, 1), organization=world.org_a)
    activity = risky_activity_at(world, SEVEN_AM)
    with at(SEVEN_AM + datetime.timedelta(hours=4)):
        [record] = records_enter(actor=world.user(STREET_STAFF), activity=activity, entries=[{"volunteer": volunteer}])
    assert record.hours == 3


def test_turning_18_that_morning_may_sign_out_of_risky_work(world):
    volunteer = make_volunteer(world.community_a1, birth_date=datetime.date(2008, 10, 1), organization=world.org_a)
    activity = risky_activity_at(world, SEVEN_AM)
    with at(SEVEN_AM):
        checkin_sign_in(activity=activity, volunteer=volunteer)
    with at(SEVEN_AM + datetime.timedelta(hours=2)):
        record = checkin_sign_out(activity=activity, volunteer=volunteer)
    assert record.hours == 2


def test_turning_18_the_next_day_is_still_refused(world):
    volunteer = make_volunteer(world.community_a1, birth_date=datetime.date(2008, 10, 2), organization=world.org_a)
    late_evening = datetime.datetime(2026, 10, 1, 23, 0, tzinfo=SHANGHAI)  # 15:00 UTC, same day
    for start in (SEVEN_AM, late_evening):
        activity = risky_activity_at(world, start)
        with pytest.raises(ValidationError, match="risky"):
            records_enter(actor=world.user(STREET_STAFF), activity=activity, entries=[{"volunteer": volunteer}])


def test_born_today_in_shanghai_is_not_born_in_the_future():
    # 2030-06-01 20:00 UTC is 2 June in Shanghai: a baby born on 2 June has a valid number.
    number = synthetic_resident_id("330106", datetime.date(2030, 6, 2), 1)
    with at(datetime.datetime(2030, 6, 1, 20, 0, tzinfo=datetime.UTC)):
        assert parse_resident_id(number).birth_date == datetime.date(2030, 6, 2)
    with at(datetime.datetime(2030, 6, 1, 15, 0, tzinfo=datetime.UTC)):  # 23:00 on 1 June in Shanghai
        with pytest.raises(ValidationError, match="future"):
            parse_resident_id(number)


def test_local_date_comes_from_localdate():
    with at(datetime.datetime(2026, 12, 31, 17, 0, tzinfo=datetime.UTC)):
        assert timezone.localdate() == datetime.date(2027, 1, 1)


# --- Guard: no UTC dates in the code ---------------------------------------------------------

APPS = Path(__file__).resolve().parents[2] / "apps"
#: A date taken from the server's clock or from a UTC datetime. Datetime columns are named
#: ``*_at`` and hold UTC after a read, so ``started_at.date()`` is the UTC date.
UTC_DATES = re.compile(
    r"\bdate\.today\b"                 # the server's time zone (UTC on our servers)
    r"|\bdatetime\.now\(|\butcnow\("   # naive or UTC now
    r"|\bnow\(\)\.date\(\)"            # timezone.now().date(): the UTC date
    r"|_at\.date\(\)"                  # an aware datetime column's UTC date
)
#: {path relative to apps/: why it may take a UTC date}. Empty: every date is local.
ALLOWED = {}


def utc_dates(source: str) -> list[str]:
    return [line.strip() for line in source.splitlines() if UTC_DATES.search(line)]


def test_no_code_takes_a_date_from_utc():
    found = {}
    for path in sorted(APPS.rglob("*.py")):
        relative = str(path.relative_to(APPS))
        lines = utc_dates(path.read_text(encoding="utf-8"))
        if lines and relative not in ALLOWED:
            found[relative] = lines
    assert found == {}, "use timezone.localdate() / timezone.localtime(value).date()"


def test_the_guard_finds_each_kind_of_utc_date():
    sample = "\n".join([
        "today = datetime.date.today()", "initial=datetime.date.today,", "day = date.today()",
        "now = datetime.datetime.now()", "day = timezone.now().date()", "day = activity.starts_at.date()",
        "ok = timezone.localdate()", "ok = timezone.localtime(activity.starts_at).date()",
    ])
    assert len(utc_dates(sample)) == 6
