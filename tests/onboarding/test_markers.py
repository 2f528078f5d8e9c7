"""Strings planted in organization A's data never appear on organization B's portal pages."""

from django.urls import reverse

from apps.onboarding.models import OrganizationContact
from tests.onboarding.factories import make_application, make_change_request, make_invitation
from tests.personas import ORG_B_ADMIN

MARKERS = ["MARKER-A-NAME", "MARKER-A-CONTACT", "MARKER-A-APPLICATION", "MARKER-A-CHANGE", "marker-a-invite"]


def test_org_b_pages_show_none_of_org_as_markers(world, client_for):
    world.org_a.name = "MARKER-A-NAME 宝石"
    world.org_a.contact_name = "MARKER-A-CONTACT"
    world.org_a.save()
    OrganizationContact.objects.create(organization=world.org_a, mailing_address="MARKER-A-CONTACT 地址")
    make_application(world.community_a1, name="MARKER-A-APPLICATION")
    change = make_change_request(world.org_a, new="MARKER-A-CHANGE")
    make_invitation(world.org_a, email="marker-a-invite@example.org")
    client = client_for(ORG_B_ADMIN)
    code = world.org_b.code
    pages = [reverse("portal:home"), reverse("portal:org_home", args=[code]), reverse("portal:member_list", args=[code]),
             reverse("portal:profile", args=[code]), reverse("portal:profile_contact", args=[code]),
             reverse("portal:change_request_create", args=[code])]
    for url in pages:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        body = response.content.decode()
        for marker in MARKERS:
            assert marker not in body, (url, marker)
    # A's change request under B's code: 404 whose page names nothing of A.
    response = client.get(reverse("portal:change_request_detail", args=[code, change.pk]))
    assert response.status_code == 404
    assert not any(marker in response.content.decode() for marker in MARKERS)
    # The test can fail: A's own admin sees the markers.
    assert "MARKER-A-CHANGE" in client_for("org_a_admin").get(
        reverse("portal:change_request_detail", args=[world.org_a.code, change.pk])).content.decode()
