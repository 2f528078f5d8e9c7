from django.core import mail
from django.urls import reverse

from apps.accounts.models import Invitation, Membership, OrgRole, User
from tests.onboarding.factories import make_invitation
from tests.personas import ORG_A_ADMIN, ORG_A_VIEWER


def test_admin_invites_and_the_invitee_creates_an_account(world, client_for, client):
    admin = client_for(ORG_A_ADMIN)
    response = admin.post(reverse("portal:member_invite", args=[world.org_a.code]),
                          {"email": "Neu@Example.org", "role": OrgRole.EDITOR})
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.email == "neu@example.org" and invitation.role == OrgRole.EDITOR
    link = next(word for word in mail.outbox[-1].body.split() if "/portal/join/" in word)
    token = link.rstrip("/").rsplit("/", 1)[-1]
    assert token not in invitation.token_hash  # only the hash is stored
    response = client.post(reverse("portal:invitation_accept", args=[token]), {
        "username": "neu", "full_name": "新成员", "password1": "Neu-member-2026", "password2": "Neu-member-2026"})
    assert response["Location"] == reverse("portal:org_home", args=[world.org_a.code])
    user = User.objects.get(username="neu")
    assert Membership.objects.get(user=user, organization=world.org_a).role == OrgRole.EDITOR
    # The link works once.
    assert client.get(reverse("portal:invitation_accept", args=[token])).status_code == 404


def test_a_logged_in_user_joins_a_second_organization(world, client_for):
    _invitation, token = make_invitation(world.org_a2, email="x@example.org")
    client = client_for(ORG_A_ADMIN)
    client.post(reverse("portal:invitation_accept", args=[token]))
    assert Membership.objects.filter(user=world.user(ORG_A_ADMIN)).count() == 2
    assert client.get(reverse("portal:home")).status_code == 200  # two organizations: choose
    response = client.get(reverse("portal:switch", args=[world.org_a2.code]))
    assert response["Location"] == reverse("portal:org_home", args=[world.org_a2.code])
    assert client.get(reverse("portal:home"))["Location"] == reverse("portal:org_home", args=[world.org_a2.code])


def test_roles_are_set_and_the_last_admin_is_kept(world, client_for):
    admin = client_for(ORG_A_ADMIN)
    own = Membership.objects.get(user=world.user(ORG_A_ADMIN))
    viewer = Membership.objects.get(user=world.user(ORG_A_VIEWER))
    admin.post(reverse("portal:member_role", args=[world.org_a.code, own.pk]), {f"m{own.pk}-role": OrgRole.VIEWER})
    own.refresh_from_db()
    assert own.role == OrgRole.ADMIN  # the only admin
    admin.post(reverse("portal:member_remove", args=[world.org_a.code, own.pk]))
    assert Membership.objects.filter(pk=own.pk).exists()
    admin.post(reverse("portal:member_role", args=[world.org_a.code, viewer.pk]),
               {f"m{viewer.pk}-role": OrgRole.EDITOR})
    viewer.refresh_from_db()
    assert viewer.role == OrgRole.EDITOR
    admin.post(reverse("portal:member_remove", args=[world.org_a.code, viewer.pk]))
    assert not Membership.objects.filter(pk=viewer.pk).exists()


def test_another_organizations_member_cannot_be_touched(world, client_for):
    other = Membership.objects.get(organization=world.org_b)
    admin = client_for(ORG_A_ADMIN)
    response = admin.post(reverse("portal:member_remove", args=[world.org_a.code, other.pk]))
    assert response.status_code == 404
    response = admin.post(reverse("portal:member_role", args=[world.org_a.code, other.pk]),
                          {f"m{other.pk}-role": OrgRole.VIEWER})
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.role == OrgRole.ADMIN


def test_viewer_cannot_invite(world, client_for):
    response = client_for(ORG_A_VIEWER).post(reverse("portal:member_invite", args=[world.org_a.code]),
                                             {"email": "a@example.org", "role": OrgRole.ADMIN})
    assert response.status_code == 403
    assert not Invitation.objects.exists() and not mail.outbox
