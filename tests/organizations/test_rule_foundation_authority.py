"""基金会 are registered at provincial level or above (DOMAIN §2). The registration authority's
level is a choice on the organization (``registration_authority_level``: national, provincial,
city, county), read from the credit code when left empty (positions 3–8 are the authority's area
code: 100000 the Ministry, XX0000 a province); ``Organization.clean`` refuses a foundation whose
authority is below provincial level, on every path (back-office form, import, services)."""

import importlib

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from apps.organizations.models import AuthorityLevel, LegalForm, Organization, authority_level_of_code
from apps.organizations.services import organization_create
from tests.imports.helpers import check, errors_by_column, xlsx_upload
from tests.organizations.files import files_on_disk  # noqa: F401 (fixture)
from tests.organizations.helpers import code
from tests.organizations.test_organization_form import post_data
from tests.personas import STREET_STAFF

pytestmark = pytest.mark.django_db

PROVINCIAL_CODE = code("53330000", "MJ1234567")
CITY_CODE = code("53330100", "MJ1234567")
COUNTY_CODE = code("53330106", "MJ1234567")


def _foundation(world, **fields):
    values = {"name": "西湖社区发展基金会", "legal_form": LegalForm.FOUNDATION, "area": world.community_a1,
              "credit_code": PROVINCIAL_CODE} | fields
    return Organization(**values)


@pytest.mark.parametrize("credit_code, level", [
    (code("53100000"), AuthorityLevel.NATIONAL), (PROVINCIAL_CODE, AuthorityLevel.PROVINCIAL),
    (CITY_CODE, AuthorityLevel.CITY), (COUNTY_CODE, AuthorityLevel.COUNTY), ("", ""), ("53330106", ""),
])
def test_the_level_named_by_a_credit_code(credit_code, level):
    assert authority_level_of_code(credit_code) == level


@pytest.mark.parametrize("level", [AuthorityLevel.CITY, AuthorityLevel.COUNTY])
def test_a_foundation_registered_below_provincial_level_is_refused(world, level):
    """Failed before: the registration authority was free text and never checked."""
    with pytest.raises(ValidationError) as refused:
        _foundation(world, registration_authority_level=level).full_clean()
    assert "registration_authority_level" in refused.value.message_dict


@pytest.mark.parametrize("level", [AuthorityLevel.PROVINCIAL, AuthorityLevel.NATIONAL])
def test_a_foundation_registered_at_provincial_level_or_above_is_accepted(world, level):
    _foundation(world, registration_authority_level=level).full_clean()


def test_the_level_is_read_from_the_credit_code_when_left_empty(world):
    foundation = _foundation(world)
    foundation.full_clean()
    assert foundation.registration_authority_level == AuthorityLevel.PROVINCIAL
    with pytest.raises(ValidationError):
        _foundation(world, credit_code=COUNTY_CODE).full_clean()


def test_a_foundation_in_preparation_without_a_code_must_name_the_level(world):
    with pytest.raises(ValidationError) as refused:
        organization_create(actor=world.user(STREET_STAFF), status="preparing", status_reason="筹备",
                            name="筹备中的基金会", legal_form=LegalForm.FOUNDATION, area=world.community_a1)
    assert "registration_authority_level" in refused.value.message_dict


@pytest.mark.parametrize("legal_form", [LegalForm.SOCIAL_GROUP, LegalForm.SERVICE_INSTITUTION])
def test_other_legal_forms_may_be_registered_by_a_county(world, legal_form):
    organization = Organization(name="区级组织", legal_form=legal_form, area=world.community_a1,
                                credit_code=code("51330106" if legal_form == LegalForm.SOCIAL_GROUP else "52330106"),
                                certificate_variant="legal_person" if legal_form == LegalForm.SERVICE_INSTITUTION else "")
    organization.full_clean()
    assert organization.registration_authority_level == AuthorityLevel.COUNTY


def test_back_office_form(world, client_for):
    client = client_for(STREET_STAFF)
    data = post_data(world, name="西湖社区发展基金会", legal_form=LegalForm.FOUNDATION, credit_code=CITY_CODE,
                     registration_authority="杭州市民政局", registration_authority_level=AuthorityLevel.CITY)
    response = client.post(reverse("office:organization_create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["registration_authority_level"]
    data.update(credit_code=PROVINCIAL_CODE, registration_authority="浙江省民政厅",
                registration_authority_level=AuthorityLevel.PROVINCIAL)
    response = client.post(reverse("office:organization_create"), data)
    assert response.status_code == 302, response.context["form"].errors
    foundation = Organization.objects.get(name="西湖社区发展基金会")
    page = client.get(reverse("office:organization_detail", args=[foundation.pk])).content.decode()
    assert "浙江省民政厅 (" in page


def test_import_refuses_a_foundation_registered_by_the_county(world, files_on_disk):
    header = ["名称", "组织类型", "统一社会信用代码", "所在社区", "登记管理机关", "登记管理机关级别"]
    rows = [header,
            ["区级基金会", "基金会", COUNTY_CODE, world.community_a1.code, "杭州市西湖区民政局", ""],
            ["市级基金会", "基金会", code("53330100", "MJ7654321"), world.community_a1.code, "杭州市民政局", "市级"],
            ["省级基金会", "基金会", PROVINCIAL_CODE, world.community_a1.code, "浙江省民政厅", ""]]
    job = check(world.user(STREET_STAFF), "organizations", xlsx_upload(rows))
    errors = errors_by_column(job)
    assert (2, "登记管理机关级别") in errors and (3, "登记管理机关级别") in errors
    assert not any(row == 4 for row, _column in errors)


def test_the_data_migration_reads_levels_of_existing_codes(world):
    from django.apps import apps

    migration = importlib.import_module("apps.organizations.migrations.0007_organization_registration_authority_level")
    Organization.objects.filter(pk=world.org_a.pk).update(credit_code=PROVINCIAL_CODE)
    migration.read_levels_from_codes(apps, None)
    levels = dict(Organization.objects.values_list("name", "registration_authority_level"))
    assert levels == {world.org_a.name: AuthorityLevel.PROVINCIAL, world.org_a2.name: "", world.org_b.name: ""}
