"""Rule (issue 15.8): an evaluation grade is recorded only for an organization that was eligible
for evaluation on the grade date: ``selectors.grade_eligibility``, the reasons the grades tab
already shows, now enforced by ``services.grade_record`` (the page, the admin and scripts alike).
The grade date cannot be in the future (eligibility would be judged on a day not yet known)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from apps.organizations import selectors, services
from apps.organizations.models import (
    AnnualReport, AnnualReportResult, CreditListing, CreditListKind, EvaluationGrade, Grade,
)
from tests.organizations.helpers import make_org
from tests.personas import STREET_STAFF

pytestmark = pytest.mark.django_db

D = datetime.date
GRADED_ON = D(2026, 6, 1)  # after the 2025 reports were due (31 May)


@pytest.fixture
def org(world):
    return make_org(world.community_a1, name="宝石社区文体协会", founded_on=D(2018, 3, 1))


def _report(org, year, result=AnnualReportResult.QUALIFIED):
    return AnnualReport.objects.create(organization=org, year=year, result=result, submitted_on=D(year + 1, 4, 1))


def _grade(org, world, evaluated_on=GRADED_ON):
    grade = EvaluationGrade(organization=org, grade=Grade.A4, score=830, evaluated_on=evaluated_on,
                            certificate_number="西民评〔2026〕12号", evaluator="西湖区社会组织评估委员会")
    return services.grade_record(grade=grade, actor=world.user(STREET_STAFF))


def test_a_grade_needs_the_last_annual_report(org, world):
    with pytest.raises(ValidationError) as error:
        _grade(org, world)
    assert {item.code for item in error.value.error_list} == {"not_eligible"}
    assert any("2025" in message for message in error.value.messages)
    assert not EvaluationGrade.objects.exists()
    _report(org, 2025)
    assert _grade(org, world).valid_until == D(2031, 6, 1)


@pytest.mark.parametrize("case", ["young", "listed", "unqualified"])
def test_every_reason_of_the_grades_tab_refuses(org, world, case):
    _report(org, 2025)
    if case == "young":
        org.founded_on = D(2025, 1, 1)
        org.save(update_fields=["founded_on"])
    elif case == "listed":
        CreditListing.objects.create(organization=org, kind=CreditListKind.ABNORMAL, reason="住所无法联系",
                                     decision_document="西民异〔2026〕3号", listed_on=D(2026, 3, 1))
    else:
        AnnualReport.objects.filter(organization=org, year=2025).update(result=AnnualReportResult.UNQUALIFIED)
    reasons = selectors.grade_eligibility(org, on_date=GRADED_ON)
    with pytest.raises(ValidationError) as error:
        _grade(org, world)
    assert reasons and all(reason in error.value.messages for reason in reasons)


def test_eligibility_is_judged_on_the_grade_date(org, world):
    _report(org, 2024)  # enough before 31 May 2026, when the 2025 report was not yet due
    assert _grade(org, world, evaluated_on=D(2026, 5, 20)).pk


def test_a_grade_date_in_the_future_is_refused(org, world):
    for year in range(2018, 2030):
        _report(org, year)
    with pytest.raises(ValidationError) as error:
        _grade(org, world, evaluated_on=datetime.date.today() + datetime.timedelta(days=1))
    assert "evaluated_on" in error.value.message_dict


def test_the_grade_page_shows_the_reasons_and_records_nothing(org, client_for):
    response = client_for(STREET_STAFF).post(reverse("office:organization_grade_create", args=[org.pk]), {
        "grade": 4, "score": "830", "evaluated_on": "2026-06-01", "certificate_number": "西民评〔2026〕12号",
        "evaluator": "西湖区社会组织评估委员会"})
    assert response.status_code == 200
    assert any("2025" in error for error in response.context["form"].non_field_errors())
    assert not EvaluationGrade.objects.exists()
