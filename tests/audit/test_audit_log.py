"""The back-office audit log (issue 16.11): street staff and above read the row changes and events
of their area, filtered by user, record, action and day, as a clerk's log, in constant queries."""

import datetime

import pytest
from auditlog.context import set_actor
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.organizations.models import Organization
from apps.volunteers.services import volunteer_reveal
from tests.personas import CITY_STAFF, COMMUNITY_WORKER, ORG_A_ADMIN, STREET_STAFF
from tests.volunteers.factories import make_volunteer

pytestmark = pytest.mark.django_db
LOG = reverse("office:audit_log")
EVENTS = reverse("office:audit_event_log")


def _rename(world, org, name, persona=CITY_STAFF):
    with set_actor(world.user(persona)):
        org.name = name
        org.save()


def _body(response):
    content = response.content.decode()
    return content[content.index('data-testid="audit-log"'):] if 'data-testid="audit-log"' in content else content


def test_street_staff_read_their_area_only(world, client_for):
    old_name = world.org_a.name
    _rename(world, world.org_a, "甲组织新名")  # street A, changed by city staff
    _rename(world, world.org_b, "乙组织新名")  # street B
    street = _body(client_for(STREET_STAFF).get(LOG))
    assert "甲组织新名" in street and "乙组织新名" not in street
    # As a clerk reads it: the field's label, old → new, the user's name.
    assert f"<strong>名称</strong>: {old_name} → 甲组织新名" in street
    assert str(world.user(CITY_STAFF)) in street
    city = _body(client_for(CITY_STAFF).get(LOG))
    assert "甲组织新名" in city and "乙组织新名" in city
    assert client_for(COMMUNITY_WORKER).get(LOG).status_code == 403
    assert client_for(ORG_A_ADMIN).get(LOG).status_code == 403


def test_a_change_made_by_somebody_of_the_area_stays_after_the_record_is_gone(world, client_for):
    with set_actor(world.user(STREET_STAFF)):
        org = Organization.objects.create(name="短命组织", area=world.street_b,
                                          founded_on=datetime.date(2020, 1, 1))
        org.delete()
    street = _body(client_for(STREET_STAFF).get(LOG))
    assert street.count("短命组织") >= 2  # created and deleted, outside the area but by its own staff


def test_filters_by_user_record_type_record_action_and_day(world, client_for):
    _rename(world, world.org_a, "甲组织新名", persona=STREET_STAFF)
    _rename(world, world.org_a2, "甲二组织新名", persona=CITY_STAFF)
    client = client_for(STREET_STAFF)
    street_user = world.user(STREET_STAFF)
    by_user = _body(client.get(LOG, {"user": street_user.username}))
    assert "甲组织新名" in by_user and "甲二组织新名" not in by_user
    assert "甲二组织新名" in _body(client.get(LOG, {"record": "甲二"}))
    assert "甲组织新名" not in _body(client.get(LOG, {"record": "甲二"}))
    response = client.get(LOG)
    choices = dict(response.context["filter"].form.fields["record_type"].choices)
    organization_type = next(key for key, label in choices.items() if str(label) == "社会组织")
    assert "甲组织新名" in _body(client.get(LOG, {"record_type": organization_type, "action": 1}))
    assert "甲组织新名" not in _body(client.get(LOG, {"record_type": organization_type, "action": 0}))
    today = timezone.localdate()
    assert "甲组织新名" in _body(client.get(LOG, {"date_from": today, "date_to": today}))
    assert "甲组织新名" not in _body(client.get(LOG, {"date_to": today - datetime.timedelta(days=1)}))


def test_events_name_the_revealed_field_and_stay_in_the_area(world, client_for):
    mine = make_volunteer(world.community_a1, organization=world.org_a, name="甲区志愿者")
    theirs = make_volunteer(world.community_b1, organization=world.org_b, name="乙区志愿者",
                            birth_date=datetime.date(1990, 1, 1))
    volunteer_reveal(actor=world.user(CITY_STAFF), volunteer=mine, field="phone")
    volunteer_reveal(actor=world.user(CITY_STAFF), volunteer=theirs, field="phone")
    content = client_for(STREET_STAFF).get(EVENTS, {"action": "reveal"}).content.decode()
    assert str(mine) in content and str(theirs) not in content
    assert "手机" in content


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_page_costs_the_same_queries_for_few_and_many_entries(world, client_for):
    client = client_for(STREET_STAFF)
    _rename(world, world.org_a, "一")
    few = _queries(client, LOG), _queries(client, EVENTS)
    for number in range(20):
        _rename(world, world.org_a if number % 2 else world.org_a2, f"名{number}")
        volunteer = make_volunteer(world.community_a1, organization=world.org_a, name=f"志愿者{number}",
                                   birth_date=datetime.date(1980, 1, 1) + datetime.timedelta(days=number))
        volunteer_reveal(actor=world.user(CITY_STAFF), volunteer=volunteer, field="phone")
    assert (_queries(client, LOG), _queries(client, EVENTS)) == few


@pytest.mark.parametrize(("url", "tab"), [(LOG, "Record changes"), (EVENTS, "Reveals, exports and other events")])
def test_the_current_tab_is_marked(world, client_for, url, tab):
    from django.utils import translation

    with translation.override("en"):
        page = client_for(STREET_STAFF).get(url, headers={"accept-language": "en"}).content.decode()
    assert f'active" href="{url}">{tab}<' in page
