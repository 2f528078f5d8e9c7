import io

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from apps.accounts.demo import PERSONAS
from apps.areas.models import Area, AreaLevel
from apps.core.demo import DEMO_PASSWORD
from apps.organizations.models import Organization


@pytest.fixture
def seeded(db):
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_demo_areas_have_the_promised_shape(seeded):
    counts = {level: Area.objects.filter(level=level).count() for level in AreaLevel.values}
    assert counts[AreaLevel.CITY] == 1
    assert counts[AreaLevel.DISTRICT] >= 2
    assert counts[AreaLevel.STREET] >= 4
    assert counts[AreaLevel.COMMUNITY] >= 20
    assert counts[AreaLevel.GRID] >= counts[AreaLevel.COMMUNITY]
    assert Area.objects.get(level=AreaLevel.CITY).name == "杭州市"
    # Communities and grids nest by code: <street 9 digits><3-digit community><3-digit grid>.
    for grid in Area.objects.filter(level=AreaLevel.GRID).select_related("parent")[:20]:
        assert grid.code.startswith(grid.parent.code)
    assert Organization.objects.count() > 0


def test_every_demo_login_works_and_is_printed(seeded, rf):
    for username, _role, _name in PERSONAS:
        request = rf.post("/accounts/login/")
        assert authenticate(request, username=username, password=DEMO_PASSWORD) is not None, username
        assert username in seeded
    assert DEMO_PASSWORD in seeded


def test_seed_only_fills_an_empty_database(seeded):
    organizations = Organization.objects.count()
    out = io.StringIO()
    call_command("seed_demo", if_empty=True, stdout=out)
    assert "already loaded" in out.getvalue()
    assert Organization.objects.count() == organizations
    with pytest.raises(CommandError):
        call_command("seed_demo", stdout=io.StringIO())


def test_the_same_seed_gives_the_same_data(seeded, django_db_blocker):
    first = list(Organization.objects.order_by("pk").values_list("name", "area__code"))
    from apps.accounts.models import User

    User.objects.all().delete()
    Organization.objects.all().delete()
    Area.objects.filter(level=AreaLevel.GRID).delete()
    for level in [AreaLevel.COMMUNITY, AreaLevel.STREET, AreaLevel.DISTRICT, AreaLevel.CITY]:
        Area.objects.filter(level=level).delete()
    call_command("seed_demo", stdout=io.StringIO())
    assert list(Organization.objects.order_by("pk").values_list("name", "area__code")) == first
