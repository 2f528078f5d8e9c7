"""Each rule in one domain place (issue 13.3): "acts at street level or above" is one predicate
that deciding, purchasing and revealing all use, and the scoping rule decides the kind of user
once for every model (an inactive account sees nothing anywhere)."""

import pytest

from apps.areas.models import Area
from apps.core.scoping import ViewerKind, viewer_kind
from apps.organizations.permissions import can_decide
from apps.procurement.models import CatalogueItem
from apps.procurement.permissions import can_manage_procurement
from apps.volunteers.models import Volunteer
from apps.volunteers.permissions import can_reveal_personal_data
from tests.personas import (
    CITY_STAFF, COMMUNITY_WORKER, ORG_A_ADMIN, ORG_A_VIEWER, ORG_B_ADMIN, PERSONAS, STREET_STAFF, SUPERUSER,
)
from tests.volunteers.factories import make_volunteer

pytestmark = pytest.mark.django_db

AT_STREET_OR_ABOVE = {CITY_STAFF, STREET_STAFF}


@pytest.mark.parametrize("persona", PERSONAS)
def test_one_predicate_for_street_level_or_above(world, persona):
    user = world.user(persona)
    if user is None:  # anonymous: no account, no predicate; every call site refuses
        assert not any(check(None) for check in (can_decide, can_manage_procurement, can_reveal_personal_data))
        return
    assert user.acts_at_street_level_or_above == (persona in AT_STREET_OR_ABOVE)
    expected = persona in AT_STREET_OR_ABOVE | {SUPERUSER}  # each call site lets superusers in
    assert (can_decide(user), can_manage_procurement(user), can_reveal_personal_data(user)) == (expected,) * 3


def test_a_grid_worker_and_an_inactive_street_worker_do_not_act_at_street_level(world):
    from apps.accounts.models import User

    grid = User.objects.create_user(username="grid", area=world.grid_a1)
    street = world.user(STREET_STAFF)
    street.is_active = False
    assert not grid.acts_at_street_level_or_above and not street.acts_at_street_level_or_above
    assert not can_manage_procurement(street) and not can_reveal_personal_data(street)


@pytest.mark.parametrize(("persona", "kind"), [
    (CITY_STAFF, ViewerKind.STAFF), (COMMUNITY_WORKER, ViewerKind.STAFF), (ORG_A_ADMIN, ViewerKind.ORGANIZATION_USER),
    (SUPERUSER, ViewerKind.SUPERUSER),
])
def test_viewer_kind(world, persona, kind):
    assert viewer_kind(world.user(persona)) is kind


def test_viewer_kind_of_anonymous_and_inactive_users_is_nobody(world):
    from django.contrib.auth.models import AnonymousUser

    assert viewer_kind(None) is viewer_kind(AnonymousUser()) is ViewerKind.NOBODY
    for persona in (SUPERUSER, STREET_STAFF, ORG_A_ADMIN):
        user = world.user(persona)
        user.is_active = False
        assert viewer_kind(user) is ViewerKind.NOBODY


@pytest.mark.parametrize("persona", [SUPERUSER, CITY_STAFF, STREET_STAFF, COMMUNITY_WORKER, ORG_A_ADMIN])
def test_an_inactive_account_sees_nothing_anywhere(world, persona):
    make_volunteer(world.community_a1, organization=world.org_a)
    user = world.user(persona)
    user.is_active = False
    for model in (Area, Volunteer, CatalogueItem):
        assert not model.objects.visible_to(user).exists(), model.__name__


def test_areas_are_scoped_like_every_model(world):
    assert set(Area.objects.visible_to(world.user(COMMUNITY_WORKER))) == {world.community_a1, world.grid_a1}
    assert Area.objects.visible_to(world.user(SUPERUSER)).count() == Area.objects.count()
    for persona in (ORG_A_ADMIN, ORG_A_VIEWER, ORG_B_ADMIN):
        assert not Area.objects.visible_to(world.user(persona)).exists()


def test_organization_users_see_their_current_volunteers_only(world):
    from apps.volunteers.services import membership_leave

    stays = make_volunteer(world.community_b1, organization=world.org_a)
    left = make_volunteer(world.community_a1, organization=world.org_a)
    membership_leave(membership=left.memberships.get())
    assert list(Volunteer.objects.visible_to(world.user(ORG_A_ADMIN))) == [stays]
    assert not Volunteer.objects.visible_to(world.user(ORG_B_ADMIN)).exists()
    # Staff still see those who served with an organization of their area.
    assert set(Volunteer.objects.visible_to(world.user(STREET_STAFF))) == {stays, left}
