"""Publication and filing deadlines of contracts, counted in Chinese working days on the working
calendar city staff keep (``apps.holidays``; rules in ``apps.holidays.workdays``).

A deadline counted through a year whose holiday arrangement is not entered yet is provisional:
it is counted Monday to Friday without the statutory days off, the contract page warns about
it, the dashboard lists the contract, and entering the year recomputes it
(``services.deadlines``). Whether a deadline is provisional is computed, never stored: it
depends only on the contract's dates and on which years are entered.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.holidays.workdays import (
    Deadline, EnteredYears, WorkingCalendar, add_working_days, calendar_known, is_working_day,
)

from . import rules

__all__ = [
    "ContractDeadlines", "EnteredYears", "ProvisionalDeadline", "add_working_days", "calendar_known",
    "contract_deadlines", "is_working_day", "open_provisional", "provisional_deadlines", "waiting_for_year",
]

#: (key, label, due-date field, done-date field) of the two disclosure deadlines.
DEADLINES = [
    ("publication", _("Publication"), "publication_due", "published_on"),
    ("filing", _("Filing"), "filing_due", "filed_on"),
]


@dataclass(frozen=True)
class ContractDeadlines:
    publication: Deadline
    filing: Deadline


def contract_deadlines(signed_on: date, calendar: WorkingCalendar | None = None) -> ContractDeadlines:
    """Both deadlines of a contract signed on ``signed_on``, from one read of the calendar."""
    calendar = calendar or WorkingCalendar.after(signed_on)
    return ContractDeadlines(
        publication=calendar.add_working_days(signed_on, rules.PUBLICATION_WORKING_DAYS),
        filing=calendar.add_working_days(signed_on, rules.FILING_WORKING_DAYS),
    )


@dataclass(frozen=True)
class ProvisionalDeadline:
    key: str
    label: str
    due: date
    years: tuple[int, ...]


def provisional_deadlines(contract, entered: EnteredYears) -> list[ProvisionalDeadline]:
    """The contract's deadlines that are still open (not yet published / filed) and were counted
    through a year without an entered arrangement. A deadline already met stays as it was
    shown when the clerk met it, so it is neither recomputed nor flagged."""
    found = []
    for key, label, due_field, done_field in DEADLINES:
        due = getattr(contract, due_field)
        if getattr(contract, done_field) is None and due is not None:
            years = entered.unentered_between(contract.signed_on, due)
            if years:
                found.append(ProvisionalDeadline(key, label, due, years))
    return found


def open_provisional(entered: EnteredYears) -> Q:
    """Contracts with an open deadline counted through a year without an entered arrangement
    (the query form of ``provisional_deadlines``)."""
    condition = Q(pk__in=[])
    for _key, _label, due_field, done_field in DEADLINES:
        condition |= Q(**{f"{done_field}__isnull": True}) & ~entered.covered("signed_on", due_field)
    return condition


def waiting_for_year(year: int) -> Q:
    """Contracts with an open deadline whose counting days (after signing, up to the deadline)
    run through ``year``: those entering the year's arrangement recomputes."""
    condition = Q(pk__in=[])
    for _key, _label, due_field, done_field in DEADLINES:
        condition |= Q(**{f"{done_field}__isnull": True, f"{due_field}__gte": date(year, 1, 1),
                          "signed_on__lt": date(year, 12, 31)})
    return condition
