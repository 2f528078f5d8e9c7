import datetime
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from apps.procurement import selectors, services
from apps.procurement.models import (
    AcceptanceResult, EvaluatorKind, PaymentCondition, ProjectStatus, ReportStatus, TargetKind,
)
from tests.personas import ORG_A_ADMIN, ORG_A_VIEWER, ORG_B_ADMIN, STREET_STAFF
from tests.procurement import factories


def staff(world):
    return world.user(STREET_STAFF)


# --- KPI actuals from linked activity records ----------------------------------------------------

def _link(activity, contract):
    activity.contract = contract
    activity.save()


def test_kpi_actuals_equal_counts_of_linked_records(world):
    from apps.activities.models import ServiceRecord
    from tests.volunteers.factories import make_activity, make_volunteer

    assert selectors.activity_link_available()
    contract = factories.performing_contract(world)
    other = factories.performing_contract(world, number="XH-2025-009")
    for kind, value in [(TargetKind.SERVICE_SESSIONS, "24"), (TargetKind.PEOPLE_SERVED, "300"),
                        (TargetKind.VOLUNTEER_HOURS, "200")]:
        services.target_set(actor=staff(world), contract=contract, kind=kind, target_value=Decimal(value))
    volunteers = [make_volunteer(world.community_a1, organization=world.org_a) for _ in range(3)]
    start = timezone.make_aware(datetime.datetime(2025, 4, 1, 9, 0))
    linked = []
    for day, (people, cancelled) in enumerate([(12, False), (30, False), (None, False), (50, True)]):
        activity = make_activity(world.org_a, start=start + datetime.timedelta(days=day), hours=3,
                                 name=f"助餐服务第{day + 1}次")
        activity.beneficiary_count, activity.is_cancelled = people, cancelled
        _link(activity, contract)
        linked.append(activity)
    unlinked = make_activity(world.org_a, start=start + datetime.timedelta(days=10))
    unlinked.beneficiary_count = 99
    _link(unlinked, other)
    statuses = ["confirmed", "confirmed", "pending", "confirmed"]
    for activity, status, hours in [(linked[0], statuses[0], "2.5"), (linked[1], statuses[1], "3"),
                                    (linked[1], statuses[2], "1"), (unlinked, statuses[3], "3")]:
        volunteer = volunteers[len(ServiceRecord.objects.filter(activity=activity))]
        ServiceRecord.objects.create(
            volunteer=volunteer, activity=activity, started_at=activity.starts_at, ended_at=activity.ends_at,
            hours=Decimal(hours), status=status,
        )
    progress = {row.target.kind: row for row in selectors.target_progress([contract])[contract.pk]}
    assert progress[TargetKind.SERVICE_SESSIONS].actual == 3  # the cancelled one does not count
    assert progress[TargetKind.PEOPLE_SERVED].actual == 42
    assert progress[TargetKind.VOLUNTEER_HOURS].actual == Decimal("5.5")  # confirmed only
    assert progress[TargetKind.SERVICE_SESSIONS].percent == 12


def test_custom_counted_item_is_entered_by_staff(world):
    contract = factories.performing_contract(world)
    target = services.target_set(actor=staff(world), contract=contract, kind=TargetKind.CUSTOM,
                                 target_value=Decimal("40"), name="入户探访", unit="户次")
    services.target_count_record(actor=staff(world), target=target, manual_actual=Decimal("10"))
    [row] = selectors.target_progress([contract])[contract.pk]
    assert row.actual == 10 and row.percent == 25 and row.bar_width == 25
    sessions = services.target_set(actor=staff(world), contract=contract, kind=TargetKind.SERVICE_SESSIONS,
                                   target_value=Decimal("5"))
    with pytest.raises(ValidationError):
        services.target_count_record(actor=staff(world), target=sessions, manual_actual=Decimal("3"))
    with pytest.raises(ValidationError):
        services.target_set(actor=staff(world), contract=contract, kind=TargetKind.SERVICE_SESSIONS,
                            target_value=Decimal("6"))
    with pytest.raises(ValidationError):
        services.target_set(actor=staff(world), contract=contract, kind=TargetKind.CUSTOM, target_value=Decimal("6"))


