"""DOMAIN §2's rules as selectors and services: deadlines and overdue reports, grade validity
and eligibility, credit status, leaving the serious list, award refusals, status lifecycle."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from apps.organizations import selectors, services
from apps.organizations.models import (
    AnnualReport, AnnualReportDeadline, AnnualReportResult, CreditListing, CreditListKind, CreditStatus,
    EvaluationGrade, LegalForm, Organization, OrgStatus, Penalty,
)
from tests.organizations.helpers import make_org
from tests.personas import STREET_STAFF

D = datetime.date
TODAY = D(2026, 11, 22)


@pytest.fixture
def org(world):
    return make_org(world.community_a1, founded_on=D(2018, 3, 1))


def report(org, year, result=AnnualReportResult.QUALIFIED):
    submitted = None if result == AnnualReportResult.OVERDUE else D(year + 1, 4, 1)
    return AnnualReport.objects.create(organization=org, year=year, result=result, submitted_on=submitted)


def listing(org, kind=CreditListKind.ABNORMAL, listed_on=D(2026, 1, 10), removed_on=None):
    return CreditListing.objects.create(
        organization=org, kind=kind, reason="未按时报送年报", decision_document="西民异〔2026〕1号",
        listed_on=listed_on, removed_on=removed_on, removal_reason="已整改" if removed_on else "")


# --- Annual reports ---------------------------------------------------------------------------

def test_default_deadlines_31_may_and_foundations_31_march(db):
    assert selectors.report_due_on(LegalForm.SOCIAL_GROUP, 2025) == D(2026, 5, 31)
    assert selectors.report_due_on(LegalForm.FOUNDATION, 2025) == D(2026, 3, 31)


def test_deadline_table_overrides_the_default(db):
    AnnualReportDeadline.objects.create(legal_form=LegalForm.SOCIAL_GROUP, month=6, day=30)
    assert selectors.report_due_on(LegalForm.SOCIAL_GROUP, 2025) == D(2026, 6, 30)


def test_deadline_from_settings(db, settings):
    settings.ORGANIZATION_ANNUAL_REPORT_DEADLINES = {"service_institution": (4, 30)}
    assert selectors.report_due_on(LegalForm.SERVICE_INSTITUTION, 2025) == D(2026, 4, 30)
    assert selectors.report_due_on(LegalForm.FOUNDATION, 2025) == D(2026, 5, 31)


def test_last_due_year_turns_over_after_the_deadline(db):
    assert selectors.last_due_report_year(LegalForm.SOCIAL_GROUP, D(2026, 5, 31)) == 2024
    assert selectors.last_due_report_year(LegalForm.SOCIAL_GROUP, D(2026, 6, 1)) == 2025
    assert selectors.last_due_report_year(LegalForm.FOUNDATION, D(2026, 4, 1)) == 2025


def test_overdue_flag(org):
    assert selectors.is_annual_report_overdue(org, on_date=TODAY)
    report(org, 2025)
    assert not selectors.is_annual_report_overdue(org, on_date=TODAY)


def test_report_recorded_as_not_submitted_is_still_overdue(org):
    report(org, 2025, AnnualReportResult.OVERDUE)
    assert selectors.is_annual_report_overdue(org, on_date=TODAY)


def test_no_report_due_before_the_deadline_or_for_a_new_organization(world, org):
    report(org, 2024)
    assert not selectors.is_annual_report_overdue(org, on_date=D(2026, 5, 20))  # 2025's not due yet
    young = make_org(world.community_a1, name="新成立协会", founded_on=D(2026, 2, 1))
    assert not selectors.is_annual_report_overdue(young, on_date=TODAY)


def test_filed_groups_and_closed_organizations_are_never_overdue(world):
    filed = make_org(world.community_a1, name="备案队", legal_form=LegalForm.FILED_COMMUNITY, filing_number="备1")
    closed = make_org(world.community_a1, name="已注销", status=OrgStatus.DEREGISTERED)
    assert not selectors.is_annual_report_overdue(filed, on_date=TODAY)
    assert not selectors.is_annual_report_overdue(closed, on_date=TODAY)


# --- Grades -----------------------------------------------------------------------------------

def test_grade_is_valid_five_years_and_flagged_six_months_before(org):
    grade = EvaluationGrade.objects.create(organization=org, grade=4, score=850, evaluated_on=D(2022, 3, 1))
    assert grade.valid_until == D(2027, 3, 1)
    assert selectors.current_grade(org, on_date=D(2027, 2, 28)) == grade
    assert selectors.current_grade(org, on_date=D(2027, 3, 1)) is None
    assert selectors.current_grade(org, on_date=D(2021, 12, 31)) is None
    assert not selectors.grade_expires_soon(grade, on_date=D(2026, 8, 31))
    assert selectors.grade_expires_soon(grade, on_date=D(2026, 9, 1))


def test_current_grade_is_the_newest_valid_one(org):
    EvaluationGrade.objects.create(organization=org, grade=3, score=750, evaluated_on=D(2021, 3, 1))
    newer = EvaluationGrade.objects.create(organization=org, grade=4, score=820, evaluated_on=D(2024, 3, 1))
    assert selectors.current_grade(org, on_date=TODAY) == newer


def test_score_cut_offs_are_local(settings):
    assert selectors.grade_for_score(900) == 5
    assert selectors.grade_for_score(899.5) == 4
    assert selectors.grade_for_score(100) is None
    settings.ORGANIZATION_GRADE_CUTOFFS = {5: 950, 4: 850, 3: 750, 2: 650, 1: 550}
    assert selectors.grade_for_score(900) == 4


def test_eligible_with_two_full_years_and_good_reports(org):
    report(org, 2024)
    report(org, 2025, AnnualReportResult.BASICALLY_QUALIFIED)
    assert selectors.grade_eligibility(org, on_date=TODAY) == []


def test_two_full_years_registered_are_needed(world):
    org = make_org(world.community_a1, founded_on=D(2024, 6, 1))
    report(org, 2025)
    assert len(selectors.grade_eligibility(org, on_date=TODAY)) == 1
    # 2025 and 2026 are two full years; the 2026 report is not due yet.
    assert selectors.grade_eligibility(org, on_date=D(2027, 1, 2)) == []
    org.founded_on = D(2024, 1, 1)
    assert selectors.grade_eligibility(org, on_date=TODAY) == []
    org.founded_on = D(2024, 1, 2)
    assert len(selectors.grade_eligibility(org, on_date=TODAY)) == 1


@pytest.mark.parametrize("results", [
    {2025: None},
    {2025: AnnualReportResult.OVERDUE},
    {2025: AnnualReportResult.UNQUALIFIED},
    {2024: AnnualReportResult.BASICALLY_QUALIFIED, 2025: AnnualReportResult.BASICALLY_QUALIFIED},
])
def test_bad_reports_make_ineligible(org, results):
    for year, result in results.items():
        if result is not None:
            report(org, year, result)
    assert len(selectors.grade_eligibility(org, on_date=TODAY)) == 1


def test_recent_penalty_or_credit_listing_makes_ineligible(org):
    report(org, 2025)
    Penalty.objects.create(organization=org, decided_on=D(2025, 2, 1), kind="警告", reason="x", decision_document="y")
    assert len(selectors.grade_eligibility(org, on_date=TODAY)) == 1
    assert selectors.grade_eligibility(org, on_date=D(2027, 1, 2)) == []  # penalised before last year
    listing(org)
    assert len(selectors.grade_eligibility(org, on_date=TODAY)) == 2


def test_old_penalty_does_not_count(org):
    report(org, 2025)
    Penalty.objects.create(organization=org, decided_on=D(2023, 12, 31), kind="警告", reason="x", decision_document="y")
    assert selectors.grade_eligibility(org, on_date=TODAY) == []


def test_unregistered_and_closed_organizations_are_not_evaluated(world):
    team = make_org(world.community_a1, name="队", legal_form=LegalForm.COMMUNITY_TEAM)
    assert selectors.grade_eligibility(team, on_date=TODAY)
    closed = make_org(world.community_a1, name="撤", status=OrgStatus.REVOKED)
    report(closed, 2025)
    assert len(selectors.grade_eligibility(closed, on_date=TODAY)) == 1


# --- Credit -----------------------------------------------------------------------------------

def test_credit_status_derives_from_open_listings(org, world):
    assert selectors.credit_status(org, on_date=TODAY) == CreditStatus.NORMAL
    abnormal = listing(org)
    assert selectors.credit_status(org, on_date=TODAY) == CreditStatus.ABNORMAL
    listing(org, CreditListKind.SERIOUS, listed_on=D(2026, 3, 1))
    assert selectors.credit_status(org, on_date=TODAY) == CreditStatus.SERIOUS
    annotated = Organization.objects.with_credit_status().get(pk=org.pk)
    assert annotated.credit_status == CreditStatus.SERIOUS
    services.credit_listing_remove(listing=abnormal, removed_on=D(2026, 6, 1), reason="已整改", actor=world.user(STREET_STAFF))
    assert selectors.credit_status(org, on_date=D(2026, 2, 1)) == CreditStatus.ABNORMAL  # as at an earlier day


def test_one_open_listing_per_list(org, world):
    listing(org)
    with pytest.raises(IntegrityError), transaction.atomic():
        listing(org, listed_on=D(2026, 2, 1))
    with pytest.raises(ValidationError):
        services.credit_listing_add(listing=CreditListing(
            organization=org, kind=CreditListKind.ABNORMAL, reason="r", decision_document="d", listed_on=TODAY),
            actor=world.user(STREET_STAFF))


def test_leaving_the_serious_list_needs_two_years(org, world):
    serious = listing(org, CreditListKind.SERIOUS, listed_on=D(2024, 12, 1))
    with pytest.raises(ValidationError) as error:
        services.credit_listing_remove(listing=serious, removed_on=D(2026, 11, 30), reason="信用修复", actor=world.user(STREET_STAFF))
    assert error.value.code == "too_early"
    services.credit_listing_remove(listing=serious, removed_on=D(2026, 12, 1), reason="信用修复", actor=world.user(STREET_STAFF))
    serious.refresh_from_db()
    assert serious.removed_on == D(2026, 12, 1)


def test_abnormal_list_can_be_left_at_once_but_needs_a_reason(org, world):
    abnormal = listing(org)
    with pytest.raises(ValidationError):
        services.credit_listing_remove(listing=abnormal, removed_on=D(2026, 1, 11), reason=" ", actor=world.user(STREET_STAFF))
    with pytest.raises(ValidationError):
        services.credit_listing_remove(listing=abnormal, removed_on=D(2026, 1, 9), reason="早于列入", actor=world.user(STREET_STAFF))
    services.credit_listing_remove(listing=abnormal, removed_on=D(2026, 1, 11), reason="已补报年报", actor=world.user(STREET_STAFF))


# --- Award refusals (used by procurement) -------------------------------------------------------

def test_a_normal_clean_organization_may_be_awarded(org):
    assert selectors.award_refusals(org, on_date=TODAY) == []


@pytest.mark.parametrize("kind", list(CreditListKind))
def test_any_open_listing_refuses(org, kind):
    listing(org, kind)
    assert len(selectors.award_refusals(org, on_date=TODAY)) == 1


def test_a_removed_serious_listing_refuses_for_three_years_after_listing(org):
    listing(org, CreditListKind.SERIOUS, listed_on=D(2023, 1, 10), removed_on=D(2025, 2, 1))
    assert len(selectors.award_refusals(org, on_date=D(2026, 1, 9))) == 1
    assert selectors.award_refusals(org, on_date=D(2026, 1, 10)) == []


def test_a_removed_abnormal_listing_does_not_refuse(org):
    listing(org, removed_on=D(2026, 3, 1))
    assert selectors.award_refusals(org, on_date=TODAY) == []


def test_major_penalty_within_three_years_refuses(org):
    Penalty.objects.create(organization=org, decided_on=D(2024, 1, 5), kind="罚款", reason="x",
                           decision_document="西民罚〔2024〕3号", is_major=True)
    Penalty.objects.create(organization=org, decided_on=D(2025, 1, 5), kind="警告", reason="x",
                           decision_document="西民罚〔2025〕1号", is_major=False)
    assert len(selectors.award_refusals(org, on_date=TODAY)) == 1
    assert selectors.award_refusals(org, on_date=D(2027, 1, 5)) == []


@pytest.mark.parametrize("status", [s for s in OrgStatus if s != OrgStatus.NORMAL])
def test_status_other_than_normal_refuses(org, status):
    org.status = status
    assert len(selectors.award_refusals(org, on_date=TODAY)) == 1


# --- Status lifecycle -------------------------------------------------------------------------

def test_status_change_records_reason_and_date(org, world):
    change = services.organization_status_change(
        organization=org, to_status=OrgStatus.CHANGING, changed_on=D(2026, 10, 1), reason="变更住所",
        actor=world.user("street_staff"))
    org.refresh_from_db()
    assert (org.status, org.status_changed_on) == (OrgStatus.CHANGING, D(2026, 10, 1))
    assert (change.from_status, change.to_status, change.reason) == (OrgStatus.NORMAL, OrgStatus.CHANGING, "变更住所")


@pytest.mark.parametrize("from_status, to_status", [
    (OrgStatus.DEREGISTERED, OrgStatus.NORMAL),  # closed is final
    (OrgStatus.NORMAL, OrgStatus.FILING_REVOKED),  # only filed groups lose a filing
    (OrgStatus.NORMAL, OrgStatus.PREPARING),
])
def test_impossible_transitions_are_refused(org, world, from_status, to_status):
    Organization.objects.filter(pk=org.pk).update(status=from_status)
    with pytest.raises(ValidationError):
        services.organization_status_change(organization=org, to_status=to_status, changed_on=TODAY, reason="r",
                                            actor=world.user(STREET_STAFF))


def test_filed_group_loses_its_filing_but_is_not_deregistered(world):
    filed = make_org(world.community_a1, name="备案", legal_form=LegalForm.FILED_COMMUNITY, filing_number="F1")
    assert OrgStatus.DEREGISTERED not in services.allowed_next_statuses(filed)
    services.organization_status_change(organization=filed, to_status=OrgStatus.FILING_REVOKED, changed_on=TODAY,
                                        reason="长期不活动", actor=world.user(STREET_STAFF))


def test_status_change_needs_a_reason_and_a_date_not_before_the_current_status(org, world):
    org.status_changed_on = D(2026, 1, 1)
    org.save()
    with pytest.raises(ValidationError):
        services.organization_status_change(organization=org, to_status=OrgStatus.CHANGING, changed_on=TODAY,
                                            reason="  ", actor=world.user(STREET_STAFF))
    with pytest.raises(ValidationError):
        services.organization_status_change(organization=org, to_status=OrgStatus.CHANGING,
                                            changed_on=D(2025, 12, 31), reason="r", actor=world.user(STREET_STAFF))


def test_database_refuses_inconsistent_rows(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Organization.objects.create(name="x", area=world.community_a1, legal_form=LegalForm.FILED_COMMUNITY,
                                    credit_code="513301060000000000")
    with pytest.raises(IntegrityError), transaction.atomic():
        Organization.objects.create(name="x", area=world.community_a1, certificate_variant="partnership")
