"""The portal's training and award records (issue 16.13): every member of an organization reads
the trainings, honours and star awards of its current volunteers, never another organization's
or a former volunteer's, in the same number of queries for few and many rows."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.volunteers.consent import honour_record_add, training_record_add
from apps.volunteers.models import StarAward, VolunteerMembership
from apps.volunteers.services import membership_leave
from tests.personas import ORG_A_VIEWER, ORG_B_ADMIN, STREET_STAFF
from tests.volunteers.factories import make_volunteer

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 5, 1)


def _records(world, volunteer, marker):
    staff = world.user(STREET_STAFF)
    training_record_add(actor=staff, volunteer=volunteer, title=f"{marker}急救培训", organizer="区红十字会",
                        held_on=DAY, hours=Decimal("4"))
    honour_record_add(actor=staff, volunteer=volunteer, title=f"{marker}优秀志愿者", granting_body="西湖区文明办",
                      granted_on=DAY)
    StarAward.objects.create(volunteer=volunteer, level=1, hours_at_grant=Decimal("100"), granted_on=DAY,
                             granting_body=f"{marker}街道")


def _url(name, org):
    return reverse(f"portal:{name}", kwargs={"org": org.code})


PAGES = ("work_training_list", "work_honour_list", "work_star_award_list")


def test_an_organization_reads_its_own_volunteers_records(world, client_for):
    own = make_volunteer(world.community_a1, organization=world.org_a, name="甲志愿者")
    former = make_volunteer(world.community_a1, organization=world.org_a, name="前志愿者",
                            birth_date=datetime.date(1990, 2, 2))
    other = make_volunteer(world.community_b1, organization=world.org_b, name="乙志愿者",
                           birth_date=datetime.date(1991, 3, 3))
    _records(world, own, "甲")
    _records(world, former, "前")
    _records(world, other, "乙")
    membership_leave(membership=VolunteerMembership.objects.get(volunteer=former, organization=world.org_a))
    viewer = client_for(ORG_A_VIEWER)
    for page, shown in zip(PAGES, ("甲急救培训", "甲优秀志愿者", "甲街道"), strict=True):
        content = viewer.get(_url(page, world.org_a)).content.decode()
        assert shown in content and "甲志愿者" in content, page
        assert "乙" not in content and "前志愿者" not in content, page
    org_b = client_for(ORG_B_ADMIN).get(_url("work_training_list", world.org_b)).content.decode()
    assert "乙急救培训" in org_b and "甲急救培训" not in org_b
    assert client_for(ORG_B_ADMIN).get(_url("work_training_list", world.org_a)).status_code == 404
    filtered = viewer.get(_url("work_training_list", world.org_a), {"keyword": "不存在"}).content.decode()
    assert "甲急救培训" not in filtered


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_pages_cost_the_same_for_few_and_many_records(world, client_for):
    client = client_for(ORG_A_VIEWER)
    _records(world, make_volunteer(world.community_a1, organization=world.org_a), "一")
    few = [_queries(client, _url(page, world.org_a)) for page in PAGES]
    for number in range(8):
        volunteer = make_volunteer(world.community_a1, organization=world.org_a, name=f"志愿者{number}",
                                   birth_date=datetime.date(1980, 1, 1) + datetime.timedelta(days=number))
        _records(world, volunteer, f"{number}")
    assert [_queries(client, _url(page, world.org_a)) for page in PAGES] == few
