"""Back-office volunteer pages: masked lists and exports, audited reveals, registration form,
and list query counts that do not grow with the rows."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.audit.models import AuditAction, AuditEvent
from apps.volunteers.id_numbers import synthetic_resident_id
from apps.volunteers.models import Team, Volunteer
from tests.personas import COMMUNITY_WORKER, STREET_STAFF
from tests.volunteers.factories import make_activity, make_volunteer
from tests.volunteers.world import volunteer_world

pytestmark = pytest.mark.django_db


def _assert_masked(content: str, volunteer):
    assert volunteer.id_number not in content
    assert volunteer.phone not in content


@pytest.mark.parametrize("query", ["", "?_export=csv", "?_export=xlsx"])
def test_volunteer_list_and_exports_are_masked(world, client_for, query):
    v = volunteer_world(world).volunteer_a
    response = client_for(STREET_STAFF).get(reverse("office:volunteer_list") + query)
    assert response.status_code == 200
    body = (response.content if not query else b"".join(response.streaming_content)).decode("utf-8", "replace") if not query.endswith("xlsx") else _xlsx_text(response)
    _assert_masked(body, v)
    assert v.id_number_masked in body and v.phone_masked in body


def _xlsx_text(response):
    import io

    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return " ".join(str(cell.value) for row in book.active.iter_rows() for cell in row)


def test_exports_are_audited(world, client_for):
    volunteer_world(world)
    client_for(STREET_STAFF).get(reverse("office:volunteer_list") + "?_export=csv")
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT, content_type__model="volunteer").count() == 1


def test_detail_page_is_masked_and_reveal_is_audited(world, client_for):
    v = volunteer_world(world).volunteer_a
    client = client_for(STREET_STAFF)
    page = client.get(reverse("office:volunteer_detail", args=[v.pk])).content.decode()
    _assert_masked(page, v)
    response = client.post(reverse("office:volunteer_reveal", args=[v.pk]), {"field": "id_number"})
    assert response.status_code == 200 and v.id_number in response.content.decode()
    assert response["Cache-Control"] == "no-store"
    event = AuditEvent.objects.get(action=AuditAction.REVEAL)
    assert (event.object_id, event.detail, event.actor) == (str(v.pk), {"field": "id_number"}, world.user(STREET_STAFF))


def test_reveal_refused_below_street_level_and_outside_the_area(world, client_for):
    vworld = volunteer_world(world)
    url = reverse("office:volunteer_reveal", args=[vworld.volunteer_a.pk])
    assert client_for(COMMUNITY_WORKER).post(url, {"field": "phone"}).status_code == 403
    other = reverse("office:volunteer_reveal", args=[vworld.volunteer_b.pk])
    assert client_for(STREET_STAFF).post(other, {"field": "phone"}).status_code == 404
    assert not AuditEvent.objects.filter(action=AuditAction.REVEAL).exists()


def test_filter_by_full_id_number_uses_the_hash(world, client_for):
    vworld = volunteer_world(world)
    response = client_for(STREET_STAFF).get(reverse("office:volunteer_list"),
                                           {"document": vworld.volunteer_a.id_number})
    assert [row.record.pk for row in response.context["table"].page.object_list] == [vworld.volunteer_a.pk]


def test_registration_form(world, client_for):
    client = client_for(STREET_STAFF)
    data = {"name": "赵敏", "document_type": "resident_id", "phone": "13912345678",
            "community": world.community_a1.pk, "political_status": "cpc", "organization": world.org_a.pk,
            "consent": "on", "id_number": synthetic_resident_id("330106", datetime.date(1990, 5, 5), 8)[:-1] + "Y"}
    response = client.post(reverse("office:volunteer_create"), data)
    assert response.status_code == 200 and "赵敏" in response.content.decode()  # typed values kept
    assert response.context["form"].errors["id_number"]
    data["id_number"] = synthetic_resident_id("330106", datetime.date(1990, 5, 5), 8)
    response = client.post(reverse("office:volunteer_create"), data)
    volunteer = Volunteer.objects.get(name="赵敏")
    assert response.url == reverse("office:volunteer_detail", args=[volunteer.pk])
    assert volunteer.birth_date == datetime.date(1990, 5, 5)
    assert volunteer.memberships.get().organization == world.org_a


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url_name, make_rows", [
    ("office:volunteer_list", lambda w, n: [make_volunteer(w.community_a1, organization=w.org_a) for _ in range(n)]),
    ("office:team_list", lambda w, n: [Team.objects.create(name=f"队{i}", organization=w.org_a) for i in range(n)]),
    ("office:activity_list", lambda w, n: [make_activity(w.org_a, name=f"活动{i}") for i in range(n)]),
])
def test_list_query_count_does_not_grow_with_rows(world, client_for, url_name, make_rows):
    client = client_for(STREET_STAFF)
    make_rows(world, 3)
    few = _count_queries(client, reverse(url_name))
    make_rows(world, 30)
    assert _count_queries(client, reverse(url_name)) == few
