"""Issue 15.10 (志愿服务条例 §17): a risky activity insures its volunteers. Creating a risky
activity without insurance is refused (service, back-office and portal forms); an activity
recorded as risky and uninsured before the rule takes no records and no sign-ins."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from apps.activities.models import Activity, CheckIn, OrganizerKind, ServiceRecord
from apps.activities.services import activity_create, checkin_sign_in, records_enter
from tests.personas import ORG_A_ADMIN, STREET_STAFF
from tests.volunteers.factories import make_activity, make_volunteer

pytestmark = pytest.mark.django_db
START = datetime.datetime(2026, 3, 7, 20, 0)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def insurance_message():
    """The message as the pages show it (the test client's requests are in Chinese)."""
    from apps.activities.models import RISKY_UNINSURED

    with translation.override("zh-hans"):
        return str(RISKY_UNINSURED)


def patrol(world, **flags):
    start = timezone.make_aware(START)
    return dict(name="夜间平安巡防", organizer_kind=OrganizerKind.ORGANIZATION, organization=world.org_a,
                community=world.community_a1, place="宝石社区", starts_at=start,
                ends_at=start + datetime.timedelta(hours=2), category="safety", lead_person="王芳", **flags)


def test_the_service_refuses_a_risky_activity_without_insurance(world):
    actor = world.user(STREET_STAFF)
    with pytest.raises(ValidationError) as raised:
        activity_create(actor=actor, **patrol(world, is_risky=True, is_insured=False))
    assert "accident insurance" in str(raised.value.message_dict["is_insured"])
    assert not Activity.objects.exists()
    activity_create(actor=actor, **patrol(world, is_risky=True, is_insured=True))
    activity_create(actor=actor, **patrol(world, is_risky=False, is_insured=False))


def form(world, **flags):
    return {"name": "夜间平安巡防", "organizer_kind": "organization", "organization": world.org_a.pk,
            "community": world.community_a1.pk, "place": "宝石社区", "starts_at": "2026-03-07T20:00",
            "ends_at": "2026-03-07T22:00", "category": "safety", "lead_person": "王芳", **flags}


def test_the_back_office_form_says_what_is_missing(world, client_for):
    client = client_for(STREET_STAFF)
    response = client.post(reverse("office:activity_create"), form(world, is_risky="on"))
    assert response.status_code == 200
    assert response.context["form"].errors["is_insured"] == [insurance_message()]
    assert not Activity.objects.exists()
    insured = client.post(reverse("office:activity_create"), form(world, is_risky="on", is_insured="on"))
    assert insured.status_code == 302


def test_the_portal_form_says_what_is_missing(world, client_for):
    url = reverse("portal:work_activity_create", args=[world.org_a.code])
    response = client_for(ORG_A_ADMIN).post(url, form(world, is_risky="on"))
    assert response.status_code == 200
    assert response.context["form"].errors["is_insured"] == [insurance_message()]
    assert not Activity.objects.exists()


def test_an_uninsured_risky_activity_from_before_the_rule_takes_no_records(world):
    legacy = make_activity(world.org_a, start=timezone.make_aware(START), hours=2, is_risky=True)  # bypasses clean()
    assert legacy.is_risky and not legacy.is_insured
    adult = make_volunteer(world.community_a1)
    with pytest.raises(ValidationError, match="accident insurance"):
        records_enter(actor=world.user(STREET_STAFF), activity=legacy, entries=[{"volunteer": adult}])
    assert not ServiceRecord.objects.exists()
    Activity.objects.filter(pk=legacy.pk).update(is_insured=True)
    legacy.refresh_from_db()
    records_enter(actor=world.user(STREET_STAFF), activity=legacy, entries=[{"volunteer": adult}])


def test_an_uninsured_risky_activity_takes_no_sign_ins(world):
    now = timezone.now()
    legacy = make_activity(world.org_a, start=now - datetime.timedelta(hours=1), hours=3, is_risky=True)
    with pytest.raises(ValidationError, match="accident insurance"):
        checkin_sign_in(activity=legacy, volunteer=make_volunteer(world.community_a1))
    assert not CheckIn.objects.exists()
