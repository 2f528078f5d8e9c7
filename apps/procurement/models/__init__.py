"""Government-purchased services (政府购买服务). Nothing here is deletable: procurement
documents are kept at least 15 years, so every foreign key is PROTECT and the admin and the
views offer no delete."""

from auditlog.registry import auditlog

from apps.audit.registration import own_fields

from .catalogue import CatalogueItem, CatalogueItemQuerySet
from .contracts import Contract, ContractPartQuerySet, ContractQuerySet, SupplementaryAgreement
from .delivery import (
    Acceptance, AcceptanceResult, Evaluation, EvaluatorKind, PaymentCondition, PaymentMilestone,
    PerformanceTarget, ProgressReport, ReportStatus, TargetKind,
)
from .projects import ALLOWED_TRANSITIONS, FundingSource, ProcurementMethod, Project, ProjectStatus

__all__ = [
    "ALLOWED_TRANSITIONS", "Acceptance", "AcceptanceResult", "CatalogueItem", "CatalogueItemQuerySet",
    "Contract", "ContractPartQuerySet", "ContractQuerySet", "Evaluation", "EvaluatorKind", "FundingSource",
    "PaymentCondition", "PaymentMilestone", "PerformanceTarget", "ProcurementMethod", "ProgressReport",
    "Project", "ProjectStatus", "ReportStatus", "SupplementaryAgreement", "TargetKind",
]

for model in (CatalogueItem, Project, Contract, SupplementaryAgreement, PerformanceTarget, PaymentMilestone,
              ProgressReport, Acceptance, Evaluation):
    # A contract's updated_at only serves the API's sync (apps/core/updates.py): not a change to log.
    auditlog.register(model, include_fields=own_fields(model, exclude=["updated_at"] if model is Contract else ()))
