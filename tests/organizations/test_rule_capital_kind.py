"""注册资金 (DOMAIN §2): the kind of registered funds follows the legal form: 社会团体 活动资金,
社会服务机构 开办资金, 基金会 原始基金; filed groups and community teams have none
(``Organization.clean``, on every path that saves through it: back-office form, admin, import,
change requests)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from apps.organizations.models import CapitalKind, LegalForm, Organization
from tests.organizations.helpers import code
from tests.organizations.test_organization_form import post_data
from tests.personas import STREET_STAFF

pytestmark = pytest.mark.django_db

FORMS = [
    (LegalForm.SOCIAL_GROUP, "51330106", "", CapitalKind.ACTIVITY_FUNDS),
    (LegalForm.SERVICE_INSTITUTION, "52330106", "legal_person", CapitalKind.START_UP_FUNDS),
    (LegalForm.FOUNDATION, "53330000", "", CapitalKind.ORIGINAL_FUND),
]


def _organization(world, legal_form, prefix, variant, kind):
    return Organization(name="资金测试组织", legal_form=legal_form, area=world.community_a1, credit_code=code(prefix),
                        certificate_variant=variant, capital_kind=kind)


@pytest.mark.parametrize("legal_form, prefix, variant, expected", FORMS)
def test_the_kind_of_the_legal_form_is_accepted(world, legal_form, prefix, variant, expected):
    _organization(world, legal_form, prefix, variant, expected).full_clean()


@pytest.mark.parametrize("legal_form, prefix, variant, expected", FORMS)
def test_another_kind_is_refused(world, legal_form, prefix, variant, expected):
    """Failed before: any kind was stored for any legal form (a social group's 原始基金)."""
    for kind in CapitalKind.values:
        if kind == expected:
            continue
        with pytest.raises(ValidationError) as refused:
            _organization(world, legal_form, prefix, variant, kind).full_clean()
        assert list(refused.value.message_dict) == ["capital_kind"]


@pytest.mark.parametrize("legal_form, filing", [(LegalForm.FILED_COMMUNITY, "西民备2026001"),
                                                (LegalForm.COMMUNITY_TEAM, "")])
def test_unregistered_groups_have_no_kind_of_registered_funds(world, legal_form, filing):
    organization = Organization(name="社区队伍", legal_form=legal_form, area=world.community_a1, filing_number=filing,
                                capital_kind=CapitalKind.ACTIVITY_FUNDS)
    with pytest.raises(ValidationError) as refused:
        organization.full_clean()
    assert list(refused.value.message_dict) == ["capital_kind"]


def test_an_empty_kind_is_filled_from_the_legal_form(world):
    organization = _organization(world, LegalForm.FOUNDATION, "53330000", "", "")
    organization.full_clean()
    organization.save()
    assert organization.capital_kind == CapitalKind.ORIGINAL_FUND


def test_back_office_form_refuses_a_wrong_kind(world, client_for):
    response = client_for(STREET_STAFF).post(reverse("office:organization_create"),
                                             post_data(world, capital_kind=CapitalKind.ORIGINAL_FUND))
    assert response.status_code == 200
    assert response.context["form"].errors["capital_kind"]
    assert not Organization.objects.filter(name="宝石社区为老服务协会").exists()
