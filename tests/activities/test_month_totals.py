"""Kept monthly figures per area (hours, records, distinct volunteers): they follow confirmation,
correction (also to another month and area) and voiding, equal a recount from the records, and a
bulk confirmation costs the same number of monthly-figure queries whatever the number of records."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.activities.models import MonthTotal, MonthVolunteer, RecordStatus, ServiceRecord
from apps.activities.services import record_correct, record_dispute, record_void, records_confirm, records_enter
from apps.activities.totals import month_totals_fill, totals_kept, totals_rebuild, totals_recount
from tests.personas import STREET_STAFF
from tests.volunteers.factories import dec, make_activity, make_volunteer

pytestmark = pytest.mark.django_db
MARCH, APRIL = datetime.date(2026, 3, 1), datetime.date(2026, 4, 1)


def at(day, hour):
    return datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC) + datetime.timedelta(days=day - 1, hours=hour)


def figures(area, month):
    """(hours, records, volunteers) kept for the area and month, zeros when there is no row."""
    row = MonthTotal.objects.filter(area=area, month=month).values_list("hours", "records", "volunteers").first()
    return row or (0, 0, 0)


def confirm(actor, *records):
    return records_confirm(actor=actor, records=ServiceRecord.objects.filter(pk__in=[r.pk for r in records]))


def assert_kept_equal_recount():
    recount = totals_recount()
    assert totals_kept() == {key: value for key, value in recount.items() if value[1]}


def test_month_figures_follow_confirm_correct_and_void(world):
    actor = world.user(STREET_STAFF)
    one, two, three = (make_volunteer(world.community_a1) for _ in range(3))
    clean = make_activity(world.org_a, start=at(10, 1), hours=3)
    visit = make_activity(world.org_a2, start=at(12, 1), hours=2)
    # 2026-03-31 17:00 UTC is already 1 April in Shanghai: the local month counts.
    late = make_activity(world.org_b, start=at(31, 17), hours=4)

    records = records_enter(actor=actor, activity=clean, entries=[{"volunteer": v} for v in (one, two)])
    assert figures(world.street_a, MARCH) == (0, 0, 0)  # pending records are not counted
    confirm(actor, *records)
    assert figures(world.community_a1, MARCH) == (dec(6), 2, 2)
    assert figures(world.street_a, MARCH) == figures(world.city, MARCH) == (dec(6), 2, 2)
    assert figures(world.community_a2, MARCH) == (0, 0, 0)
    assert_kept_equal_recount()

    # A second record of the same volunteer in the same month and street: one more record, same people.
    confirm(actor, *records_enter(actor=actor, activity=visit, entries=[{"volunteer": one}, {"volunteer": three}]))
    assert figures(world.street_a, MARCH) == (dec(10), 4, 3)
    assert figures(world.community_a2, MARCH) == (dec(4), 2, 2)
    assert MonthVolunteer.objects.get(area=world.street_a, month=MARCH, volunteer=one).records == 2
    assert_kept_equal_recount()

    # Corrected hours: the original leaves, the new version counts once confirmed.
    original = ServiceRecord.objects.get(activity=clean, volunteer=two)
    version = record_correct(actor=actor, record=original, reason="核对", hours=dec("1.5"))
    assert figures(world.street_a, MARCH) == (dec(7), 3, 2)  # two has no confirmed record left
    assert not MonthVolunteer.objects.filter(volunteer=two).exists()
    confirm(actor, version)
    assert figures(world.street_a, MARCH) == (dec("8.5"), 4, 3)
    assert_kept_equal_recount()

    # Corrected to another activity: out of March in street A, into April (local) in street B.
    moved = ServiceRecord.objects.get(activity=visit, volunteer=one, status=RecordStatus.CONFIRMED)
    version = record_correct(actor=actor, record=moved, reason="记错活动", activity=late,
                             started_at=late.starts_at, ended_at=late.ends_at, hours=dec(4))
    confirm(actor, version)
    assert figures(world.community_a2, MARCH) == (dec(2), 1, 1)
    assert figures(world.street_a, MARCH) == (dec("6.5"), 3, 3)  # one still served in clean
    assert figures(world.street_b, MARCH) == (0, 0, 0)
    assert figures(world.street_b, APRIL) == figures(world.city, APRIL) == (dec(4), 1, 1)
    assert figures(world.city, MARCH) == (dec("6.5"), 3, 3)
    assert_kept_equal_recount()

    # Void and dispute never touch confirmed figures.
    pending = records_enter(actor=actor, activity=late, entries=[{"volunteer": two}, {"volunteer": three}])
    record_void(actor=actor, record=pending[0], reason="未到场")
    record_dispute(actor=actor, record=pending[1], reason="时长有误")
    assert figures(world.street_b, APRIL) == (dec(4), 1, 1)
    assert_kept_equal_recount()

    recount = totals_recount()
    totals_rebuild()
    assert totals_kept() == {key: value for key, value in recount.items() if value[1]}
    MonthTotal.objects.all().delete()
    MonthVolunteer.objects.all().delete()
    month_totals_fill()
    assert_kept_equal_recount()


def test_a_last_record_leaving_a_month_removes_the_volunteer(world):
    actor = world.user(STREET_STAFF)
    volunteer = make_volunteer(world.community_a1)
    activity = make_activity(world.org_a, start=at(5, 1))
    record = records_enter(actor=actor, activity=activity, entries=[{"volunteer": volunteer}])[0]
    confirm(actor, record)
    record_correct(actor=actor, record=record, reason="重复登记", hours=dec(1))
    assert figures(world.city, MARCH) == (0, 0, 0)
    assert not MonthVolunteer.objects.exists()
    assert_kept_equal_recount()


def _monthly_queries(actor, activity, volunteers):
    records = records_enter(actor=actor, activity=activity, entries=[{"volunteer": v} for v in volunteers])
    with CaptureQueriesContext(connection) as captured:
        confirm(actor, *records)
    return len([q for q in captured.captured_queries if "activities_month" in q["sql"]])


def test_bulk_confirmation_costs_the_same_monthly_queries_for_more_records(world):
    actor = world.user(STREET_STAFF)
    few = _monthly_queries(actor, make_activity(world.org_a, start=at(3, 1)),
                           [make_volunteer(world.community_a1) for _ in range(2)])
    many = _monthly_queries(actor, make_activity(world.org_a, start=at(4, 1)),
                            [make_volunteer(world.community_a1) for _ in range(12)])
    assert few == many == 2  # memberships upserted, figures upserted
    assert figures(world.city, MARCH) == (dec(42), 14, 14)
