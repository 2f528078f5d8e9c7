"""The organization's contact phone is personal data: encrypted at rest, masked on every
screen and export, revealed only to authorised roles with an audit entry."""

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.urls import reverse

from apps.audit.models import AuditAction, AuditEvent
from apps.organizations.models import Organization
from tests.organizations.helpers import make_org
from tests.organizations.test_organization_form import post_data
from tests.personas import CITY_STAFF, COMMUNITY_WORKER, ORG_A_ADMIN, STREET_STAFF

pytestmark = pytest.mark.django_db
PHONE = "13912345678"
MASKED = "139****5678"


@pytest.fixture
def org(world):
    return make_org(world.community_a1, name="电话协会", contact_phone=PHONE)


def test_raw_database_value_is_not_the_phone(org):
    with connection.cursor() as cursor:
        cursor.execute("SELECT contact_phone FROM organizations_organization WHERE id = %s", [org.pk])
        [raw] = cursor.fetchone()
    assert PHONE not in raw and "5678" not in raw
    assert Organization.objects.get(pk=org.pk).contact_phone == PHONE


def test_audit_trail_does_not_keep_the_phone(org):
    org.contact_phone = "13700001111"
    org.save()
    changes = " ".join(str(entry.changes) for entry in LogEntry.objects.get_for_object(org))
    assert PHONE not in changes and "13700001111" not in changes


@pytest.mark.parametrize("persona", [STREET_STAFF, COMMUNITY_WORKER])
def test_masked_on_detail_list_and_export(world, client_for, org, persona):
    client = client_for(persona)
    detail = client.get(reverse("office:organization_detail", args=[org.pk])).content.decode()
    assert MASKED in detail and PHONE not in detail
    response = client.get(reverse("office:organization_list") + "?keyword=电话&_export=csv")
    export = b"".join(response.streaming_content).decode("utf-8-sig")
    assert MASKED in export and PHONE not in export


def test_edit_form_shows_masked_phone_to_community_worker_and_keeps_it(world, client_for):
    client = client_for(COMMUNITY_WORKER)
    client_for(STREET_STAFF).post(reverse("office:organization_create"),
                                  post_data(world, contact_phone=PHONE))
    org = Organization.objects.get(name="宝石社区为老服务协会")
    url = reverse("office:organization_update", args=[org.pk])
    page = client.get(url).content.decode()
    assert PHONE not in page and MASKED in page
    unchanged = post_data(world, contact_phone=MASKED, purpose="为老服务、助餐")
    assert client.post(url, unchanged).status_code == 302
    org.refresh_from_db()
    assert org.contact_phone == PHONE and org.purpose == "为老服务、助餐"
    assert client.post(url, post_data(world, contact_phone="13700002222")).status_code == 302
    org.refresh_from_db()
    assert org.contact_phone == "13700002222"


def test_street_staff_sees_full_phone_in_edit_form(world, client_for, org):
    page = client_for(STREET_STAFF).get(reverse("office:organization_update", args=[org.pk])).content.decode()
    assert PHONE in page


def test_reveal_is_audited(world, client_for, org):
    client = client_for(STREET_STAFF)
    detail = client.get(reverse("office:organization_detail", args=[org.pk])).content.decode()
    assert 'data-testid="reveal-phone"' in detail
    response = client.post(reverse("office:organization_contact_reveal", args=[org.pk]))
    assert response.status_code == 200 and PHONE in response.content.decode()
    assert response["Cache-Control"] == "no-store"
    event = AuditEvent.objects.get(action=AuditAction.REVEAL, object_id=str(org.pk))
    assert event.actor == world.user(STREET_STAFF) and event.detail == {"field": "contact_phone"}


def test_reveal_refused_to_community_worker_and_org_users_and_outsiders(world, client_for, org):
    url = reverse("office:organization_contact_reveal", args=[org.pk])
    worker_detail = client_for(COMMUNITY_WORKER).get(reverse("office:organization_detail", args=[org.pk]))
    assert 'data-testid="reveal-phone"' not in worker_detail.content.decode()
    assert client_for(COMMUNITY_WORKER).post(url).status_code == 403
    assert client_for(ORG_A_ADMIN).post(url).status_code == 403
    org_b = make_org(world.community_b1, name="外街协会", contact_phone=PHONE)
    street_staff = client_for(STREET_STAFF)
    assert street_staff.post(reverse("office:organization_contact_reveal", args=[org_b.pk])).status_code == 404
    city = client_for(CITY_STAFF)
    assert city.post(reverse("office:organization_contact_reveal", args=[org_b.pk])).status_code == 200
    assert AuditEvent.objects.filter(action=AuditAction.REVEAL).count() == 1


def test_the_admin_shows_the_contact_phone_masked(org, client_for):
    """The Django admin reveals nothing unaudited: it shows the mask (the back office's edit form
    is where an authorised user reveals and changes the phone, with its audit entry)."""
    from tests.personas import SUPERUSER

    page = client_for(SUPERUSER).get(reverse("admin:organizations_organization_change", args=[org.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert MASKED in html and PHONE not in html
