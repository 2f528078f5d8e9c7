"""Issue 15.10: a service record is of past service, not before the volunteer registered (local
days), and a volunteer has at most ``SERVICE_HOURS_MAX_PER_DAY`` (default 24) pending and
confirmed hours on a local day, over all records. One rule (``apps.activities.rules``) for entry,
correction, pending edits, check-out and the records import; the demo keeps it too."""

import datetime
import io
from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone, translation

from apps.activities.models import Activity, RecordStatus, ServiceRecord
from apps.activities.services import (
    record_correct, record_update_pending, record_void, records_confirm, records_enter,
)
from tests.imports.helpers import check, errors_by_column, xlsx_upload
from tests.personas import STREET_STAFF
from tests.volunteers.factories import dec, make_activity, make_volunteer

pytestmark = pytest.mark.django_db
H = datetime.timedelta(hours=1)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def at(*args):
    return timezone.make_aware(datetime.datetime(*args))


def enter(world, activity, volunteer, **entry):
    return records_enter(actor=world.user(STREET_STAFF), activity=activity, entries=[{"volunteer": volunteer, **entry}])


def test_service_that_has_not_ended_is_not_recorded(world):
    volunteer = make_volunteer(world.community_a1)
    now = timezone.now()
    upcoming = make_activity(world.org_a, start=now + H, name="明天的活动")
    with pytest.raises(ValidationError, match="not ended yet"):
        enter(world, upcoming, volunteer)
    under_way = make_activity(world.org_a2, start=now - H, hours=3, name="进行中的活动")
    with pytest.raises(ValidationError, match="not ended yet"):
        enter(world, under_way, volunteer)
    # The part already served may be recorded.
    [record] = enter(world, under_way, volunteer, ended_at=now - datetime.timedelta(minutes=1), hours=dec("0.5"))
    with pytest.raises(ValidationError, match="not ended yet"):
        record_update_pending(actor=None, record=record, ended_at=now + H)


def test_service_before_the_registration_day_is_refused_in_local_days(world):
    # Registered at 07:00 on 1 March in Hangzhou, which is still 28 February in UTC.
    volunteer = make_volunteer(world.community_a1, registered_at=datetime.datetime(2026, 3, 1, 7, 0))
    evening_before = make_activity(world.org_a, start=at(2026, 2, 28, 19, 0), hours=2, name="前一晚")
    with pytest.raises(ValidationError, match=r"before the volunteer registered \(2026-03-01\)"):
        enter(world, evening_before, volunteer)
    early_that_day = make_activity(world.org_a, start=at(2026, 3, 1, 5, 0), hours=1, name="当天清晨")
    enter(world, early_that_day, volunteer)  # the same local day counts as registered


def test_a_correction_cannot_move_service_before_the_registration(world):
    volunteer = make_volunteer(world.community_a1, registered_at=datetime.datetime(2026, 3, 1, 8, 0))
    activity = make_activity(world.org_a, start=at(2026, 2, 28, 20, 0), hours=14, name="跨夜值守")
    [record] = enter(world, activity, volunteer, started_at=at(2026, 3, 1, 8, 0), hours=dec(2))
    records_confirm(actor=None, records=ServiceRecord.objects.filter(pk=record.pk))
    with pytest.raises(ValidationError, match="before the volunteer registered"):
        record_correct(actor=None, record=record, reason="开始时间有误", started_at=at(2026, 2, 28, 21, 0))


