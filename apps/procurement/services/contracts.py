from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.formats import format_amount
from apps.organizations.selectors import award_refusals, current_grade

from .. import rules
from ..eligibility import ANNUAL_REPORT, BACKDATING, check_award_exceptions, check_signing_date
from ..models import Contract, Project, ProjectStatus, SupplementaryAgreement
from ..permissions import require_manager
from ..workdays import contract_deadlines

AWARDABLE_STATUSES = {ProjectStatus.PROCURING, ProjectStatus.CONTRACTED}
AMENDABLE_STATUSES = {ProjectStatus.CONTRACTED, ProjectStatus.PERFORMING, ProjectStatus.AWAITING_ACCEPTANCE}
ZERO = Decimal("0")


def contract_total(contract: Contract) -> Decimal:
    """The original amount plus every supplementary agreement."""
    extra = contract.supplements.aggregate(total=Sum("amount"))["total"] or ZERO
    return contract.amount + extra


def project_committed(project: Project) -> Decimal:
    """What the project's contracts and their supplementary agreements have committed."""
    contracts = Contract.objects.filter(project=project).aggregate(total=Sum("amount"))["total"] or ZERO
    supplements = SupplementaryAgreement.objects.filter(contract__project=project).aggregate(
        total=Sum("amount"))["total"] or ZERO
    return contracts + supplements


def _check_budget(project: Project, amount: Decimal, field: str):
    remaining = project.budget_amount - project_committed(project)
    if amount > remaining:
        raise ValidationError({field: _("%(amount)s exceeds the project's remaining budget of %(remaining)s.") % {
            "amount": format_amount(amount), "remaining": format_amount(remaining)}})


def check_term(start_date: date, end_date: date, justification: str):
    """Generally at most one year; up to three years with a justification; never more."""
    if end_date <= start_date:
        raise ValidationError({"end_date": _("The term must end after it starts.")})
    if end_date > rules.term_last_day(start_date, rules.MAX_TERM_YEARS):
        raise ValidationError({"end_date": _("A contract term may not exceed three years.")})
    if end_date > rules.term_last_day(start_date, rules.PLAIN_TERM_YEARS) and not justification.strip():
        raise ValidationError({"term_justification": _(
            "A term over one year is only for stable, continuing services: give the justification.")})


def check_bond(amount: Decimal, bond: Decimal):
    """The bond rule of ``rules.max_performance_bond``, refused here with its message before the
    database constraint (the same rule) would refuse it."""
    limit = rules.max_performance_bond(amount)
    if bond < 0 or bond > limit:
        raise ValidationError({"performance_bond": _(
            "The performance bond may not exceed %(share)s%% of the contract amount (%(limit)s)."
        ) % {"share": rules.percent(rules.MAX_BOND_SHARE), "limit": format_amount(limit)}})


