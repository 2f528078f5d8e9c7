import pytest

from apps.areas.models import Area
from apps.core.scoping import get_visible_or_404
from apps.organizations.models import Organization
from tests.personas import (
    ANONYMOUS, CITY_STAFF, COMMUNITY_WORKER, ORG_A_ADMIN, ORG_A_VIEWER, ORG_B_ADMIN, STREET_STAFF, SUPERUSER,
)


def names(queryset):
    return sorted(o.name for o in queryset)


@pytest.mark.parametrize(("persona", "expected"), [
    (CITY_STAFF, ["宝石邻里互助会", "白乐桥文体协会", "葛岭老年协会"]),
    (STREET_STAFF, ["宝石邻里互助会", "葛岭老年协会"]),
    (COMMUNITY_WORKER, ["宝石邻里互助会"]),
    (ORG_A_ADMIN, ["宝石邻里互助会"]),
    (ORG_A_VIEWER, ["宝石邻里互助会"]),
    (ORG_B_ADMIN, ["白乐桥文体协会"]),
    (SUPERUSER, ["宝石邻里互助会", "白乐桥文体协会", "葛岭老年协会"]),
])
def test_organizations_visible_to_each_persona(world, persona, expected):
    assert names(Organization.objects.visible_to(world.user(persona))) == expected


def test_anonymous_and_inactive_users_see_nothing(world):
    from django.contrib.auth.models import AnonymousUser

    assert not Organization.objects.visible_to(AnonymousUser()).exists()
    street = world.user(STREET_STAFF)
    street.is_active = False
    assert not Organization.objects.visible_to(street).exists()
    assert ANONYMOUS not in world.users


def test_areas_visible_to_staff_are_their_subtree(world):
    assert set(Area.objects.visible_to(world.user(STREET_STAFF))) == {
        world.street_a, world.community_a1, world.community_a2, world.grid_a1}
    assert not Area.objects.visible_to(world.user(ORG_A_ADMIN)).exists()


def test_a_street_code_prefix_does_not_leak_into_a_sibling(world):
    """Paths end with '/', so street 33010600100 cannot match a code that merely starts alike."""
    sibling = Area.objects.create(code="330106001", name="x", level="street", parent=world.district)
    assert sibling not in Area.objects.subtree(world.street_a)


def test_get_visible_or_404(world):
    from django.http import Http404

    assert get_visible_or_404(Organization.objects, world.user(STREET_STAFF), pk=world.org_a.pk) == world.org_a
    with pytest.raises(Http404):
        get_visible_or_404(Organization.objects, world.user(STREET_STAFF), pk=world.org_b.pk)
    with pytest.raises(Http404):
        get_visible_or_404(Organization.objects, world.user(STREET_STAFF), pk="not-a-number")


def test_filter_dropdowns_are_scoped(world, client_for):
    response = client_for(STREET_STAFF).get("/office/organizations/")
    options = response.content.decode()
    assert "宝石社区" in options and "白乐桥社区" not in options


def test_volunteers_of_the_only_city_and_of_one_of_two_cities(world):
    from apps.areas.models import AreaLevel
    from apps.volunteers.models import Volunteer
    from tests.volunteers.factories import make_volunteer

    resident = make_volunteer(world.community_a1, name="宝石居民")
    lingyin = make_volunteer(world.community_b1, name="灵隐居民")
    city, street = world.user(CITY_STAFF), world.user(STREET_STAFF)
    assert set(Volunteer.objects.visible_to(city)) == {resident, lingyin}  # 杭州市 is the only city
    assert set(Volunteer.objects.visible_to(street)) == {resident}

    ningbo = Area.objects.create(code="330200000000", name="宁波市", level=AreaLevel.CITY)
    haishu = Area.objects.create(code="330203001001", name="海曙某社区", level=AreaLevel.COMMUNITY, parent=ningbo)
    make_volunteer(haishu, name="宁波居民")
    assert set(Volunteer.objects.visible_to(city)) == {resident, lingyin}  # not 宁波's
