"""Point 1 of issue 17: clients made by staff in the back office, bound to an area (its subtree) or
one organization, read or read-write; the token is shown once, stored only as a keyed hash, and is
refused once revoked or expired. (Another tenant's object answering 404 is the access matrix's:
``tests/api/cases.py``.)"""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from apps.apiclients.models import Access, ApiClient, ClientStatus
from apps.apiclients.services import api_client_create, api_client_revoke
from apps.apiclients.tokens import token_hash
from apps.audit.models import AuditAction, AuditEvent
from tests.personas import COMMUNITY_WORKER, ORG_A_ADMIN, STREET_STAFF, SUPERUSER

pytestmark = pytest.mark.django_db

AREAS = reverse("api:area-list")


def bearer(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def create_in_office(client_for, world, **data):
    form = {"name": "区数据驾驶舱", "contact": "区大数据局", "area": world.street_a.pk, "organization": "",
            "access": Access.READ, "valid_days": 30, "rate_limit": "", **data}
    return client_for(STREET_STAFF).post(reverse("office:api_client_create"), form)


def test_staff_create_a_client_and_see_its_token_once(world, client_for):
    response = create_in_office(client_for, world)
    assert response.status_code == 200
    token = response.context["token"]
    assert token.startswith("gz_") and token in response.content.decode()
    client = ApiClient.objects.get(name="区数据驾驶舱")
    assert (client.area, client.organization, client.access) == (world.street_a, None, Access.READ)
    assert client.created_by == world.user(STREET_STAFF)
    # Only the keyed hash and the prefix are kept: no column holds the token.
    assert client.token_hash == token_hash(token) and token not in client.token_hash
    stored = ApiClient.objects.filter(pk=client.pk).values().get()
    assert not any(token in str(value) for value in stored.values())
    # The client's page never shows it again.
    page = client_for(STREET_STAFF).get(reverse("office:api_client_detail", args=[client.pk])).content.decode()
    assert client.token_prefix in page and token not in page
    assert Client().get(AREAS, **bearer(token)).status_code == 200


def test_a_client_reads_only_its_area_subtree(world, client_for):
    token = create_in_office(client_for, world, area=world.community_a1.pk).context["token"]
    codes = {row["code"] for row in Client().get(AREAS, **bearer(token)).json()["results"]}
    assert world.community_a1.code in codes and world.street_a.code not in codes
    assert world.community_a2.code not in codes and world.community_b1.code not in codes
    outside = Client().get(reverse("api:area-detail", args=[world.community_b1.pk]), **bearer(token))
    assert outside.status_code == 404


def test_a_client_is_bound_to_an_area_or_an_organization_not_both(world, client_for):
    both = create_in_office(client_for, world, organization=world.org_a.pk)
    assert both.status_code == 200 and "token" not in both.context
    assert "请将客户端绑定到一个区域或一个组织，二者只能选其一。" in str(both.context["form"].errors)
    neither = create_in_office(client_for, world, area="")
    assert "token" not in neither.context
    assert not ApiClient.objects.exists()


def test_nobody_hands_out_more_than_they_see(world):
    street = world.user(STREET_STAFF)
    with pytest.raises(ValidationError) as refused:
        api_client_create(actor=street, name="x", area=world.street_b, valid_days=30)
    assert "area" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        api_client_create(actor=street, name="x", organization=world.org_b, valid_days=30)
    assert "organization" in refused.value.message_dict
    with pytest.raises(ValidationError):
        api_client_create(actor=street, name="x", area=world.street_a, valid_days=10_000)
    # The office's form offers only the user's own areas: street B is not a choice.
    form_areas = Client()
    form_areas.force_login(street)
    choices = form_areas.get(reverse("office:api_client_create")).context["form"].fields["area"].queryset
    assert world.street_a in choices and world.street_b not in choices


@pytest.mark.parametrize("persona", [COMMUNITY_WORKER, ORG_A_ADMIN])
def test_only_street_staff_and_above_manage_clients(world, persona):
    with pytest.raises(PermissionDenied):
        api_client_create(actor=world.user(persona), name="x", area=world.community_a1, valid_days=30)


def test_revoked_token_is_refused_from_then_on(world, client_for):
    token = create_in_office(client_for, world).context["token"]
    client = ApiClient.objects.get()
    response = client_for(STREET_STAFF).post(reverse("office:api_client_revoke", args=[client.pk]),
                                             {"reason": "系统下线"})
    assert response.status_code == 302
    client.refresh_from_db()
    assert client.status() == ClientStatus.REVOKED and client.revoked_by == world.user(STREET_STAFF)
    refused = Client().get(AREAS, **bearer(token), HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 401
    assert refused.json() == {"code": "authentication_failed", "detail": "This token has been revoked."}
    with pytest.raises(ValidationError):
        api_client_revoke(actor=world.user(SUPERUSER), client=client, reason="again")


def test_a_revocation_needs_a_reason(world, client_for):
    create_in_office(client_for, world)
    client = ApiClient.objects.get()
    client_for(STREET_STAFF).post(reverse("office:api_client_revoke", args=[client.pk]), {"reason": " "})
    client.refresh_from_db()
    assert client.revoked_at is None


def test_expired_token_is_refused(world, client_for):
    token = create_in_office(client_for, world, valid_days=1).context["token"]
    client = ApiClient.objects.get()
    assert client.expires_at - timezone.now() <= datetime.timedelta(days=1)
    assert Client().get(AREAS, **bearer(token)).status_code == 200
    ApiClient.objects.filter(pk=client.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    refused = Client().get(AREAS, **bearer(token), HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 401
    assert refused.json() == {"code": "authentication_failed",
                              "detail": "This token has expired: ask the street office for a new one."}
    assert refused["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("header", ["", "Bearer", "Bearer a b", "Token gz_x", "Bearer gz_0000000000_" + "0" * 40,
                                    "Bearer " + "x" * 54])
def test_every_call_needs_a_valid_token(world, header):
    response = Client().get(AREAS, **({"HTTP_AUTHORIZATION": header} if header else {}))
    assert response.status_code == 401
    assert response.json()["code"] in ("not_authenticated", "authentication_failed")


def test_a_session_does_not_open_the_api(world, client_for):
    assert client_for(STREET_STAFF).get(AREAS).status_code == 401


def test_the_service_user_cannot_log_in(world, client_for):
    create_in_office(client_for, world)
    user = ApiClient.objects.get().service_user
    assert not user.is_active and not user.has_usable_password()


def test_creation_and_revocation_are_in_the_history(world, client_for):
    create_in_office(client_for, world)
    client = ApiClient.objects.get()
    api_client_revoke(actor=world.user(STREET_STAFF), client=client, reason="到期停用")
    page = client_for(STREET_STAFF).get(reverse("office:api_client_detail", args=[client.pk]))
    assert "到期停用" in page.content.decode()
    assert not AuditEvent.objects.filter(action=AuditAction.API).exists()
