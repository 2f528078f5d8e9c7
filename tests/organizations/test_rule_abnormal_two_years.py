"""Credit lists (DOMAIN §2): two years on the 活动异常名录 make an organization a candidate for the
严重违法失信名单. The registration authority decides; the street office sees the flag on the
organization's page and among the dashboard's alerts (``selectors.serious_list_candidate_condition``
and ``serious_list_candidacy``)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.organizations import selectors
from apps.organizations.models import CreditListing, CreditListKind, Organization, OrgStatus, add_years
from tests.organizations.helpers import make_org
from tests.personas import CITY_STAFF, STREET_STAFF

pytestmark = pytest.mark.django_db
D = datetime.date
DAY = datetime.timedelta(days=1)


def listing(org, kind=CreditListKind.ABNORMAL, listed_on=D(2024, 3, 1), removed_on=None):
    return CreditListing.objects.create(
        organization=org, kind=kind, reason="通过登记的住所无法联系", decision_document="西民异〔2024〕3号",
        listed_on=listed_on, removed_on=removed_on, removal_reason="已整改" if removed_on else "")


@pytest.fixture
def org(world):
    return make_org(world.community_a1, name="宝石失联协会")


def candidates(on_date):
    return set(Organization.objects.filter(selectors.serious_list_candidate_condition(on_date))
               .values_list("name", flat=True))


def test_two_full_years_on_the_abnormal_list_make_a_candidate(org):
    """Failed before: nothing read how long an abnormal listing had lasted."""
    abnormal = listing(org, listed_on=D(2024, 3, 1))
    assert selectors.serious_list_candidacy(org, on_date=D(2026, 2, 28)) is None
    assert selectors.serious_list_candidacy(org, on_date=D(2026, 3, 1)) == abnormal
    assert selectors.serious_list_due_on(abnormal) == D(2026, 3, 1)
    assert candidates(D(2026, 2, 28)) == set() and candidates(D(2026, 3, 1)) == {org.name}


def test_a_removed_listing_or_a_serious_listing_ends_the_candidacy(org, world):
    listing(org, listed_on=D(2023, 1, 5), removed_on=D(2024, 6, 1))
    assert candidates(D(2026, 3, 1)) == set()
    listing(org, listed_on=D(2024, 3, 1))
    assert candidates(D(2026, 3, 1)) == {org.name}
    listing(org, kind=CreditListKind.SERIOUS, listed_on=D(2026, 3, 5))
    assert candidates(D(2026, 3, 4)) == {org.name} and candidates(D(2026, 3, 5)) == set()


def test_removal_after_the_day_judged_still_counts(org):
    listing(org, listed_on=D(2024, 3, 1), removed_on=D(2026, 6, 1))
    assert candidates(D(2026, 5, 31)) == {org.name} and candidates(D(2026, 6, 1)) == set()


def test_closed_organizations_are_not_flagged(org):
    listing(org, listed_on=D(2024, 3, 1))
    Organization.objects.filter(pk=org.pk).update(status=OrgStatus.REVOKED)
    assert candidates(D(2026, 3, 1)) == set()


def test_the_organization_page_shows_the_flag(org, client_for):
    today = timezone.localdate()
    listing(org, listed_on=add_years(today, -2))
    url = reverse("office:organization_detail", args=[org.pk]) + "?tab=credit"
    page = client_for(STREET_STAFF).get(url).content.decode()
    assert 'data-testid="serious-candidate"' in page and 'data-testid="serious-candidacy"' in page
    flag = page.split('data-testid="serious-candidacy">', 1)[1].split("</div>", 1)[0]
    assert f"{add_years(today, -2):%Y-%m-%d}" in flag and f"{today:%Y-%m-%d}" in flag

    CreditListing.objects.filter(organization=org).update(listed_on=add_years(today, -2) + DAY)
    page = client_for(STREET_STAFF).get(url).content.decode()
    assert 'data-testid="serious-candidate"' not in page


def test_the_dashboard_counts_them_and_links_to_them(org, world, client_for):
    today = timezone.localdate()
    listing(org, listed_on=add_years(today, -3))
    listing(world.org_b, listed_on=add_years(today, -2))
    listing(world.org_a2, listed_on=today - datetime.timedelta(days=400))
    street = client_for(STREET_STAFF).get(reverse("office:home"))
    assert street.context["board"].alerts.serious_candidates == 1  # org B is in street B
    assert client_for(CITY_STAFF).get(reverse("office:home")).context["board"].alerts.serious_candidates == 2
    links = {label: url for label, _count, url in street.context["alerts"]}
    url = next(url for url in links.values() if "serious_candidate=yes" in url)
    rows = [str(row) for row in client_for(STREET_STAFF).get(url).context["table"].data]
    assert rows == [org.name]
