from django.urls import reverse

from apps.audit.models import AuditAction, AuditEvent
from tests.personas import STREET_STAFF


def start(client, organization):
    return client.post(reverse("office:organization_view_as", args=[organization.pk]))


def test_view_as_is_read_only_bannered_and_audited_once(world, client_for):
    client = client_for(STREET_STAFF)
    home = reverse("portal:org_home", args=[world.org_a.code])
    assert client.get(home).status_code == 404  # no session yet
    assert start(client, world.org_a)["Location"] == home
    assert AuditEvent.objects.filter(action=AuditAction.VIEW_AS, object_id=str(world.org_a.pk)).count() == 1
    for name in ("portal:org_home", "portal:profile", "portal:member_list"):
        response = client.get(reverse(name, args=[world.org_a.code]))
        assert response.status_code == 200 and 'data-testid="view-as-banner"' in response.content.decode()
    assert AuditEvent.objects.filter(action=AuditAction.VIEW_AS).count() == 1
    response = client.post(reverse("portal:profile_contact", args=[world.org_a.code]),
                           {"contact_name": "改不了", "contact_phone": "", "mailing_address": ""})
    assert response.status_code == 403
    world.org_a.refresh_from_db()
    assert world.org_a.contact_name == ""
    # Only the organization of the session.
    assert client.get(reverse("portal:org_home", args=[world.org_a2.code])).status_code == 404
    client.post(reverse("office:view_as_end"))
    assert client.get(home).status_code == 404


def test_view_as_outside_the_users_area_is_404(world, client_for):
    client = client_for(STREET_STAFF)
    assert start(client, world.org_b).status_code == 404
    assert not AuditEvent.objects.filter(action=AuditAction.VIEW_AS).exists()
