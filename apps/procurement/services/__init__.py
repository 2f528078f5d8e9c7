"""Writes of the purchasing workflow: keyword-only, typed, atomic; each checks the actor and
the rules, then ``full_clean()`` and ``save()``. django-auditlog records every row change
(including every status change) inside the same transaction."""

from .catalogue import catalogue_item_save
from .contracts import (
    contract_award, contract_disclosure_record, contract_total, project_committed, supplement_add,
)
from .deadlines import contract_deadlines_recompute
from .delivery import (
    acceptance_record, evaluation_record, payment_plan, payment_record, progress_report_review,
    progress_report_submit, target_count_record, target_set,
)
from .projects import project_create, project_transition, project_update

__all__ = [
    "acceptance_record", "catalogue_item_save", "contract_award", "contract_deadlines_recompute",
    "contract_disclosure_record",
    "contract_total", "evaluation_record", "payment_plan", "payment_record", "progress_report_review",
    "progress_report_submit", "project_committed", "project_create", "project_transition", "project_update",
    "supplement_add", "target_count_record", "target_set",
]
