"""Issue 16.10: a new organization's home shows its first steps (complete the profile, invite
colleagues, register volunteers, a first activity), each done or not, in a constant number of
queries; the card goes once every step is done, and links only to the steps the viewer's role allows."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import Invitation, Membership, OrgRole
from apps.organizations.models import ServiceDomain
from tests.personas import ORG_A_ADMIN, ORG_A_EDITOR, ORG_A_VIEWER
from tests.volunteers.factories import make_activity, make_volunteer

pytestmark = pytest.mark.django_db


@pytest.fixture
def new_org(world):
    """Org A as a newly approved organization: only its applicant (the admin) is a member."""
    Membership.objects.filter(organization=world.org_a).exclude(user=world.user(ORG_A_ADMIN)).delete()
    return world.org_a


def _home(client, org):
    return client.get(reverse("portal:org_home", args=[org.code]))


def _steps(response):
    page = response.content.decode()
    return dict(re.findall(r'data-testid="step-(\w+)" data-done="(yes|no)"', page))


def _complete_profile(org):
    org.residence, org.purpose, org.representative = "宝石路1号", "邻里互助", "陈伟"
    org.founded_on, org.contact_name, org.contact_phone = datetime.date(2020, 1, 1), "王芳", "13900001234"
    org.save()
    org.domains.add(ServiceDomain.objects.get_or_create(name="社区服务")[0])


def test_a_new_organization_sees_every_step_to_do(new_org, client_for):
    response = _home(client_for(ORG_A_ADMIN), new_org)
    assert response.status_code == 200
    assert _steps(response) == {"profile": "no", "members": "no", "volunteers": "no", "activity": "no"}
    page = response.content.decode()
    for name in ("portal:profile", "portal:member_invite", "portal:work_volunteer_register",
                 "portal:work_activity_create"):
        assert reverse(name, args=[new_org.code]) in page, name
    # the profile step says what is missing, by the fields' names
    assert "住所" in page or "registered address" in page


def test_each_step_is_done_by_the_real_thing(new_org, world, client_for):
    client = client_for(ORG_A_ADMIN)
    _complete_profile(new_org)
    assert _steps(_home(client, new_org))["profile"] == "yes"
    Invitation.objects.create(organization=new_org, email="colleague@example.org", token_hash="x" * 64,
                              expires_at=timezone.now() + datetime.timedelta(days=3))
    assert _steps(_home(client, new_org))["members"] == "yes"
    make_volunteer(world.community_a1, organization=new_org)
    assert _steps(_home(client, new_org))["volunteers"] == "yes"
    make_activity(new_org)
    # every step done: the card is gone
    response = _home(client, new_org)
    assert _steps(response) == {} and 'data-testid="first-steps"' not in response.content.decode()


def test_a_second_member_counts_as_invited(new_org, world, client_for):
    Membership.objects.create(user=world.user(ORG_A_VIEWER), organization=new_org, role=OrgRole.VIEWER)
    assert _steps(_home(client_for(ORG_A_ADMIN), new_org))["members"] == "yes"


def test_a_cancelled_invitation_does_not_count(new_org, client_for):
    Invitation.objects.create(organization=new_org, email="gone@example.org", token_hash="y" * 64,
                              expires_at=timezone.now(), cancelled_at=timezone.now())
    assert _steps(_home(client_for(ORG_A_ADMIN), new_org))["members"] == "no"


def test_links_follow_the_viewers_role(world, client_for):
    """An editor may register volunteers and record activities, not invite; the states show anyway."""
    response = _home(client_for(ORG_A_EDITOR), world.org_a)
    page = response.content.decode()
    assert set(_steps(response)) == {"profile", "members", "volunteers", "activity"}
    assert reverse("portal:member_invite", args=[world.org_a.code]) not in page
    assert reverse("portal:work_volunteer_register", args=[world.org_a.code]) in page


def test_the_steps_take_constant_queries(new_org, world, client_for):
    client = client_for(ORG_A_ADMIN)
    _home(client, new_org)  # the session's first request writes its bookkeeping

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert _home(client, new_org).status_code == 200
        return len(queries)

    empty = count()
    _complete_profile(new_org)
    for n in range(3):
        make_volunteer(world.community_a1, organization=new_org)
        Invitation.objects.create(organization=new_org, email=f"c{n}@example.org", token_hash=f"{n}" * 64,
                                  expires_at=timezone.now() + datetime.timedelta(days=3))
    assert count() == empty
