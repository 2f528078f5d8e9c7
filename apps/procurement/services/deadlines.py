"""Deadlines follow the working calendar: when the days of an entered year change (a year's
arrangement is entered, or a day of an entered year is corrected), the open publication and
filing deadlines counted across those days are counted again.

Only open deadlines move: a contract already published (or filed) keeps the deadline the clerk
saw and met. Each moved contract is saved (django-auditlog records the old and new dates with
the acting user) and one audit event lists what moved and why.
"""

from datetime import date, timedelta

from django.db import transaction
from django.db.models import Q

from apps.audit.services import audit_batch_record
from apps.holidays.workdays import LOOKAHEAD_DAYS, WorkingCalendar

from ..models import Contract
from ..workdays import DEADLINES, contract_deadlines


@transaction.atomic
def contract_deadlines_recompute(*, actor, first: date, last: date, reason: str) -> list[Contract]:
    """Count again every open deadline whose counting days (after signing, up to the deadline)
    meet ``first``..``last``; return the contracts whose deadlines moved. A day after a
    deadline cannot move it, so the others are left alone."""
    meets = Q(pk__in=[])
    for _key, _label, due_field, done_field in DEADLINES:
        meets |= Q(**{f"{done_field}__isnull": True, f"{due_field}__gte": first})
    contracts = list(Contract.objects.select_for_update().filter(meets, signed_on__lt=last).order_by("pk"))
    if not contracts:
        return []
    # One read of the calendar for all of them (a count running further reads on by itself).
    calendar = WorkingCalendar(min(c.signed_on for c in contracts) + timedelta(days=1),
                               max(c.filing_due for c in contracts) + timedelta(days=LOOKAHEAD_DAYS))
    moved, changes = [], []
    for contract in contracts:
        counted = contract_deadlines(contract.signed_on, calendar)
        fields = []
        for key, _label, due_field, done_field in DEADLINES:
            new_due = getattr(counted, key).due
            if getattr(contract, done_field) is None and getattr(contract, due_field) != new_due:
                changes.append({"contract": contract.number, "deadline": key,
                                "from": f"{getattr(contract, due_field):%Y-%m-%d}", "to": f"{new_due:%Y-%m-%d}"})
                setattr(contract, due_field, new_due)
                fields.append(due_field)
        if fields:
            # Only the counted dates change (the database keeps them after signing): no
            # full_clean(), which would hold an old contract to rules made after it was signed.
            contract.save(update_fields=fields)
            moved.append(contract)
    if moved:
        audit_batch_record(actor=actor, model=Contract, row_count=len(moved),
                           detail={"action": "deadlines_recomputed", "reason": reason, "changes": changes})
    return moved


def deadlines_follow_calendar(sender, *, actor, first: date, last: date, reason: str, **kwargs):
    """Receiver of ``apps.holidays.signals.working_days_changed`` (connected in apps.py)."""
    contract_deadlines_recompute(actor=actor, first=first, last=last, reason=reason)
