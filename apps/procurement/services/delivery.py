from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.formats import format_amount

from ..models import (
    Acceptance, AcceptanceResult, Contract, Evaluation, PaymentCondition, PaymentMilestone, PerformanceTarget,
    ProgressReport, Project, ProjectStatus, ReportStatus, TargetKind,
)
from ..permissions import can_manage_area, is_provider_editor, require_manager
from .contracts import contract_total

DELIVERY_STATUSES = {ProjectStatus.CONTRACTED, ProjectStatus.PERFORMING, ProjectStatus.AWAITING_ACCEPTANCE}
EVALUATION_STATUSES = {
    ProjectStatus.PERFORMING, ProjectStatus.AWAITING_ACCEPTANCE, ProjectStatus.ACCEPTED,
}
ZERO = Decimal("0")


def _locked_contract(contract: Contract) -> Contract:
    return Contract.objects.select_for_update().select_related("project__purchaser", "provider").get(pk=contract.pk)


def _require_status(contract: Contract, statuses, message):
    if contract.project.status not in statuses:
        raise ValidationError(message % {"status": contract.project.get_status_display()})


# --- Targets ------------------------------------------------------------------------------------

@transaction.atomic
def target_set(
    *, actor, contract: Contract, kind: str, target_value: Decimal, name: str = "", unit: str = "",
) -> PerformanceTarget:
    contract = _locked_contract(contract)
    require_manager(actor, contract.project.purchaser)
    _require_status(contract, DELIVERY_STATUSES, _("Targets are set while the contract runs (now “%(status)s”)."))
    if kind != TargetKind.CUSTOM and contract.targets.filter(kind=kind).exists():
        raise ValidationError({"kind": _("This contract already has a target for this indicator.")})
    target = PerformanceTarget(contract=contract, kind=kind, target_value=target_value,
                               name=name.strip() if kind == TargetKind.CUSTOM else "", unit=unit.strip())
    target.full_clean()
    target.save()
    return target


@transaction.atomic
def target_count_record(*, actor, target: PerformanceTarget, manual_actual: Decimal) -> PerformanceTarget:
    """Custom counted items only; the standard indicators are counted from activity records."""
    target = PerformanceTarget.objects.select_for_update().select_related("contract__project__purchaser").get(
        pk=target.pk)
    require_manager(actor, target.contract.project.purchaser)
    if target.kind != TargetKind.CUSTOM:
        raise ValidationError(_("This indicator is counted from the activity records linked to the contract."))
    if manual_actual is None or manual_actual < 0:
        raise ValidationError({"manual_actual": _("The count cannot be negative.")})
    target.manual_actual = manual_actual
    target.full_clean()
    target.save()
    return target


# --- Payments -----------------------------------------------------------------------------------

@transaction.atomic
def payment_plan(
    *, actor, contract: Contract, name: str, condition: str, planned_amount: Decimal, planned_on: date,
) -> PaymentMilestone:
    contract = _locked_contract(contract)
    require_manager(actor, contract.project.purchaser)
    _require_status(contract, DELIVERY_STATUSES | {ProjectStatus.ACCEPTED},
                    _("Payments cannot be planned now (the project is “%(status)s”)."))
    planned = contract.payments.aggregate(total=Sum("planned_amount"))["total"] or ZERO
    total = contract_total(contract)
    if planned_amount is not None and planned + planned_amount > total:
        raise ValidationError({"planned_amount": _("Planned payments would exceed the contract total of %(total)s "
                                                   "(%(planned)s already planned).")
                               % {"total": format_amount(total), "planned": format_amount(planned)}})
    payment = PaymentMilestone(contract=contract, name=name, condition=condition,
                               planned_amount=planned_amount, planned_on=planned_on)
    payment.full_clean()
    payment.save()
    return payment


@transaction.atomic
def payment_record(
    *, actor, payment: PaymentMilestone, paid_amount: Decimal, paid_on: date, voucher: str = "",
) -> PaymentMilestone:
    """Record a payment made. Its condition must have been met, it is at most its planned amount,
    and the contract total (with supplementary agreements) is never exceeded."""
    payment = PaymentMilestone.objects.select_for_update().get(pk=payment.pk)
    contract = _locked_contract(payment.contract)
    require_manager(actor, contract.project.purchaser)
    if payment.is_paid:
        raise ValidationError(_("This payment is already recorded."))
    if paid_amount is None or paid_amount <= 0:
        raise ValidationError({"paid_amount": _("The amount must be positive.")})
    if paid_on < contract.signed_on:
        raise ValidationError({"paid_on": _("A payment cannot predate the contract.")})
    if payment.condition == PaymentCondition.ACCEPTANCE and not contract.acceptances.exclude(
            result=AcceptanceResult.FAILED).exists():
        raise ValidationError(_("This payment is due after acceptance, and the contract has not passed acceptance."))
    if payment.condition == PaymentCondition.MIDTERM and not (
            contract.evaluations.exists() or contract.reports.filter(status=ReportStatus.ACCEPTED).exists()):
        raise ValidationError(_("This payment is due after the mid-term evaluation: accept a progress report or "
                                "record an evaluation first."))
    if paid_amount > payment.planned_amount:
        # Paying more than planned changes the contract's money: that is a supplementary agreement
        # (within its 10 % limit) and a payment planned for it, never a larger payment here.
        raise ValidationError({"paid_amount": _(
            "The payment exceeds the %(planned)s planned for this milestone: paying more needs a "
            "supplementary agreement and a payment planned for it."
        ) % {"planned": format_amount(payment.planned_amount)}})
    paid = contract.payments.aggregate(total=Sum("paid_amount"))["total"] or ZERO
    total = contract_total(contract)
    if paid + paid_amount > total:
        raise ValidationError({"paid_amount": _("Payments would exceed the contract total of %(total)s yuan "
                                                "(%(paid)s yuan already paid).") % {"total": total, "paid": paid}})
    payment.paid_amount, payment.paid_on, payment.voucher = paid_amount, paid_on, voucher.strip()
    payment.full_clean()
    payment.save()
    return payment


