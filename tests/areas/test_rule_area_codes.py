"""统计用区划代码 (DOMAIN §1): 12 digits = 2 province + 2 city + 2 county + 3 township + 3 village.
Each level fills its own part under its parent's code (``apps.areas.codes.code_problems``, run by
``Area.clean``: the admin and every ``full_clean``); the township part names the kind: 001–099
街道, 100–199 镇, 200–399 乡 (400–599: development zones, farms and similar units, never a 乡)."""

import csv

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from apps.areas.demo import CSV_PATH
from apps.areas.models import Area, AreaLevel
from tests.personas import SUPERUSER

pytestmark = pytest.mark.django_db


def _area(code, level, parent=None, name="新区域"):
    return Area(code=code, level=level, parent=parent, name=name)


@pytest.mark.parametrize("level, code, parent_key", [
    (AreaLevel.CITY, "3301000000", None),                       # 10 digits
    (AreaLevel.CITY, "33010000000A", None),                     # a letter
    (AreaLevel.CITY, "330000000000", None),                     # city digits 00
    (AreaLevel.CITY, "330100100000", None),                     # digits below the city level
    (AreaLevel.DISTRICT, "330206000000", "city"),               # another city's prefix
    (AreaLevel.DISTRICT, "330100000000", "city"),               # county digits 00
    (AreaLevel.STREET, "330105001000", "district"),             # another district's prefix
    (AreaLevel.STREET, "330106000000", "district"),             # township 000
    (AreaLevel.STREET, "330106600000", "district"),             # township 600: no such kind
    (AreaLevel.STREET, "330106001001", "district"),             # village digits at street level
    (AreaLevel.COMMUNITY, "330106001000", "street_a"),          # village 000
    (AreaLevel.COMMUNITY, "330106002001", "street_a"),          # street B's prefix
    (AreaLevel.STREET, "330106003000", "city"),                 # a street directly under the city
])
def test_malformed_codes_are_refused(world, level, code, parent_key):
    """Failed before: any code up to 16 characters was stored for any level under any parent."""
    parent = getattr(world, parent_key) if parent_key else None
    with pytest.raises(ValidationError):
        # clean() alone: some of these codes also belong to an existing area (the rule, not
        # uniqueness, must refuse them).
        _area(code, level, parent).clean()


@pytest.mark.parametrize("level, code, parent_key", [
    (AreaLevel.DISTRICT, "330108000000", "city"),
    (AreaLevel.STREET, "330106099000", "district"),
    (AreaLevel.STREET, "330106150000", "district"),
    (AreaLevel.STREET, "330106399000", "district"),
    (AreaLevel.STREET, "330106401000", "district"),
    (AreaLevel.COMMUNITY, "330106001205", "street_a"),
])
def test_well_formed_codes_are_accepted(world, level, code, parent_key):
    _area(code, level, getattr(world, parent_key)).full_clean()


def test_every_row_of_the_hangzhou_table_is_well_formed():
    from apps.areas.codes import code_problems

    rows = [row for row in csv.DictReader(CSV_PATH.open(encoding="utf-8")) if row["level"] != "province"]
    by_code = {}
    for row in rows:
        level = {"town": AreaLevel.STREET}.get(row["level"], row["level"])
        area = _area(row["code"], level, by_code.get(row["parent_code"]), row["name"])
        assert code_problems(code=area.code, level=area.level, parent=area.parent) == {}, row
        by_code[row["code"]] = area
    assert len(by_code) == len(rows) > 200


@pytest.mark.parametrize("code, kind", [
    ("330106001000", "Street"), ("330106099000", "Street"), ("330109100000", "Town"), ("330109199000", "Town"),
    ("330109200000", "Township"), ("330109399000", "Township"),
    ("330109401000", "Township-level unit (development zone, farm …)"),
    ("330109503000", "Township-level unit (development zone, farm …)"),
])
def test_the_township_digits_name_the_kind(code, kind, settings):
    """Failed before for 400–599: 萧山经济技术开发区 (330109401000) was called a 乡."""
    from django.utils import translation

    with translation.override("en"):
        assert str(_area(code, AreaLevel.STREET).township_kind) == kind


def test_the_admin_refuses_a_malformed_code(world, client_for):
    data = {"code": "330106600000", "code_year": 2022, "name": "不存在的街道", "level": AreaLevel.STREET,
            "parent": world.district.pk}
    response = client_for(SUPERUSER).post(reverse("admin:areas_area_add"), data)
    assert response.status_code == 200 and response.context["adminform"].form.errors["code"]
    assert not Area.objects.filter(name="不存在的街道").exists()
    data["code"] = "330106003000"
    assert client_for(SUPERUSER).post(reverse("admin:areas_area_add"), data).status_code == 302