# --- Payments ------------------------------------------------------------------------------------

def test_payments_follow_their_condition_and_never_exceed_the_contract(world):
    contract = factories.performing_contract(world, amount="100000")
    first = services.payment_plan(actor=staff(world), contract=contract, name="首付款", condition=PaymentCondition.SIGNING,
                                  planned_amount=Decimal("30000"), planned_on=date(2025, 3, 20))
    last = services.payment_plan(actor=staff(world), contract=contract, name="尾款",
                                 condition=PaymentCondition.ACCEPTANCE, planned_amount=Decimal("70000"),
                                 planned_on=date(2026, 3, 20))
    with pytest.raises(ValidationError):
        services.payment_plan(actor=staff(world), contract=contract, name="多余", condition=PaymentCondition.OTHER,
                              planned_amount=Decimal("0.01"), planned_on=date(2026, 3, 20))
    with pytest.raises(ValidationError, match="acceptance"):
        services.payment_record(actor=staff(world), payment=last, paid_amount=Decimal("70000"), paid_on=date(2026, 3, 1))
    services.payment_record(actor=staff(world), payment=first, paid_amount=Decimal("30000"), paid_on=date(2025, 3, 20))
    with pytest.raises(ValidationError, match="already"):
        services.payment_record(actor=staff(world), payment=first, paid_amount=Decimal("1"), paid_on=date(2025, 3, 21))
    spend = selectors.project_spend(contract.project)
    assert (spend.committed, spend.planned, spend.paid) == (Decimal("100000"), Decimal("100000"), Decimal("30000"))


# --- Progress reports ----------------------------------------------------------------------------

def test_provider_submits_reports_and_staff_review(world):
    contract = factories.performing_contract(world)

    def submit(persona):
        return services.progress_report_submit(actor=world.user(persona), contract=contract,
                                               period_start=date(2025, 3, 10), period_end=date(2025, 6, 9),
                                               summary="完成助餐服务 1200 人次")

    report = submit(ORG_A_ADMIN)
    for persona in (ORG_A_VIEWER, ORG_B_ADMIN):
        with pytest.raises(PermissionDenied):
            submit(persona)
    with pytest.raises(PermissionDenied):  # providers do not review
        services.progress_report_review(actor=world.user(ORG_A_ADMIN), report=report, accept=True)
    with pytest.raises(ValidationError) as error:
        services.progress_report_review(actor=staff(world), report=report, accept=False, comment="")
    assert "comment" in error.value.message_dict
    services.progress_report_review(actor=staff(world), report=report, accept=False, comment="缺少服务对象签字")
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED and report.reviewed_by == staff(world)
    with pytest.raises(ValidationError):
        services.progress_report_review(actor=staff(world), report=report, accept=True)
    second = submit(STREET_STAFF)  # a paper report entered by staff
    services.progress_report_review(actor=staff(world), report=second, accept=True)
    assert contract.reports.count() == 2  # the returned one is kept


# --- Acceptance, evaluation, closing -------------------------------------------------------------

def _to_awaiting_acceptance(world, contract):
    services.project_transition(actor=staff(world), project=contract.project,
                                to_status=ProjectStatus.AWAITING_ACCEPTANCE)


def _accept(world, contract, result=AcceptanceResult.PASSED):
    return services.acceptance_record(
        actor=staff(world), contract=contract, accepted_on=date(2026, 3, 15), result=result,
        beneficiary_opinions="服务对象满意度 96%，希望增加助浴服务", beneficiaries_consulted=50,
        summary="全部指标完成", published_on=date(2026, 3, 18),
    )


