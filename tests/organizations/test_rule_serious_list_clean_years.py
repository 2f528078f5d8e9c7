"""Credit lists (DOMAIN §2): leaving the 严重违法失信名单 needs at least two *clean* years. Two
years after the listing is not enough when the organization was penalised or listed again in
the meantime: the two years then count from that last incident
(``selectors.earliest_serious_removal`` / ``serious_list_incidents``, checked by
``services.credit_listing_remove``)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from apps.organizations import services
from apps.organizations.models import CreditListing, CreditListKind, Penalty
from tests.organizations.helpers import make_org
from tests.personas import STREET_STAFF

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def org(world):
    return make_org(world.community_a1, name="失信协会")


def serious(org, listed_on=D(2021, 6, 1)):
    return CreditListing.objects.create(organization=org, kind=CreditListKind.SERIOUS, reason="弄虚作假",
                                        decision_document="西民严〔2021〕1号", listed_on=listed_on)


def remove(world, listing, day):
    return services.credit_listing_remove(listing=listing, removed_on=day, reason="信用修复",
                                          actor=world.user(STREET_STAFF))


def test_two_years_without_incident_suffice(org, world):
    listing = serious(org)
    with pytest.raises(ValidationError):
        remove(world, listing, D(2023, 5, 31))
    remove(world, listing, D(2023, 6, 1))


def test_a_penalty_on_the_list_restarts_the_two_years(org, world):
    """Failed before: two years after the listing were enough, whatever happened meanwhile."""
    listing = serious(org)
    Penalty.objects.create(organization=org, decided_on=D(2022, 9, 15), kind="警告", reason="未按章程活动",
                           decision_document="西民罚〔2022〕7号")
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        remove(world, listing, D(2023, 6, 1))
    assert refused.value.code == "too_early"
    assert "2024-09-15" in refused.value.messages[0] and "西民罚〔2022〕7号" in refused.value.messages[0]
    remove(world, listing, D(2024, 9, 15))


def test_another_listing_on_the_list_restarts_them_too(org, world):
    listing = serious(org)
    CreditListing.objects.create(organization=org, kind=CreditListKind.ABNORMAL, reason="无法联系",
                                 decision_document="西民异〔2023〕2号", listed_on=D(2023, 1, 10),
                                 removed_on=D(2023, 3, 1), removal_reason="已联系")
    with pytest.raises(ValidationError):
        remove(world, listing, D(2025, 1, 9))
    remove(world, listing, D(2025, 1, 10))


def test_incidents_before_the_listing_or_after_the_removal_day_do_not_count(org, world):
    Penalty.objects.create(organization=org, decided_on=D(2021, 5, 1), kind="罚款", reason="r", decision_document="早")
    listing = serious(org)
    Penalty.objects.create(organization=org, decided_on=D(2023, 8, 1), kind="警告", reason="r", decision_document="晚")
    remove(world, listing, D(2023, 6, 1))
