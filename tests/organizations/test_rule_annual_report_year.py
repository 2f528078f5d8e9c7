"""Rule (issue 15.8): an annual report covers a finished year of an existing organization. The
report for year Y can exist from 1 January of Y + 1 (filed then, due by the deadline), never
for the current or a future year, nor for a year before the organization was established. One
rule (``AnnualReport.clean`` → ``check_report_year``) for the back office, the portal and the
admin."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from apps.organizations import services
from apps.organizations.models import AnnualReport, AnnualReportResult
from apps.organizations.portal_services import annual_report_submit
from tests.organizations.helpers import make_org
from tests.personas import STREET_STAFF

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def org(world):
    return make_org(world.community_a1, name="宝石社区文体协会", founded_on=D(2018, 3, 1))


def _post(client, org, year):
    return client.post(reverse("office:organization_report_create", args=[org.pk]),
                       {"year": year, "result": "qualified", "submitted_on": "2026-04-20"})


def test_the_back_office_refuses_the_current_and_future_years(org, client_for):
    client, year = client_for(STREET_STAFF), timezone.localdate().year
    for refused in (year, year + 1):
        response = _post(client, org, refused)
        assert response.status_code == 200 and response.context["form"].has_error("year")
    assert _post(client, org, year - 1).status_code == 302
    assert list(AnnualReport.objects.values_list("year", flat=True)) == [year - 1]


def test_the_back_office_refuses_a_year_before_the_organization_existed(org, client_for):
    client = client_for(STREET_STAFF)
    response = _post(client, org, 2017)
    assert response.status_code == 200 and response.context["form"].has_error("year")
    assert _post(client, org, 2018).status_code == 302  # the founding year's report covers part of it


def test_the_service_keeps_the_rule_whoever_calls_it(org, world):
    today = timezone.localdate()
    for year in (today.year, 2017):
        report = AnnualReport(organization=org, year=year, result=AnnualReportResult.OVERDUE)
        with pytest.raises(ValidationError) as error:
            services.annual_report_save(report=report, actor=world.user(STREET_STAFF))
        assert "year" in error.value.message_dict
    assert not AnnualReport.objects.exists()


def test_without_a_founding_date_only_the_calendar_limits_the_year(world):
    unknown = make_org(world.community_a1, name="成立日期未录入", founded_on=None)
    year = timezone.localdate().year
    report = AnnualReport(organization=unknown, year=1990, result=AnnualReportResult.OVERDUE)
    assert services.annual_report_save(report=report, actor=world.user(STREET_STAFF)).pk
    with pytest.raises(ValidationError):
        AnnualReport(organization=unknown, year=year, result=AnnualReportResult.OVERDUE).full_clean()


def test_the_portal_refuses_a_year_before_the_organization_existed(org, world):
    pdf = SimpleUploadedFile("report.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    with pytest.raises(ValidationError) as error:
        annual_report_submit(actor=world.user("org_a_admin"), organization=org, year=2017, file=pdf,
                             today=D(2026, 4, 1))
    assert "year" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        annual_report_submit(actor=world.user("org_a_admin"), organization=org, year=2026, file=pdf,
                             today=D(2026, 4, 1))
    assert "year" in error.value.message_dict
    assert annual_report_submit(actor=world.user("org_a_admin"), organization=org, year=2025, file=pdf,
                                today=D(2026, 4, 1)).year == 2025