def test_acceptance_moves_the_project_only_when_passed(world):
    contract = factories.performing_contract(world)
    with pytest.raises(ValidationError):
        _accept(world, contract)  # not yet awaiting acceptance
    _to_awaiting_acceptance(world, contract)
    _accept(world, contract, AcceptanceResult.FAILED)
    contract.project.refresh_from_db()
    assert contract.project.status == ProjectStatus.AWAITING_ACCEPTANCE
    _accept(world, contract)
    contract.project.refresh_from_db()
    assert contract.project.status == ProjectStatus.ACCEPTED


def test_weighted_evaluation_total(world):
    contract = factories.performing_contract(world)
    for kind, score in [(EvaluatorKind.PURCHASER, "90"), (EvaluatorKind.THIRD_PARTY, "80")]:
        services.evaluation_record(actor=staff(world), contract=contract, evaluator_kind=kind, evaluator_name="评估方",
                                   evaluated_on=date(2026, 3, 20), score=Decimal(score), report="报告")
    partial = selectors.weighted_score(contract.evaluations.all())
    assert partial.total == Decimal("85.00") and not partial.complete
    services.evaluation_record(actor=staff(world), contract=contract, evaluator_kind=EvaluatorKind.BENEFICIARIES,
                               evaluator_name="服务对象代表", evaluated_on=date(2026, 3, 20), score=Decimal("100"),
                               report="满意")
    full = selectors.weighted_score(contract.evaluations.all())
    assert full.total == Decimal("88.00") and full.complete  # 0.4×90 + 0.4×80 + 0.2×100
    with pytest.raises(ValidationError):
        services.evaluation_record(actor=staff(world), contract=contract, evaluator_kind=EvaluatorKind.PURCHASER,
                                   evaluator_name="x", evaluated_on=date(2026, 3, 20), score=Decimal("1"), report="x")
    with pytest.raises(ValidationError):
        services.evaluation_record(actor=staff(world), contract=contract, evaluator_kind="third_party",
                                   evaluator_name="x", evaluated_on=date(2026, 3, 20), score=Decimal("101"), report="x")


def test_closing_needs_an_evaluation_and_every_payment_made(world):
    contract = factories.performing_contract(world, amount="100000")
    payment = services.payment_plan(actor=staff(world), contract=contract, name="尾款",
                                    condition=PaymentCondition.ACCEPTANCE, planned_amount=Decimal("100000"),
                                    planned_on=date(2026, 3, 20))
    _to_awaiting_acceptance(world, contract)
    _accept(world, contract)
    project = contract.project

    def close():
        services.project_transition(actor=staff(world), project=project, to_status=ProjectStatus.CLOSED)

    with pytest.raises(ValidationError, match="evaluation"):
        close()
    services.evaluation_record(actor=staff(world), contract=contract, evaluator_kind=EvaluatorKind.PURCHASER,
                               evaluator_name="北山街道", evaluated_on=date(2026, 3, 20), score=Decimal("92"),
                               report="良好")
    with pytest.raises(ValidationError, match="unpaid"):
        close()
    services.payment_record(actor=staff(world), payment=payment, paid_amount=Decimal("100000"),
                            paid_on=date(2026, 3, 25))
    close()
    project.refresh_from_db()
    assert project.status == ProjectStatus.CLOSED and project.is_final


def test_contracts_and_evaluations_appear_on_the_organization_record(world):
    contract = factories.performing_contract(world)
    services.evaluation_record(actor=staff(world), contract=contract, evaluator_kind=EvaluatorKind.PURCHASER,
                               evaluator_name="北山街道", evaluated_on=date(2026, 3, 20), score=Decimal("92"),
                               report="良好")
    [on_record] = selectors.organization_contracts(world.org_a)
    assert on_record == contract and on_record.weighted.total == Decimal("92.00")
    assert selectors.organization_contracts(world.org_b) == []
