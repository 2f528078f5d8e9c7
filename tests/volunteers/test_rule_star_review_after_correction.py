"""Issue 15.9: a correction that takes a volunteer's confirmed hours below the threshold of an
awarded star level puts the award under review (never removes it); the volunteer page and the
dashboard show it, and street staff keep or revoke it with a reason (audited)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from apps.activities.models import ServiceRecord
from apps.activities.services import record_correct, records_confirm, records_enter
from apps.audit.models import AuditEvent
from apps.volunteers.models import StarAward, StarAwardStatus, Volunteer
from apps.volunteers.services import star_award_grant
from apps.volunteers.stars import star_awards_review_resolve
from tests.personas import CITY_STAFF, COMMUNITY_WORKER, ORG_A_ADMIN, STREET_STAFF
from tests.volunteers.factories import dec, make_activity, make_volunteer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def starred(world, *, earlier_hours):
    """A volunteer with one confirmed 3 h record, ``earlier_hours`` more from before (kept total
    only), and the 1★ award those hours reach. Returns (volunteer, record, award)."""
    actor = world.user(STREET_STAFF)
    volunteer = make_volunteer(world.community_a1, organization=world.org_a)
    [record] = records_enter(actor=actor, activity=make_activity(world.org_a, hours=3),
                             entries=[{"volunteer": volunteer}])
    records_confirm(actor=actor, records=ServiceRecord.objects.filter(pk=record.pk))
    Volunteer.objects.filter(pk=volunteer.pk).update(confirmed_hours=dec(earlier_hours) + 3)
    [award] = star_award_grant(actor=actor, volunteer=volunteer, granting_body="北山街道")
    return volunteer, record, award


def correct_to(world, record, hours):
    """Correct the record down to ``hours`` (the original leaves the confirmed total; the new
    version waits for confirmation)."""
    return record_correct(actor=world.user(STREET_STAFF), record=record, reason="签到时间有误",
                          ended_at=record.started_at + datetime.timedelta(hours=hours), hours=dec(hours))


def test_a_correction_below_the_threshold_puts_the_award_under_review(world):
    volunteer, record, award = starred(world, earlier_hours=98)  # 101 h: 1★
    correct_to(world, record, 1)  # the original's 3 h leave the total: 98 h
    award.refresh_from_db()
    volunteer.refresh_from_db()
    assert volunteer.confirmed_hours == Decimal("98.00")
    assert award.status == StarAwardStatus.UNDER_REVIEW and award.review_flagged_at is not None
    assert volunteer.star_level == 1  # the award stands until someone decides
    flag = AuditEvent.objects.get(detail__action="star_review_flag")
    assert flag.actor == world.user(STREET_STAFF) and flag.row_count == 1


def test_a_correction_that_stays_above_the_threshold_flags_nothing(world):
    _volunteer, record, award = starred(world, earlier_hours=120)  # 123 h → 120 h
    correct_to(world, record, 2)
    award.refresh_from_db()
    assert award.status == StarAwardStatus.GRANTED
    assert not AuditEvent.objects.filter(detail__action="star_review_flag").exists()


def test_the_volunteer_page_and_the_dashboard_show_the_review(world, client_for):
    volunteer, record, _award = starred(world, earlier_hours=98)
    correct_to(world, record, 1)
    client = client_for(STREET_STAFF)
    page = client.get(reverse("office:volunteer_detail", args=[volunteer.pk])).content.decode()
    assert 'data-testid="star-review"' in page and reverse("office:volunteer_star_review", args=[volunteer.pk]) in page
    home = client.get(reverse("office:home"))
    assert home.context["board"].alerts.stars_under_review == 1
    [link] = [url for _label, _count, url in home.context["alerts"] if "review=stars" in url]
    listed = client.get(link)
    assert [row.pk for row in listed.context["table"].data] == [volunteer.pk]
    assert client_for(CITY_STAFF).get(reverse("office:home")).context["board"].alerts.stars_under_review == 1


def test_staff_keep_the_award_with_a_reason(world, client_for):
    volunteer, record, award = starred(world, earlier_hours=98)
    correct_to(world, record, 1)
    url = reverse("office:volunteer_star_review", args=[volunteer.pk])
    assert client_for(COMMUNITY_WORKER).post(url, {"decision": "keep", "reason": "x"}).status_code == 403
    assert client_for(ORG_A_ADMIN).post(url, {"decision": "keep", "reason": "x"}).status_code == 403
    response = client_for(STREET_STAFF).post(url, {"decision": "keep", "reason": "更正前已核实服务时长"})
    assert response.status_code == 302
    award.refresh_from_db()
    assert (award.status, award.review_reason, award.reviewed_by) == (
        StarAwardStatus.GRANTED, "更正前已核实服务时长", world.user(STREET_STAFF))
    event = AuditEvent.objects.get(detail__action="star_review_keep")
    assert event.detail["levels"] == [1] and event.detail["reason"] == "更正前已核实服务时长"


def test_staff_revoke_the_award_which_stays_as_history(world):
    volunteer, record, award = starred(world, earlier_hours=98)
    correct_to(world, record, 1)
    actor = world.user(STREET_STAFF)
    with pytest.raises(ValidationError):
        star_awards_review_resolve(actor=actor, volunteer=volunteer, keep=False, reason=" ")
    with pytest.raises(PermissionDenied):
        star_awards_review_resolve(actor=world.user(COMMUNITY_WORKER), volunteer=volunteer, keep=False, reason="x")
    star_awards_review_resolve(actor=actor, volunteer=volunteer, keep=False, reason="时长不足100小时")
    award.refresh_from_db()
    volunteer.refresh_from_db()
    assert award.status == StarAwardStatus.REVOKED and volunteer.star_level == 0
    assert StarAward.objects.filter(volunteer=volunteer).count() == 1  # never deleted
    assert AuditEvent.objects.filter(detail__action="star_review_revoke").exists()
    with pytest.raises(ValidationError):  # nothing left under review
        star_awards_review_resolve(actor=actor, volunteer=volunteer, keep=True, reason="x")
    # When the hours reach the level again, it is granted anew; the revoked award stays.
    Volunteer.objects.filter(pk=volunteer.pk).update(confirmed_hours=150)
    [again] = star_award_grant(actor=actor, volunteer=volunteer, granting_body="北山街道")
    assert again.level == 1 and again.pk != award.pk
    assert list(volunteer.star_awards.order_by("pk").values_list("status", flat=True)) == ["revoked", "granted"]
