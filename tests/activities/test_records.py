"""Service records: overlap and duration rules, confirm / lock / correct, kept totals, stars."""

import datetime
import random

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from apps.activities.models import HoursTotal, RecordStatus, ServiceRecord
from apps.activities.rules import hours_between
from apps.activities.services import (
    checkin_sign_in, checkin_sign_out, record_correct, record_dispute, record_update_pending, record_void,
    records_confirm, records_enter,
)
from apps.activities.totals import totals_kept, totals_recount, totals_rebuild
from apps.audit.models import AuditAction, AuditEvent
from apps.volunteers.models import StarThreshold
from apps.volunteers.services import star_award_grant, star_level_for_hours
from tests.personas import STREET_STAFF
from tests.volunteers.factories import dec, make_activity, make_volunteer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Messages are matched in English (the catalogue translates them to Chinese)."""
    with translation.override("en"):
        yield
H = datetime.timedelta(hours=1)


@pytest.fixture
def actor(world):
    return world.user(STREET_STAFF)


def test_bulk_entry_defaults_to_the_activity_time(world, actor):
    activity = make_activity(world.org_a, hours=3)
    volunteers = [make_volunteer(world.community_a1) for _ in range(3)]
    records = records_enter(actor=actor, activity=activity, entries=[{"volunteer": v} for v in volunteers])
    assert [r.hours for r in records] == [dec("3.00")] * 3
    assert all(r.status == RecordStatus.PENDING for r in records)
    assert AuditEvent.objects.get(action=AuditAction.BATCH).row_count == 3


def test_hours_cannot_exceed_the_activity_duration(world, actor):
    activity = make_activity(world.org_a, hours=2)
    volunteer = make_volunteer(world.community_a1)
    with pytest.raises(ValidationError, match="duration"):
        records_enter(actor=actor, activity=activity, entries=[{"volunteer": volunteer, "hours": dec("2.01")}])
    records_enter(actor=actor, activity=activity, entries=[{"volunteer": volunteer, "hours": dec("2.00")}])


def test_service_time_must_lie_within_the_activity(world, actor):
    activity = make_activity(world.org_a, hours=2)
    with pytest.raises(ValidationError):
        records_enter(actor=actor, activity=activity, entries=[{
            "volunteer": make_volunteer(world.community_a1),
            "started_at": activity.starts_at - H, "ended_at": activity.starts_at + H, "hours": dec(1)}])


def test_a_volunteer_cannot_serve_two_overlapping_activities(world, actor):
    first = make_activity(world.org_a, hours=3)
    second = make_activity(world.org_a2, start=first.starts_at + 2 * H, hours=3, name="敬老活动")
    adjacent = make_activity(world.org_a2, start=first.ends_at, hours=1, name="紧接着的活动")
    volunteer = make_volunteer(world.community_a1)
    records_enter(actor=actor, activity=first, entries=[{"volunteer": volunteer}])
    with pytest.raises(ValidationError, match="社区清洁活动") as refused:
        records_enter(actor=actor, activity=second, entries=[{"volunteer": volunteer}])
    # The message names the volunteer once (the overlap rule's own words already do).
    assert " ".join(refused.value.messages).count(volunteer.name) == 1, refused.value.messages
    # A partial entry inside the overlap-free part of the second activity is fine.
    records_enter(actor=actor, activity=second, entries=[{"volunteer": volunteer,
                  "started_at": first.ends_at, "ended_at": second.ends_at}])
    with pytest.raises(ValidationError):
        records_enter(actor=actor, activity=adjacent, entries=[{"volunteer": volunteer}])


def test_void_records_do_not_block_the_time(world, actor):
    activity = make_activity(world.org_a)
    volunteer = make_volunteer(world.community_a1)
    [record] = records_enter(actor=actor, activity=activity, entries=[{"volunteer": volunteer}])
    record_void(actor=actor, record=record, reason="录入错误")
    records_enter(actor=actor, activity=activity, entries=[{"volunteer": volunteer}])


def test_bulk_entry_is_all_or_nothing(world, actor):
    activity = make_activity(world.org_a, hours=2)
    good, bad = make_volunteer(world.community_a1), make_volunteer(world.community_a1)
    with pytest.raises(ValidationError):
        records_enter(actor=actor, activity=activity, entries=[{"volunteer": good}, {"volunteer": bad, "hours": 5}])
    assert not ServiceRecord.objects.exists()


def test_database_refuses_two_live_records_for_one_activity(world, actor):
    activity = make_activity(world.org_a)
    volunteer = make_volunteer(world.community_a1)
    [record] = records_enter(actor=actor, activity=activity, entries=[{"volunteer": volunteer}])
    record.pk = None
    with pytest.raises(IntegrityError), transaction.atomic():
        record.save()


def test_minors_are_never_assigned_to_risky_work(world, actor):
    activity = make_activity(world.org_a, is_risky=True)
    child = make_volunteer(world.community_a1, birth_date=datetime.date(2016, 1, 1), guardian_name="家长")
    with pytest.raises(ValidationError, match="risky"):
        records_enter(actor=actor, activity=activity, entries=[{"volunteer": child}])


def test_confirm_locks_and_correction_keeps_the_original(world, actor):
    activity = make_activity(world.org_a, hours=3)
    volunteer = make_volunteer(world.community_a1)
    [record] = records_enter(actor=actor, activity=activity, entries=[{"volunteer": volunteer}])
    assert records_confirm(actor=actor, records=ServiceRecord.objects.all()) == 1
    record.refresh_from_db()
    assert (record.status, record.confirmed_by) == (RecordStatus.CONFIRMED, actor)
    with pytest.raises(ValidationError):
        record_update_pending(actor=actor, record=record, hours=dec(1))
    with pytest.raises(ValidationError):
        record_void(actor=actor, record=record, reason="x")
    volunteer.refresh_from_db()
    assert volunteer.confirmed_hours == dec(3)

    version = record_correct(actor=actor, record=record, reason="实际服务2小时", hours=dec(2))
    record.refresh_from_db()
    volunteer.refresh_from_db()
    assert record.status == RecordStatus.CORRECTED and record.hours == dec(3)  # the original is kept
    assert version.supersedes == record and version.status == RecordStatus.PENDING
    assert volunteer.confirmed_hours == 0  # the pending version counts once confirmed
    records_confirm(actor=actor, records=ServiceRecord.objects.filter(pk=version.pk))
    volunteer.refresh_from_db()
    assert volunteer.confirmed_hours == dec(2)
    with pytest.raises(ValidationError):
        record_correct(actor=actor, record=record, reason="again", hours=dec(1))  # already corrected


def test_dispute_then_correct(world, actor):
    activity = make_activity(world.org_a, hours=3)
    [record] = records_enter(actor=actor, activity=activity, entries=[{"volunteer": make_volunteer(world.community_a1)}])
    with pytest.raises(ValidationError):
        record_dispute(actor=actor, record=record, reason=" ")
    record_dispute(actor=actor, record=record, reason="时长有误")
    assert records_confirm(actor=actor, records=ServiceRecord.objects.all()) == 0  # disputed are skipped
    version = record_correct(actor=actor, record=record, reason="已核实", hours=dec("2.5"))
    assert version.hours == dec("2.5")


def test_confirm_only_touches_the_given_scope(world, actor):
    a = make_activity(world.org_a)
    b = make_activity(world.org_b, name="B")
    records_enter(actor=actor, activity=a, entries=[{"volunteer": make_volunteer(world.community_a1)}])
    records_enter(actor=actor, activity=b, entries=[{"volunteer": make_volunteer(world.community_b1)}])
    scoped = ServiceRecord.objects.visible_to(actor)
    assert records_confirm(actor=actor, records=scoped) == 1
    assert ServiceRecord.objects.filter(activity=b, status=RecordStatus.PENDING).count() == 1


def test_totals_equal_a_recount_after_bulk_changes(world, actor):
    rng = random.Random(4)
    volunteers = [make_volunteer(rng.choice([world.community_a1, world.community_b1])) for _ in range(12)]
    start = datetime.datetime(2026, 3, 1, 9, tzinfo=datetime.UTC)
    for day in range(6):
        org = rng.choice([world.org_a, world.org_a2, world.org_b])
        activity = make_activity(org, start=start + datetime.timedelta(days=day), hours=rng.randint(1, 4))
        chosen = rng.sample(volunteers, 6)
        records_enter(actor=actor, activity=activity, entries=[
            {"volunteer": v, "hours": min(dec(rng.choice([0.5, 1, 1.25, 3.5])), activity.duration_hours)}
            for v in chosen])
    records_confirm(actor=actor, records=ServiceRecord.objects.filter(pk__in=list(
        ServiceRecord.objects.values_list("pk", flat=True)[::2])))
    for record in ServiceRecord.objects.filter(status=RecordStatus.CONFIRMED)[:5]:
        record_correct(actor=actor, record=record, reason="核对", hours=dec("0.5"))
    for record in ServiceRecord.objects.filter(status=RecordStatus.PENDING)[:4]:
        record_void(actor=actor, record=record, reason="未到场")
    records_confirm(actor=actor, records=ServiceRecord.objects.all())

    recount = totals_recount()
    assert totals_kept() == recount
    street_a_total = recount[(HoursTotal.Kind.AREA, world.street_a.pk)][0]
    city_total = recount[(HoursTotal.Kind.AREA, world.city.pk)][0]
    assert city_total == sum(r.hours for r in ServiceRecord.objects.filter(status=RecordStatus.CONFIRMED))
    assert street_a_total < city_total or not ServiceRecord.objects.filter(activity__organization=world.org_b,
                                                                             status=RecordStatus.CONFIRMED).exists()
    totals_rebuild()
    assert totals_kept() == recount


def test_check_in_and_out_computes_hours_within_the_activity(world):
    activity = make_activity(world.org_a, hours=3)
    volunteer = make_volunteer(world.community_a1)
    checkin_sign_in(activity=activity, volunteer=volunteer, at=activity.starts_at - H / 2)  # early
    with pytest.raises(ValidationError):
        checkin_sign_in(activity=activity, volunteer=volunteer, at=activity.starts_at)
    record = checkin_sign_out(activity=activity, volunteer=volunteer, at=activity.starts_at + H * 1.75)
    assert record.hours == dec("1.75") and record.started_at == activity.starts_at
    assert record.status == RecordStatus.PENDING
    with pytest.raises(ValidationError):
        checkin_sign_out(activity=activity, volunteer=volunteer, at=activity.ends_at)


def test_hours_rounding_is_a_local_setting(settings):
    start = datetime.datetime(2026, 1, 1, 9, tzinfo=datetime.UTC)
    assert hours_between(start, start + datetime.timedelta(minutes=100)) == dec("1.66")
    settings.SERVICE_HOURS_ROUNDING_MINUTES = 30
    assert hours_between(start, start + datetime.timedelta(minutes=100)) == dec("1.5")


def test_star_levels_come_from_the_editable_table(world, actor):
    assert star_level_for_hours(dec(299)) == 1
    StarThreshold.objects.filter(level=2).update(min_hours=200)  # Beijing
    assert star_level_for_hours(dec(299)) == 2


def test_star_award_is_granted_with_date_and_body(world, actor):
    volunteer = make_volunteer(world.community_a1)
    with pytest.raises(ValidationError):
        star_award_grant(actor=actor, volunteer=volunteer, granting_body="北山街道")
    type(volunteer).objects.filter(pk=volunteer.pk).update(confirmed_hours=350)
    awards = star_award_grant(actor=actor, volunteer=volunteer, granting_body="北山街道")
    volunteer.refresh_from_db()
    assert [a.level for a in awards] == [1, 2] and volunteer.star_level == 2
    assert awards[0].granting_body == "北山街道" and awards[0].granted_on
