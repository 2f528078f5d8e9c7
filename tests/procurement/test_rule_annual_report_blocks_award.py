"""Rule (issue 15.4): under 财政部令第102号 a provider keeps its annual reports; a report overdue on
the signing date blocks the award unless an exception is recorded on the contract. Where the
provider is chosen, the award page shows each candidate's grade (3A and above preferred), credit
status, overdue reports and past evaluations, in a number of queries that does not grow with
the candidates."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.organizations.models import (
    AnnualReport, AnnualReportResult, CreditListing, CreditListKind, EvaluationGrade, Penalty,
)
from apps.procurement import services
from apps.procurement.models import Contract, EvaluatorKind, ProjectStatus
from tests.organizations.helpers import make_org
from tests.personas import STREET_STAFF
from tests.procurement import factories

pytestmark = pytest.mark.django_db

EXCEPTION = "该机构系辖区唯一具备助餐资质的组织，年报已于5月补报，经街道党工委会议同意"


@pytest.fixture
def provider(world):
    """A registered social group since 2018 whose reports up to 2022 are filed."""
    world.org_a.founded_on = date(2018, 3, 1)
    world.org_a.save(update_fields=["founded_on"])
    for year in range(2018, 2023):
        AnnualReport.objects.create(organization=world.org_a, year=year, submitted_on=date(year + 1, 4, 1),
                                    result=AnnualReportResult.QUALIFIED)
    return world.org_a


def _report(organization, year, result=AnnualReportResult.QUALIFIED):
    submitted = None if result == AnnualReportResult.OVERDUE else date(year + 1, 4, 1)
    return AnnualReport.objects.create(organization=organization, year=year, submitted_on=submitted, result=result)


def test_an_overdue_annual_report_blocks_the_award(world, provider):
    project = factories.project(world)
    # On 3 March 2025 the report for 2023 (due 31 May 2024) is the last one due: missing.
    with pytest.raises(ValidationError) as error:
        factories.contract(world, project, signed_on=date(2025, 3, 3))
    message = " ".join(error.value.message_dict["annual_report_exception"])
    assert "2023" in message and "2024-05-31" in message
    assert not Contract.objects.exists()
    _report(provider, 2023)
    assert factories.contract(world, project, signed_on=date(2025, 3, 3)).annual_report_exception == ""


def test_reports_are_judged_on_the_signing_date(world, provider):
    _report(provider, 2023)
    # After 31 May 2025 the report for 2024 is due too.
    with pytest.raises(ValidationError) as error:
        factories.contract(world, factories.project(world), signed_on=date(2025, 6, 2),
                           start_date=date(2025, 6, 9), end_date=date(2026, 6, 8))
    assert "2024" in " ".join(error.value.message_dict["annual_report_exception"])


def test_a_report_recorded_as_not_submitted_is_overdue(world, provider):
    _report(provider, 2023, AnnualReportResult.OVERDUE)
    with pytest.raises(ValidationError) as error:
        factories.contract(world, factories.project(world))
    assert "annual_report_exception" in error.value.message_dict


def test_the_award_with_a_recorded_exception(world, provider, client_for):
    contract = factories.contract(world, factories.project(world), annual_report_exception=EXCEPTION)
    assert contract.annual_report_exception == EXCEPTION
    page = client_for(STREET_STAFF).get(reverse("office:procurement_contract_detail", args=[contract.pk]))
    block = page.content.decode().split('data-testid="award-exceptions"')[1].split("</div>")[0]
    assert EXCEPTION in block and "street" in block


# --- Where the provider is chosen -----------------------------------------------------------------

def _evaluated_contract(world, provider, number, score):
    contract = factories.performing_contract(world, provider=provider, number=number)
    services.evaluation_record(actor=world.user(STREET_STAFF), contract=contract,
                               evaluator_kind=EvaluatorKind.PURCHASER, evaluator_name="北山街道",
                               evaluated_on=date(2025, 12, 1), score=Decimal(score), report="服务规范")
    return contract


def _candidate(world, index):
    """An organization with a grade and an evaluated contract, later listed, penalised and (its
    founding date entered) overdue with its reports: every column of the candidates' table."""
    organization = make_org(world.community_a1, name=f"候选机构{index:02d}", founded_on=None)
    EvaluationGrade.objects.create(organization=organization, grade=1 + index % 5, score=500 + 100 * (index % 5),
                                   evaluated_on=date(2024, 6, 1))
    _evaluated_contract(world, organization, f"HT-C{index:02d}", "80")
    organization.founded_on = date(2015, 1, 1)
    organization.save(update_fields=["founded_on"])
    CreditListing.objects.create(organization=organization, kind=CreditListKind.ABNORMAL, reason="年报逾期",
                                 decision_document=f"西民异〔2026〕{index}号", listed_on=date(2026, 1, 5))
    Penalty.objects.create(organization=organization, decided_on=date(2025, 1, 5), kind="警告", reason="x",
                           decision_document=f"西民罚〔2025〕{index}号", is_major=True)
    return organization