@transaction.atomic
def contract_award(
    *, actor, project: Project, provider, number: str, amount: Decimal, signed_on: date, start_date: date,
    end_date: date, content: str, performance_bond: Decimal = ZERO, term_justification: str = "",
    backdating_justification: str = "", annual_report_exception: str = "", today: date | None = None, **terms,
) -> Contract:
    """Award a contract: the provider must be eligible on the signing day, the amount within
    the remaining budget, the term and bond within the rules. Deadlines for publication and
    filing are fixed on Chinese working days (provisional, and recomputed once the year is
    entered, when they run through a year whose holiday arrangement is not entered yet:
    ``workdays``). The project becomes "contracted"."""
    project = Project.objects.select_for_update().get(pk=project.pk)
    require_manager(actor, project.purchaser)
    if project.status not in AWARDABLE_STATUSES:
        raise ValidationError(_("Contracts are awarded while the project is being procured (now “%(status)s”).")
                              % {"status": project.get_status_display()})
    # Eligibility is judged on the signing date (``eligibility``): refusals first, then what
    # may pass with a justification recorded on the contract.
    today = today or timezone.localdate()
    check_signing_date(signed_on, today)
    refusals = award_refusals(provider, on_date=signed_on)
    if refusals:
        raise ValidationError({"provider": [_("%(name)s may not be awarded a contract:") % {"name": provider.name},
                                            *refusals]})
    exceptions = check_award_exceptions(provider, signed_on=signed_on, today=today, justifications={
        BACKDATING: backdating_justification, ANNUAL_REPORT: annual_report_exception})
    if amount is None or amount <= 0:
        raise ValidationError({"amount": _("The amount must be positive.")})
    _check_budget(project, amount, "amount")
    check_term(start_date, end_date, term_justification)
    check_bond(amount, performance_bond)
    grade = current_grade(provider, on_date=signed_on)
    deadlines = contract_deadlines(signed_on)
    contract = Contract(
        project=project, provider=provider, number=number.strip(), amount=amount, signed_on=signed_on,
        start_date=start_date, end_date=end_date, content=content, performance_bond=performance_bond,
        term_justification=term_justification.strip(), **exceptions,
        provider_credit_code=getattr(provider, "credit_code", "") or "",
        provider_grade=grade.get_grade_display() if grade else "",
        publication_due=deadlines.publication.due, filing_due=deadlines.filing.due,
        awarded_by=actor, **terms,
    )
    contract.full_clean()
    contract.save()
    if project.status == ProjectStatus.PROCURING:
        project.status = ProjectStatus.CONTRACTED
        project.full_clean()
        project.save()
    return contract


@transaction.atomic
def contract_disclosure_record(
    *, actor, contract: Contract, published_on: date | None = None, filed_on: date | None = None,
) -> Contract:
    """Record when the contract was published and when its copy was filed. Once recorded, a
    date stays (a late one stays flagged as late)."""
    contract = Contract.objects.select_for_update().select_related("project__purchaser").get(pk=contract.pk)
    require_manager(actor, contract.project.purchaser)
    for field, value in (("published_on", published_on), ("filed_on", filed_on)):
        if value is None:
            continue
        if getattr(contract, field) is not None and getattr(contract, field) != value:
            raise ValidationError({field: _("This date is already recorded and cannot be changed.")})
        if value < contract.signed_on:
            raise ValidationError({field: _("This date cannot be before the signing date.")})
        setattr(contract, field, value)
    contract.full_clean()
    contract.save()
    return contract


@transaction.atomic
def supplement_add(
    *, actor, contract: Contract, number: str, signed_on: date, amount: Decimal, content: str,
) -> SupplementaryAgreement:
    """A supplementary agreement: all of them together at most 10 % of the original amount,
    and within the project's remaining budget."""
    contract = Contract.objects.select_for_update().select_related("project__purchaser").get(pk=contract.pk)
    require_manager(actor, contract.project.purchaser)
    if contract.project.status not in AMENDABLE_STATUSES:
        raise ValidationError(_("Supplementary agreements are made while the contract is being performed."))
    if amount is None or amount <= 0:
        raise ValidationError({"amount": _("The amount must be positive.")})
    already = contract.supplements.aggregate(total=Sum("amount"))["total"] or ZERO
    limit = rules.max_supplement_total(contract.amount)
    if already + amount > limit:
        raise ValidationError({"amount": _(
            "Supplementary agreements may total at most %(share)s%% of the original amount (%(limit)s); "
            "%(already)s is already agreed."
        ) % {"share": rules.percent(rules.MAX_SUPPLEMENT_SHARE), "limit": format_amount(limit),
             "already": format_amount(already)}})
    _check_budget(contract.project, amount, "amount")
    if signed_on < contract.signed_on:
        raise ValidationError({"signed_on": _("A supplementary agreement cannot predate the contract.")})
    supplement = SupplementaryAgreement(
        contract=contract, number=number.strip(), signed_on=signed_on, amount=amount, content=content,
    )
    supplement.full_clean()
    supplement.save()
    return supplement