# --- Progress reports ---------------------------------------------------------------------------

@transaction.atomic
def progress_report_submit(
    *, actor, contract: Contract, period_start: date, period_end: date, summary: str, problems: str = "",
) -> ProgressReport:
    """The provider submits (an editor of the provider organization, or staff entering a
    report handed in on paper)."""
    contract = _locked_contract(contract)
    if not (is_provider_editor(actor, contract.provider) or can_manage_area(actor, contract.project.purchaser)):
        raise PermissionDenied(_("Only the provider's editors or the purchaser's staff may submit a report."))
    _require_status(contract, DELIVERY_STATUSES, _("Reports are submitted while the contract runs (now “%(status)s”)."))
    report = ProgressReport(contract=contract, period_start=period_start, period_end=period_end,
                            summary=summary, problems=problems, submitted_by=actor)
    report.full_clean()
    report.save()
    return report


@transaction.atomic
def progress_report_review(*, actor, report: ProgressReport, accept: bool, comment: str = "") -> ProgressReport:
    report = ProgressReport.objects.select_for_update().select_related("contract__project__purchaser").get(
        pk=report.pk)
    require_manager(actor, report.contract.project.purchaser)
    if report.status != ReportStatus.SUBMITTED:
        raise ValidationError(_("This report has already been reviewed."))
    comment = comment.strip()
    if not accept and not comment:
        raise ValidationError({"comment": _("Say what the provider must improve when returning a report.")})
    report.status = ReportStatus.ACCEPTED if accept else ReportStatus.RETURNED
    report.review_comment, report.reviewed_by, report.reviewed_at = comment, actor, timezone.now()
    report.full_clean()
    report.save()
    return report


# --- Acceptance and evaluation ------------------------------------------------------------------

@transaction.atomic
def acceptance_record(
    *, actor, contract: Contract, accepted_on: date, result: str, beneficiary_opinions: str, summary: str,
    beneficiaries_consulted: int = 0, published_on: date | None = None,
) -> Acceptance:
    """Record an acceptance. When every contract of the project has passed, the project
    becomes "accepted"; a failed acceptance leaves it waiting (or back to performing)."""
    contract = _locked_contract(contract)
    project = Project.objects.select_for_update().get(pk=contract.project_id)
    require_manager(actor, project.purchaser)
    if project.status != ProjectStatus.AWAITING_ACCEPTANCE:
        raise ValidationError(_("Acceptance is recorded when the project awaits acceptance (now “%(status)s”).")
                              % {"status": project.get_status_display()})
    if published_on is not None and published_on < accepted_on:
        raise ValidationError({"published_on": _("The result cannot be published before the acceptance.")})
    acceptance = Acceptance(
        contract=contract, accepted_on=accepted_on, result=result, beneficiary_opinions=beneficiary_opinions.strip(),
        beneficiaries_consulted=beneficiaries_consulted, summary=summary, published_on=published_on,
        recorded_by=actor,
    )
    acceptance.full_clean()
    acceptance.save()
    passed = Acceptance.objects.filter(contract__project=project).exclude(result=AcceptanceResult.FAILED)
    if not project.contracts.exclude(pk__in=passed.values("contract_id")).exists():
        project.status = ProjectStatus.ACCEPTED
        project.full_clean()
        project.save()
    return acceptance


@transaction.atomic
def evaluation_record(
    *, actor, contract: Contract, evaluator_kind: str, evaluator_name: str, evaluated_on: date, score: Decimal,
    report: str,
) -> Evaluation:
    contract = _locked_contract(contract)
    require_manager(actor, contract.project.purchaser)
    _require_status(contract, EVALUATION_STATUSES,
                    _("Performance is evaluated during or after delivery, before closing (now “%(status)s”)."))
    if contract.evaluations.filter(evaluator_kind=evaluator_kind).exists():
        raise ValidationError({"evaluator_kind": _("This contract already has an evaluation by this evaluator.")})
    evaluation = Evaluation(contract=contract, evaluator_kind=evaluator_kind, evaluator_name=evaluator_name,
                            evaluated_on=evaluated_on, score=score, report=report, recorded_by=actor)
    evaluation.full_clean()
    try:
        with transaction.atomic():
            evaluation.save()
    except IntegrityError:  # a concurrent evaluation of the same kind won
        raise ValidationError({"evaluator_kind": _("This contract already has an evaluation by this evaluator.")})
    return evaluation