def _award_page(client, project):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("office:procurement_contract_award", args=[project.pk]))
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_the_award_page_shows_grade_credit_reports_and_past_evaluations(world, provider, client_for):
    EvaluationGrade.objects.create(organization=provider, grade=4, score=820, evaluated_on=date(2024, 6, 1))
    _report(provider, 2023)  # done when the past contract was signed (2025-03-03) ...
    _evaluated_contract(world, provider, "HT-2025-PAST", "88.5")
    CreditListing.objects.create(organization=world.org_a2, kind=CreditListKind.ABNORMAL, reason="年报逾期",
                                 decision_document="西民异〔2026〕1号", listed_on=date(2026, 1, 5))
    project = factories.project(world, name="新一年助餐服务")
    page, _count = _award_page(client_for(STREET_STAFF), project)
    table = page.split('data-testid="candidates"')[1].split("</table>")[0]

    def row(name):
        return next(row for row in table.split("<tr")[2:] if name in row)

    own = row(provider.name)
    assert "4A" in own and 'data-testid="preferred"' in own and "HT-2025-PAST" in own and "88.50" in own
    assert 'data-testid="credit-flag"' not in own
    overdue = own.split('data-testid="overdue-reports"')[1]
    assert "2025" in overdue and "2026-05-31" in overdue  # ... not today: 2025's report was due 31 May 2026
    listed = row(world.org_a2.name)
    assert 'data-testid="credit-flag"' in listed and "西民异〔2026〕1号" in listed
    assert 'data-testid="preferred"' not in listed


def test_the_award_page_needs_the_same_queries_for_more_candidates(world, client_for):
    client = client_for(STREET_STAFF)
    _candidate(world, 1)
    project = factories.project(world, name="新一年助餐服务")
    _page, few = _award_page(client, project)
    for index in range(2, 9):
        _candidate(world, index)
    page, many = _award_page(client, project)
    assert "候选机构08" in page and "HT-C08" in page and "西民罚〔2025〕8号" in page
    assert many == few


def test_the_chosen_provider_is_listed_when_the_award_is_refused(world, provider, client_for, monkeypatch):
    from apps.procurement import eligibility

    monkeypatch.setattr(eligibility, "CANDIDATES_SHOWN", 1)  # only the best-graded one, org A2
    EvaluationGrade.objects.create(organization=world.org_a2, grade=5, score=950, evaluated_on=date(2024, 6, 1))
    project = factories.project(world)
    response = client_for(STREET_STAFF).post(
        reverse("office:procurement_contract_award", args=[project.pk]),
        {"provider": provider.pk, "number": "HT-1", "amount": "1000", "signed_on": "2025-03-03",
         "start_date": "2025-03-10", "end_date": "2026-03-09", "performance_bond": "0", "content": "服务"})
    assert response.context["form"].has_error("annual_report_exception")
    page = response.content.decode()
    chosen = page.split('data-testid="chosen-candidate"')[1].split("</tr>")[0]
    assert provider.name in chosen and "2024-05-31" in chosen  # judged on the signing date: 2023's report
    assert project.status == ProjectStatus.PROCURING and not Contract.objects.exists()
