"""Whether a provider may be awarded a contract, judged on the signing date (DOMAIN §5,
财政部令第102号).

- Refused outright: a signing date in the future; what ``organizations.selectors.award_refusals``
  finds on the signing date (credit lists, major violations, status).
- Awarded only with a justification recorded on the contract (``EXCEPTION_FIELDS``, shown on the
  contract page and in its history with the awarding user): a provider whose annual report was
  overdue on the signing date; a signing date before a listing or major penalty that the
  recording day already knows of (a backdated contract would not see it).

``award_candidates`` gives the award page each candidate's grade (3A and above preferred), credit
status, eligibility and past evaluations in a fixed number of queries.
"""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from apps.organizations.models import CreditStatus
from apps.organizations.selectors import (
    award_refusals_by_organization, credit_events_after, overdue_report_reasons, overdue_reports_by_organization,
)

from .models import Evaluation
from .selectors import WeightedScore, weighted_score

#: Grades from this one up are preferred in purchased services (DOMAIN §2).
PREFERRED_GRADE = 3
#: Candidates listed on the award page (best grades first; the chosen provider is always added).
CANDIDATES_SHOWN = 50
#: Past evaluated contracts shown per candidate, newest first.
EVALUATIONS_SHOWN = 3

BACKDATING = "backdating_justification"
ANNUAL_REPORT = "annual_report_exception"
#: The contract fields that record why an award was made despite a condition, by condition.
EXCEPTION_FIELDS = (BACKDATING, ANNUAL_REPORT)


def check_signing_date(signed_on: date, today: date):
    """A contract is recorded once signed: a future signing date would be judged on a day whose
    credit record is not known yet."""
    if signed_on > today:
        raise ValidationError({"signed_on": _("The signing date cannot be in the future (today is %(day)s).")
                               % {"day": date_format(today, "Y-m-d")}})


def award_exceptions_needed(provider, *, signed_on: date, today: date) -> dict[str, list[str]]:
    """{contract field: reasons} of the conditions that need a recorded justification."""
    needed = {}
    later = credit_events_after(provider, after=signed_on, until=today)
    if later:
        needed[BACKDATING] = [_("The signing date is before events the registry already records:"), *later]
    overdue = overdue_report_reasons(provider, on_date=signed_on)
    if overdue:
        needed[ANNUAL_REPORT] = [_("A provider keeps its annual reports up to date:"), *overdue]
    return needed


def check_award_exceptions(provider, *, signed_on: date, today: date, justifications: dict[str, str]) -> dict:
    """Refuse the award unless each needed exception has its justification; return the contract's
    exception fields (a justification given where none is needed is not kept)."""
    needed = award_exceptions_needed(provider, signed_on=signed_on, today=today)
    missing = {name: [*reasons, _("Record the justification to award nevertheless.")]
               for name, reasons in needed.items() if not justifications.get(name, "").strip()}
    if missing:
        raise ValidationError(missing)
    return {name: justifications[name].strip() if name in needed else "" for name in EXCEPTION_FIELDS}


# --- The award page's candidates ------------------------------------------------------------------

@dataclass
class PastContract:
    number: str
    signed_on: date
    score: WeightedScore


@dataclass
class Candidate:
    organization: object
    grade: int | None
    credit_status: str
    refusals: list[str]
    overdue_reports: list[str]
    evaluations: list[PastContract] = field(default_factory=list)

    @property
    def preferred(self) -> bool:
        return (self.grade or 0) >= PREFERRED_GRADE

    @property
    def credit_label(self) -> str:
        return CreditStatus(self.credit_status).label


def past_evaluations(organization_ids, *, limit=EVALUATIONS_SHOWN) -> dict[int, list[PastContract]]:
    """{organization pk: its evaluated contracts, newest first (the first ``limit``)}, one query."""
    evaluations = (Evaluation.objects.filter(contract__provider__in=list(organization_ids))
                   .select_related("contract").order_by("-contract__signed_on", "-contract_id", "evaluator_kind"))
    by_contract = {}
    for evaluation in evaluations:
        by_contract.setdefault(evaluation.contract, []).append(evaluation)
    result = {pk: [] for pk in organization_ids}
    for contract, rows in by_contract.items():
        if len(result[contract.provider_id]) < limit:
            result[contract.provider_id].append(PastContract(contract.number, contract.signed_on, weighted_score(rows)))
    return result


def award_candidates(organizations, *, on_date: date, chosen: int | None = None, limit=None) -> list[Candidate]:
    """The first ``limit`` (``CANDIDATES_SHOWN``) of ``organizations`` (an Organization queryset:
    what the form offers), best grade first, plus the ``chosen`` pk when it is further down; with
    their eligibility on ``on_date``. A fixed number of queries whatever the number of candidates."""
    rows = organizations.with_credit_status().with_current_grade(on_date)
    ordered = rows.order_by(F("current_grade").desc(nulls_last=True), "name", "pk")
    shown = list(ordered[:limit or CANDIDATES_SHOWN])
    if chosen is not None and all(o.pk != chosen for o in shown):
        shown += list(rows.filter(pk=chosen))
    refusals = award_refusals_by_organization(shown, on_date=on_date)
    overdue = overdue_reports_by_organization(shown, on_date=on_date)
    evaluations = past_evaluations([o.pk for o in shown])
    return [Candidate(o, o.current_grade, o.credit_status, refusals[o.pk], overdue[o.pk], evaluations[o.pk])
            for o in shown]
