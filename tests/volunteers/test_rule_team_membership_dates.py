"""Teams (DOMAIN §3): membership with role and joined/left dates. The left date could not be
recorded (``TeamMembership.left_on`` existed, no service or page wrote it); now
``services.team_membership_leave`` records it (once, between joining and today; the row stays)
from the team's page in the back office and the portal, through each audience's scope."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from apps.volunteers.models import TeamMembership
from apps.volunteers.services import team_membership_join
from tests.personas import ORG_A_ADMIN, ORG_A_VIEWER, ORG_B_ADMIN, STREET_STAFF, SUPERUSER
from tests.portal_work.world import portal_world
from tests.volunteers.world import volunteer_world

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def _leave(**kwargs):
    from apps.volunteers.services import team_membership_leave

    return team_membership_leave(**kwargs)


@pytest.fixture
def membership(world):
    vw = volunteer_world(world)
    joined = timezone.localdate() - datetime.timedelta(days=30)
    TeamMembership.objects.filter(team=vw.team_a).update(joined_on=joined)
    return TeamMembership.objects.get(team=vw.team_a)


def test_leaving_keeps_the_row_with_both_dates(world, membership):
    left = _leave(actor=world.user(STREET_STAFF), membership=membership, left_on=timezone.localdate() - DAY)
    assert (left.joined_on, left.left_on) == (membership.joined_on, timezone.localdate() - DAY)
    assert TeamMembership.objects.filter(pk=membership.pk).exists()
    again = team_membership_join(team=membership.team, volunteer=membership.volunteer)
    assert again.pk != membership.pk and again.left_on is None


@pytest.mark.parametrize("shift, code", [(-31, "before_joining"), (1, "future")])
def test_the_date_lies_between_joining_and_today(world, membership, shift, code):
    with pytest.raises(ValidationError) as refused:
        _leave(actor=world.user(STREET_STAFF), membership=membership,
               left_on=timezone.localdate() + datetime.timedelta(days=shift))
    assert refused.value.code == code


def test_a_member_leaves_once(world, membership):
    _leave(actor=world.user(STREET_STAFF), membership=membership, left_on=timezone.localdate() - DAY)
    with pytest.raises(ValidationError) as refused:
        _leave(actor=world.user(STREET_STAFF), membership=membership)
    assert refused.value.code == "already_left"
    membership.refresh_from_db()
    assert membership.left_on == timezone.localdate() - DAY


def test_back_office_records_it_and_the_audit_trail_has_it(world, membership, client_for):
    """Failed before: there was no page to record a member leaving."""
    client = client_for(STREET_STAFF)
    url = reverse("office:team_member_leave", args=[membership.team_id, membership.pk])
    response = client.post(url, {"left_on": ""})
    assert response.status_code == 302 and response["Location"] == reverse("office:team_detail",
                                                                           args=[membership.team_id])
    membership.refresh_from_db()
    assert membership.left_on == timezone.localdate()
    entry = LogEntry.objects.get_for_object(membership).filter(action=LogEntry.Action.UPDATE).get()
    assert "left_on" in entry.changes_dict and entry.actor == world.user(STREET_STAFF)
    page = client.get(reverse("office:team_detail", args=[membership.team_id])).content.decode()
    assert 'data-testid="member-leave"' not in page


def test_back_office_outside_the_area_or_the_team_is_404(world, membership, client_for):
    vw = volunteer_world(world)
    other = team_membership_join(team=vw.team_b, volunteer=vw.volunteer_b)
    client = client_for(STREET_STAFF)
    assert client.post(reverse("office:team_member_leave", args=[vw.team_b.pk, other.pk])).status_code == 404
    assert client.post(reverse("office:team_member_leave", args=[vw.team_b.pk, membership.pk])).status_code == 404
    other.refresh_from_db()
    membership.refresh_from_db()
    assert other.left_on is None and membership.left_on is None
    assert client_for(SUPERUSER).post(reverse("office:team_member_leave", args=[vw.team_b.pk, other.pk])) \
        .status_code == 302


def _portal_url(world, code_key, obj_key):
    team = portal_world(world)[obj_key].team
    membership = team.memberships.get()
    return membership, reverse("portal:work_team_member_leave",
                               args=[getattr(world, f"org_{code_key}").code, team.pk, membership.pk])


def test_portal_editors_record_it_for_their_own_teams_only(world, client_for):
    membership, url = _portal_url(world, "a", "a")
    assert client_for(ORG_A_VIEWER).post(url).status_code == 403
    _other, cross = _portal_url(world, "b", "a")
    assert client_for(ORG_B_ADMIN).post(cross).status_code == 404
    membership.refresh_from_db()
    assert membership.left_on is None
    assert client_for(ORG_A_ADMIN).post(url, {"left_on": timezone.localdate().isoformat()}).status_code == 302
    membership.refresh_from_db()
    assert membership.left_on == timezone.localdate()
    team_page = client_for(ORG_A_ADMIN).get(reverse("portal:work_team_detail",
                                                    args=[world.org_a.code, membership.team_id]))
    members = team_page.content.decode().split('data-testid="team-members"', 1)[1].split("</table>", 1)[0]
    assert membership.volunteer.name not in members  # the page lists current members
