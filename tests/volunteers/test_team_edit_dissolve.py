"""Teams (issue 16.13): staff and the organization's editors edit a team and dissolve it; a
dissolved team is kept, its current members leave on the dissolution day, it takes no new members."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from apps.volunteers.models import Team, TeamMembership
from apps.volunteers.services import team_membership_join
from apps.volunteers.teams import team_dissolve
from tests.personas import ORG_A_ADMIN, ORG_A_VIEWER, STREET_STAFF
from tests.volunteers.factories import make_volunteer

pytestmark = pytest.mark.django_db


def _team(world):
    volunteer = make_volunteer(world.community_a1, organization=world.org_a)
    team = Team.objects.create(name="清洁队", organization=world.org_a, founded_on=datetime.date(2024, 1, 1))
    membership = team_membership_join(team=team, volunteer=volunteer, joined_on=datetime.date(2024, 2, 1))
    return team, volunteer, membership


def test_staff_edit_a_team_and_choose_a_member_as_leader(world, client_for):
    team, volunteer, _ = _team(world)
    outsider = make_volunteer(world.community_a1, name="非成员", birth_date=datetime.date(1990, 1, 1))
    client = client_for(STREET_STAFF)
    url = reverse("office:team_update", args=[team.pk])
    form = client.get(url).context["form"]
    assert list(form.fields["leader"].queryset) == [volunteer]  # members only, not outsider
    assert outsider not in form.fields["leader"].queryset
    response = client.post(url, {"name": "清洁服务队", "organization": world.org_a.pk, "leader": volunteer.pk,
                                 "contact_name": "王芳", "contact_phone": "13900001111", "founded_on": "2024-01-01"})
    assert response.status_code == 302
    team.refresh_from_db()
    assert (team.name, team.leader, team.status) == ("清洁服务队", volunteer, Team.Status.ACTIVE)
    detail = client.get(reverse("office:team_detail", args=[team.pk])).content.decode()
    assert "清洁服务队" in detail and f"{volunteer}" in detail  # the history names the leader


def test_dissolving_ends_the_current_memberships(world, client_for):
    team, volunteer, membership = _team(world)
    client = client_for(STREET_STAFF)
    url = reverse("office:team_dissolve", args=[team.pk])
    assert "team-dissolve-form" in client.get(url).content.decode()
    assert client.post(url, {"dissolved_on": "2023-12-31"}).status_code == 200  # before the founding: refused
    assert Team.objects.get(pk=team.pk).status == Team.Status.ACTIVE
    assert client.post(url, {}).status_code == 302
    team.refresh_from_db()
    membership.refresh_from_db()
    assert team.status == Team.Status.DISSOLVED and membership.left_on == timezone.localdate()
    with pytest.raises(ValidationError):
        team_membership_join(team=team, volunteer=volunteer)
    with pytest.raises(ValidationError):
        team_dissolve(actor=world.user(STREET_STAFF), team=team)


def test_a_dissolution_before_a_member_joined_changes_nothing(world):
    team, volunteer, membership = _team(world)
    with pytest.raises(ValidationError):
        team_dissolve(actor=world.user(STREET_STAFF), team=team, dissolved_on=datetime.date(2024, 1, 15))
    assert Team.objects.get(pk=team.pk).status == Team.Status.ACTIVE
    assert TeamMembership.objects.get(pk=membership.pk).left_on is None


def test_the_portal_edits_and_dissolves_its_own_teams(world, client_for):
    team, volunteer, membership = _team(world)
    code = world.org_a.code
    admin = client_for(ORG_A_ADMIN)
    edit = reverse("portal:work_team_update", kwargs={"org": code, "pk": team.pk})
    assert admin.post(edit, {"name": "门户改名队", "leader": volunteer.pk}).status_code == 302
    assert Team.objects.get(pk=team.pk).name == "门户改名队"
    dissolve = reverse("portal:work_team_dissolve", kwargs={"org": code, "pk": team.pk})
    assert client_for(ORG_A_VIEWER).post(dissolve, {}).status_code == 403
    assert admin.post(dissolve, {}).status_code == 302
    assert Team.objects.get(pk=team.pk).status == Team.Status.DISSOLVED
    assert TeamMembership.objects.get(pk=membership.pk).left_on == timezone.localdate()
