"""年报 (DOMAIN §2): late filing makes an organization a candidate for the abnormal list, like a
missing report. ``selectors.late_report_condition`` finds the report on the last due year filed
after its due date; the organization page names the candidacy (``abnormal_list_candidacy``) and
marks the late report, the dashboard counts them and links to the filtered list."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from apps.organizations import selectors
from apps.organizations.models import AnnualReport, AnnualReportResult, CreditListing, CreditListKind, LegalForm
from apps.organizations.models import Organization
from tests.organizations.helpers import make_org
from tests.personas import CITY_STAFF, STREET_STAFF

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture(autouse=True)
def _english_messages():
    """Reasons are asserted in their English source form, whatever the catalog holds."""
    with translation.override("en"):
        yield


DAY = datetime.timedelta(days=1)
ON = D(2026, 11, 22)  # the report on 2025 was due on 31 May 2026 (foundations: 31 March)


def report(org, year, submitted_on, result=AnnualReportResult.QUALIFIED):
    return AnnualReport.objects.create(organization=org, year=year, submitted_on=submitted_on, result=result)


def late(on_date=ON):
    return set(Organization.objects.filter(selectors.late_report_condition(on_date)).values_list("name", flat=True))


@pytest.fixture
def org(world):
    return make_org(world.community_a1, name="迟报协会", founded_on=D(2018, 3, 1))


def test_a_report_filed_after_its_due_date_is_late(org):
    """Failed before: only a missing report was flagged; a late one counted as filed in time."""
    report(org, 2025, D(2026, 6, 10))
    assert late() == {org.name}
    assert selectors.abnormal_list_candidacy(org, on_date=ON) == [
        "The annual report for 2025 was filed on 2026-06-10, after its due date 2026-05-31."]


def test_a_report_filed_on_its_due_date_is_not(org):
    report(org, 2025, D(2026, 5, 31))
    assert late() == set() and selectors.abnormal_list_candidacy(org, on_date=ON) == []


def test_foundations_are_due_on_31_march(world):
    foundation = make_org(world.community_a1, name="迟报基金会", legal_form=LegalForm.FOUNDATION)
    report(foundation, 2025, D(2026, 4, 1))
    assert late() == {foundation.name}


def test_only_the_last_due_year_counts(org):
    report(org, 2024, D(2025, 7, 1))
    report(org, 2025, D(2026, 3, 1))
    assert late() == set()
    assert late(D(2025, 11, 22)) == {org.name}


def test_a_missing_report_is_a_candidacy_too(org):
    assert selectors.abnormal_list_candidacy(org, on_date=ON) == [
        "The annual report for 2025, due on 2026-05-31, was not filed."]


def test_an_organization_on_the_abnormal_list_is_no_longer_a_candidate(org):
    report(org, 2025, D(2026, 6, 10))
    CreditListing.objects.create(organization=org, kind=CreditListKind.ABNORMAL, reason="未按时报送年报",
                                 decision_document="西民异〔2026〕9号", listed_on=D(2026, 7, 1))
    assert selectors.abnormal_list_candidacy(org, on_date=ON) == []


def _late_now(org):
    today = timezone.localdate()
    year = selectors.last_due_report_year(org.legal_form, today)
    due = selectors.report_due_on(org.legal_form, year)
    return report(org, year, due + DAY)


def test_the_organization_page_shows_it(org, client_for):
    _late_now(org)
    page = client_for(STREET_STAFF).get(reverse("office:organization_detail", args=[org.pk])).content.decode()
    assert 'data-testid="abnormal-candidate"' in page and 'data-testid="abnormal-candidacy"' in page
    assert 'data-testid="report-late"' in page


def test_the_dashboard_counts_them_and_links_to_them(org, world, client_for):
    _late_now(org)
    _late_now(make_org(world.community_b1, name="灵隐迟报协会"))
    street = client_for(STREET_STAFF).get(reverse("office:home"))
    assert street.context["board"].alerts.reports_late == 1
    assert client_for(CITY_STAFF).get(reverse("office:home")).context["board"].alerts.reports_late == 2
    url = next(url for _label, _count, url in street.context["alerts"] if "report_late=yes" in url)
    rows = [str(row) for row in client_for(STREET_STAFF).get(url).context["table"].data]
    assert rows == [org.name]
