"""Rule (issue 14.2): exact look-ups by ID number or phone are for roles that may reveal
personal data, limited per user, and audited.

Without the rule a community worker could try all 10,000 endings of a masked phone
(``138****1234`` hides four digits) through the volunteer list's ``document=`` filter."""

import pytest
from django.urls import reverse

from apps.audit.models import AuditAction, AuditEvent
from tests.personas import CITY_STAFF, COMMUNITY_WORKER, STREET_STAFF
from tests.volunteers.world import volunteer_world

pytestmark = pytest.mark.django_db
LIST = "office:volunteer_list"


def _rows(response):
    return [row.record.pk for row in response.context["table"].page.object_list]


@pytest.fixture
def limit(settings):
    settings.VOLUNTEER_EXACT_LOOKUPS_PER_HOUR = 3
    return 3


def test_community_worker_cannot_narrow_the_list_by_a_full_number(world, client_for):
    vworld = volunteer_world(world)
    client = client_for(COMMUNITY_WORKER)
    everybody = _rows(client.get(reverse(LIST)))
    assert len(everybody) > 1
    for value in (vworld.volunteer_a.phone, vworld.volunteer_a.id_number, "13800000000"):
        response = client.get(reverse(LIST), {"document": value})
        assert response.status_code == 200
        assert _rows(response) == everybody  # the parameter means nothing for this role
        assert "document" not in response.context["filter"].form.fields
    assert not AuditEvent.objects.filter(action=AuditAction.LOOKUP).exists()


def test_each_exact_look_up_is_audited_without_the_value(world, client_for):
    vworld = volunteer_world(world)
    volunteer = vworld.volunteer_a
    client = client_for(STREET_STAFF)
    assert _rows(client.get(reverse(LIST), {"document": volunteer.phone})) == [volunteer.pk]
    assert _rows(client.get(reverse(LIST), {"document": volunteer.id_number})) == [volunteer.pk]
    assert _rows(client.get(reverse(LIST), {"document": "13899999999"})) == []
    events = AuditEvent.objects.filter(action=AuditAction.LOOKUP).order_by("pk")
    assert [event.actor for event in events] == [world.user(STREET_STAFF)] * 3
    assert [event.object_id for event in events] == [str(volunteer.pk), str(volunteer.pk), ""]
    assert [event.row_count for event in events] == [1, 1, 0]
    dumped = " ".join(f"{event.detail} {event.object_repr}" for event in events)
    assert volunteer.phone not in dumped and volunteer.id_number not in dumped and "13899999999" not in dumped
    assert volunteer.phone_masked in dumped  # the auditor still sees what kind of value was tried


def test_look_ups_are_limited_per_user_and_the_limit_searches_nothing(world, client_for, limit):
    volunteer = volunteer_world(world).volunteer_a
    client = client_for(STREET_STAFF)
    for n in range(limit):
        assert _rows(client.get(reverse(LIST), {"document": f"1380000{n:04d}"})) == []
    refused = client.get(reverse(LIST), {"document": volunteer.phone}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert refused.status_code == 200 and _rows(refused) == []  # nothing searched
    page = refused.content.decode()
    assert "精确查询" in page and "每小时最多 3 次" in page
    assert AuditEvent.objects.filter(action=AuditAction.LOOKUP).count() == limit  # the refusal found nothing
    # Another user has a budget of their own; a search without a full number is not limited.
    assert _rows(client_for(CITY_STAFF).get(reverse(LIST), {"document": volunteer.phone})) == [volunteer.pk]
    assert volunteer.pk in _rows(client.get(reverse(LIST), {"keyword": volunteer.name}))


def test_export_of_a_look_up_keeps_no_plain_value_in_the_audit_log(world, client_for):
    volunteer = volunteer_world(world).volunteer_a
    response = client_for(STREET_STAFF).get(reverse(LIST), {"document": volunteer.id_number, "_export": "csv"})
    assert volunteer.name in b"".join(response.streaming_content).decode("utf-8-sig")
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT).count() == 1
    assert AuditEvent.objects.filter(action=AuditAction.LOOKUP).count() == 1
    for event in AuditEvent.objects.all():
        assert volunteer.id_number not in str(event.detail)
