"""Issue 15.10: a minor is refused at the door of a risky activity (sign-in), not only when the
record is made at sign-out: the same rule, told before the work instead of after it."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from apps.activities.models import Activity, CheckIn
from apps.activities.services import checkin_sign_in
from tests.personas import ANONYMOUS
from tests.volunteers.factories import make_activity, make_volunteer

pytestmark = pytest.mark.django_db
TEEN = datetime.date(2011, 5, 1)  # 15 on 3 December 2026


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def under_way(world, *, risky):
    activity = make_activity(world.org_a, start=timezone.now() - datetime.timedelta(hours=1), hours=3,
                             is_risky=risky, name="夜间平安巡防" if risky else "社区清洁活动")
    Activity.objects.filter(pk=activity.pk).update(is_insured=True)
    activity.refresh_from_db()
    return activity


def test_a_minor_cannot_sign_in_to_a_risky_activity(world):
    activity = under_way(world, risky=True)
    minor = make_volunteer(world.community_a1, birth_date=TEEN, guardian_name="王家长")
    with pytest.raises(ValidationError, match="Minors are never assigned to risky work"):
        checkin_sign_in(activity=activity, volunteer=minor)
    assert not CheckIn.objects.exists()
    checkin_sign_in(activity=activity, volunteer=make_volunteer(world.community_a1))  # an adult may


def test_a_minor_signs_in_to_ordinary_work(world):
    minor = make_volunteer(world.community_a1, birth_date=TEEN, guardian_name="王家长")
    assert checkin_sign_in(activity=under_way(world, risky=False), volunteer=minor).pk


def test_the_phone_page_refuses_the_minor_before_the_service(world, client_for):
    """Refused at sign-in. The anonymous page says no more than for any failed sign-in (it must not
    tell a registered number, let alone a minor's, from another: issue 14)."""
    activity = under_way(world, risky=True)
    make_volunteer(world.community_a1, birth_date=TEEN, guardian_name="王家长", phone="13700002222")
    response = client_for(ANONYMOUS).post(reverse("public:checkin", args=[activity.checkin_token]),
                                          {"phone": "13700002222", "code": activity.checkin_code, "action": "in"})
    assert response.status_code == 200
    with translation.override("zh-hans"):  # the page speaks the visitor's language
        minor = gettext("Minors are never assigned to risky work.")
    errors = response.context["form"].non_field_errors()
    assert len(errors) == 1 and minor not in errors
    unknown = client_for(ANONYMOUS).post(reverse("public:checkin", args=[activity.checkin_token]),
                                         {"phone": "13700009999", "code": activity.checkin_code, "action": "in"})
    assert unknown.context["form"].non_field_errors() == errors
    assert not CheckIn.objects.exists()
