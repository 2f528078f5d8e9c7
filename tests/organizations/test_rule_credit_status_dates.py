"""Credit status (DOMAIN §2): an organization's status (正常 / 活动异常 / 严重失信) derives from its
open listings. The pages read "open" as "not removed" (``with_credit_status``), the award check as
"in force on the day" (``selectors.credit_status`` / ``award_refusals``): the two agreed only while
no date lay in the future. The office records decisions already taken, so
``services.credit_listing_add`` / ``credit_listing_remove`` refuse a listing or removal dated
after today, and every page shows the status the rules apply."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from apps.organizations import selectors, services
from apps.organizations.models import CreditListing, CreditListKind, CreditStatus, Organization
from tests.organizations.helpers import make_org
from tests.personas import STREET_STAFF

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def org(world):
    return make_org(world.community_a1, name="列入协会")


def _add(world, org, listed_on, kind=CreditListKind.ABNORMAL):
    listing = CreditListing(organization=org, kind=kind, reason="无法联系", decision_document="西民异〔2026〕5号",
                            listed_on=listed_on)
    return services.credit_listing_add(listing=listing, actor=world.user(STREET_STAFF))


def _shown_status(org):
    return Organization.objects.filter(pk=org.pk).with_credit_status().get().credit_status


def test_a_listing_dated_after_today_is_refused(world, org):
    """Failed before: the list and the organization page showed it as abnormal at once, while
    the award check (rightly) ignored it until its date."""
    with pytest.raises(ValidationError) as refused:
        _add(world, org, timezone.localdate() + DAY)
    assert "listed_on" in refused.value.message_dict
    assert not CreditListing.objects.exists()


def test_a_removal_dated_after_today_is_refused(world, org):
    """Failed before: the pages showed the organization as clean at once, while it was still
    listed and refused awards until that date."""
    today = timezone.localdate()
    listing = _add(world, org, today - 10 * DAY)
    with pytest.raises(ValidationError) as refused:
        services.credit_listing_remove(listing=listing, removed_on=today + DAY, reason="已整改",
                                       actor=world.user(STREET_STAFF))
    assert refused.value.code == "future"
    assert _shown_status(org) == selectors.credit_status(org, on_date=today) == CreditStatus.ABNORMAL
    assert selectors.award_refusals(org, on_date=today)


def test_decisions_of_today_and_before_are_recorded_and_shown_as_the_rules_apply_them(world, org):
    today = timezone.localdate()
    listing = _add(world, org, today)
    assert _shown_status(org) == selectors.credit_status(org, on_date=today) == CreditStatus.ABNORMAL
    services.credit_listing_remove(listing=listing, removed_on=today, reason="已整改", actor=world.user(STREET_STAFF))
    assert _shown_status(org) == selectors.credit_status(org, on_date=today) == CreditStatus.NORMAL


def test_the_removal_form_shows_the_error(world, org, client_for):
    listing = _add(world, org, timezone.localdate() - 10 * DAY)
    url = reverse("office:organization_listing_remove", args=[org.pk, listing.pk])
    response = client_for(STREET_STAFF).post(url, {"removed_on": (timezone.localdate() + DAY).isoformat(),
                                                   "reason": "已整改"})
    assert response.status_code == 200 and response.context["form"].errors
    listing.refresh_from_db()
    assert listing.removed_on is None