def test_at_most_the_daily_limit_per_volunteer_and_local_day(world, settings):
    settings.SERVICE_HOURS_MAX_PER_DAY = 8
    volunteer = make_volunteer(world.community_a1)
    morning = make_activity(world.org_a, start=at(2026, 3, 2, 8, 0), hours=5, name="上午")
    afternoon = make_activity(world.org_a2, start=at(2026, 3, 2, 14, 0), hours=4, name="下午")
    evening = make_activity(world.org_a2, start=at(2026, 3, 2, 19, 0), hours=3, name="晚上")
    [first] = enter(world, morning, volunteer)
    with pytest.raises(ValidationError, match=r"9\.00 h of service on 2026-03-02; at most 8 h"):
        enter(world, afternoon, volunteer)
    enter(world, afternoon, volunteer, hours=dec(3))  # 5 + 3 = 8: allowed
    with pytest.raises(ValidationError, match="at most 8 h"):
        enter(world, evening, volunteer, hours=dec("0.5"))
    # Void records no longer count; a correction's original is replaced, not added.
    record_void(actor=None, record=first, reason="重复录入")
    enter(world, evening, volunteer)
    other_day = make_activity(world.org_a, start=at(2026, 3, 3, 8, 0), hours=5, name="第二天")
    enter(world, other_day, volunteer)


def test_records_crossing_midnight_count_on_the_day_they_start(world):
    volunteer = make_volunteer(world.community_a1)
    long_day = make_activity(world.org_a, start=at(2026, 3, 4, 0, 30), hours=23, name="防汛值守")
    night = make_activity(world.org_a2, start=at(2026, 3, 4, 23, 30), hours=3, name="夜间巡防")
    enter(world, long_day, volunteer)  # 23 h on 4 March
    with pytest.raises(ValidationError, match="26.00 h of service on 2026-03-04; at most 24 h"):
        enter(world, night, volunteer)  # no overlap, but 4 March would have 26 h
    enter(world, night, volunteer, hours=dec(1))


def test_a_correction_is_measured_without_its_original(world, settings):
    settings.SERVICE_HOURS_MAX_PER_DAY = 8
    volunteer = make_volunteer(world.community_a1)
    activity = make_activity(world.org_a, start=at(2026, 3, 5, 8, 0), hours=8)
    [record] = enter(world, activity, volunteer, hours=dec(6))
    records_confirm(actor=None, records=ServiceRecord.objects.filter(pk=record.pk))
    version = record_correct(actor=None, record=record, reason="实际8小时", hours=dec(8))
    assert version.hours == dec(8)


def test_the_records_import_applies_the_same_rules(world):
    volunteer = make_volunteer(world.community_a1, name="赵六", registered_at=datetime.datetime(2026, 3, 10, 9, 0))
    make_activity(world.org_a, start=at(2026, 3, 1, 9, 0))
    header = ["证件号码", "姓名", "活动名称", "服务日期", "开始时间", "结束时间", "服务时长（小时）"]
    job = check(world.user(STREET_STAFF), "records", xlsx_upload([
        header, [volunteer.id_number, "赵六", "社区清洁活动", "2026-03-01", "", "", ""]]))
    assert job.status == "invalid"
    assert (2, "开始时间") in errors_by_column(job)
    assert not ServiceRecord.objects.exists()


@pytest.mark.parametrize("scale", ["small", "tiny"])  # the seed through services, and the bulk (city) seed
def test_the_demo_data_keeps_the_record_rules(db, scale):
    call_command("seed_demo", scale=scale, stdout=io.StringIO())
    records = ServiceRecord.objects.all()
    assert records.count() > 500
    local_registration = {pk: timezone.localdate(created) for pk, created in
                          records.values_list("volunteer_id", "volunteer__created_at").distinct()}
    assert all(timezone.localdate(started) >= local_registration[volunteer_id]
               for volunteer_id, started in records.values_list("volunteer_id", "started_at"))
    assert not records.filter(ended_at__gt=timezone.now()).exists()
    assert not Activity.objects.filter(is_risky=True, is_insured=False).exists()
    per_day = Counter()
    for volunteer_id, started, hours in records.filter(status__in=[RecordStatus.PENDING, RecordStatus.CONFIRMED]) \
            .values_list("volunteer_id", "started_at", "hours"):
        per_day[(volunteer_id, timezone.localdate(started))] += hours
    assert max(per_day.values()) <= 24
