from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from apps.core.formats import format_amount

from ..models import ALLOWED_TRANSITIONS, CatalogueItem, Project, ProjectStatus
from ..permissions import PURCHASER_LEVELS, require_manager

EDITABLE_STATUSES = {ProjectStatus.APPROVED, ProjectStatus.PROCURING}


def _check_catalogue_item(item: CatalogueItem):
    blocker = item.blocked_by()
    if blocker is not None:
        raise ValidationError({"catalogue_item": _(
            "“%(item)s” is on the negative list (%(reason)s) and cannot be purchased."
        ) % {"item": blocker.name, "reason": blocker.negative_reason}})
    if not item.is_active:
        raise ValidationError({"catalogue_item": _("This catalogue item is no longer in use.")})


def _check_purchaser(area):
    if area.level not in PURCHASER_LEVELS:
        raise ValidationError({"purchaser": _("The purchaser must be a street office or a district department.")})


@transaction.atomic
def project_create(
    *, actor, purchaser, name: str, catalogue_item: CatalogueItem, fiscal_year: int, budget_amount: Decimal,
    budget_reference: str, funding_source: str, procurement_method: str, description: str = "",
) -> Project:
    require_manager(actor, purchaser)
    _check_purchaser(purchaser)
    _check_catalogue_item(catalogue_item)
    project = Project(
        purchaser=purchaser, name=name, catalogue_item=catalogue_item, fiscal_year=fiscal_year,
        budget_amount=budget_amount, budget_reference=budget_reference.strip(), funding_source=funding_source,
        procurement_method=procurement_method, description=description, created_by=actor,
    )
    project.full_clean()
    project.save()
    return project


@transaction.atomic
def project_update(*, actor, project: Project, **fields) -> Project:
    """Change the project's file while it is being procured; afterwards the contract governs."""
    from .contracts import project_committed

    project = Project.objects.select_for_update().get(pk=project.pk)
    require_manager(actor, project.purchaser)
    if project.status not in EDITABLE_STATUSES:
        raise ValidationError(_("A project can only be changed before a contract is signed."))
    for name, value in fields.items():
        setattr(project, name, value)
    _check_purchaser(project.purchaser)
    require_manager(actor, project.purchaser)
    _check_catalogue_item(project.catalogue_item)
    committed = project_committed(project)
    if project.budget_amount is not None and project.budget_amount < committed:
        raise ValidationError({"budget_amount": _("The budget cannot be less than the %(amount)s already "
                                                  "committed to contracts.") % {"amount": format_amount(committed)}})
    project.full_clean()
    project.save()
    return project


def _transition_guard(project: Project, to_status: str):
    """Conditions beyond the transition table: some steps need their evidence first."""
    contracts = list(project.contracts.all())
    if to_status == ProjectStatus.CONTRACTED:
        raise ValidationError(_("A project becomes contracted by awarding a contract."))
    if to_status == ProjectStatus.ACCEPTED:
        raise ValidationError(_("A project is accepted by recording a passed acceptance."))
    if to_status in {ProjectStatus.PERFORMING, ProjectStatus.AWAITING_ACCEPTANCE} and not contracts:
        raise ValidationError(_("The project has no contract."))
    if to_status == ProjectStatus.CLOSED:
        for contract in contracts:
            if not contract.evaluations.exists():
                raise ValidationError(_("Contract %(number)s has no performance evaluation yet.")
                                      % {"number": contract.number})
            if contract.payments.filter(paid_on__isnull=True).exists():
                raise ValidationError(_("Contract %(number)s still has unpaid payment milestones.")
                                      % {"number": contract.number})


def _move(project: Project, to_status: str, reason: str = ""):
    if to_status not in ALLOWED_TRANSITIONS[project.status]:
        raise ValidationError(_("A project cannot go from “%(from)s” to “%(to)s”.") % {
            "from": project.get_status_display(), "to": ProjectStatus(to_status).label})
    project.status = to_status
    if to_status == ProjectStatus.TERMINATED:
        project.termination_reason = reason
    project.full_clean()
    project.save()


@transaction.atomic
def project_transition(*, actor, project: Project, to_status: str, reason: str = "") -> Project:
    """The one way a project changes status: only along ALLOWED_TRANSITIONS, and termination
    only with a reason. auditlog records the change with the actor."""
    project = Project.objects.select_for_update().get(pk=project.pk)
    require_manager(actor, project.purchaser)
    reason = reason.strip()
    if to_status == ProjectStatus.TERMINATED and not reason:
        raise ValidationError({"reason": _("Give the reason for terminating the project.")})
    if to_status in ALLOWED_TRANSITIONS[project.status]:
        _transition_guard(project, to_status)
    _move(project, to_status, reason)
    return project
