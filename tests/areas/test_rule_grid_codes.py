"""Grids (DOMAIN §1): every grid belongs to one 社区/村, and its code is the community's code plus
a sequence number (``apps.areas.codes``, run by ``Area.clean``)."""

import pytest
from django.core.exceptions import ValidationError

from apps.areas.models import Area, AreaLevel

pytestmark = pytest.mark.django_db


def _grid(code, parent):
    return Area(code=code, level=AreaLevel.GRID, parent=parent, name="新网格")


@pytest.mark.parametrize("parent_key", ["street_a", "district", "grid_a1"])
def test_a_grid_belongs_to_a_community(world, parent_key):
    """Failed before: a grid could hang under a street, a district or another grid."""
    parent = getattr(world, parent_key)
    with pytest.raises(ValidationError) as refused:
        _grid(f"{parent.code[:12]}009", parent).clean()
    assert "parent" in refused.value.message_dict


@pytest.mark.parametrize("code", [
    "330106001002001",   # community A2's code under community A1
    "330106001001",      # no sequence number
    "330106001001000",   # sequence 0
    "33010600100100A",   # not a number
])
def test_a_grid_code_is_the_community_code_plus_a_sequence(world, code):
    """Failed before: any code was stored for a grid."""
    with pytest.raises(ValidationError) as refused:
        _grid(code, world.community_a1).clean()
    assert "code" in refused.value.message_dict


@pytest.mark.parametrize("code", ["330106001001002", "3301060010019", "3301060010011234"])
def test_a_well_formed_grid_code_is_accepted(world, code):
    _grid(code, world.community_a1).full_clean()


def test_the_seeded_grids_follow_the_rule(world):
    from apps.areas.codes import code_problems

    grid = world.grid_a1
    assert code_problems(code=grid.code, level=grid.level, parent=grid.parent) == {}
    assert Area.objects.get(pk=grid.pk).parent.level == AreaLevel.COMMUNITY
