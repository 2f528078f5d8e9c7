"""Reads of the purchasing records that need care: KPI actuals from activity records,
spend against budget, weighted evaluation totals, an organization's purchasing record, and
what the public disclosure page may show."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.apps import apps as django_apps
from django.db.models import BooleanField, Count, ExpressionWrapper, F, Q, Sum
from django.utils import timezone

from . import rules
from .models import (
    Contract, Evaluation, EvaluatorKind, PaymentMilestone, PerformanceTarget, Project, SupplementaryAgreement,
    TargetKind,
)

ZERO = Decimal("0")


# --- KPI actuals from activity records ----------------------------------------------------------

def _activity_link():
    """The activity and service-record models that deliver contracts (``Activity.contract``),
    or None while ``apps.activities`` is not installed."""
    if not django_apps.is_installed("apps.activities"):
        return None
    return django_apps.get_model("activities", "Activity"), django_apps.get_model("activities", "ServiceRecord")


def activity_link_available() -> bool:
    return _activity_link() is not None


def linked_activities(contract):
    """The activities linked to ``contract``, newest first, each with ``in_term`` (whether it
    counts towards the targets by its date)."""
    in_term = ExpressionWrapper(within_term("starts_at", "contract"), output_field=BooleanField())
    return contract.activities.select_related("community").annotate(in_term=in_term).order_by("-starts_at", "-pk")


def within_term(started: str, contract: str) -> Q:
    """Rows whose ``started`` datetime falls on a day of the ``contract``'s term (both ends
    included, local days): only what was delivered under the contract counts towards it."""
    return Q(**{f"{started}__date__gte": F(f"{contract}__start_date"),
                f"{started}__date__lte": F(f"{contract}__end_date")})


def counted_actuals(contracts) -> dict[int, dict[str, Decimal]]:
    """{contract pk: {kind: actual}} for the three counted indicators, in two queries
    whatever the number of contracts: sessions = linked activities (not cancelled) that start
    within the contract's term, people served = their beneficiary head counts, volunteer hours
    = confirmed hours of those activities served within the term."""
    contracts = list(contracts)
    result = {c.pk: dict.fromkeys([TargetKind.SERVICE_SESSIONS, TargetKind.PEOPLE_SERVED,
                                   TargetKind.VOLUNTEER_HOURS], ZERO) for c in contracts}
    link = _activity_link()
    if link is None or not contracts:
        return result
    activity_model, record_model = link
    activities = activity_model.objects.filter(within_term("starts_at", "contract"), contract__in=list(result)) \
        .exclude(is_cancelled=True)
    for row in activities.values("contract").annotate(sessions=Count("pk"), people=Sum("beneficiary_count")):
        counts = result[row["contract"]]
        counts[TargetKind.SERVICE_SESSIONS] = Decimal(row["sessions"])
        counts[TargetKind.PEOPLE_SERVED] = Decimal(row["people"] or 0)
    confirmed = record_model.objects.filter(
        within_term("activity__starts_at", "activity__contract"), within_term("started_at", "activity__contract"),
        activity__contract__in=list(result), status="confirmed",
    ).exclude(activity__is_cancelled=True)
    for row in confirmed.values("activity__contract").annotate(hours=Sum("hours")):
        result[row["activity__contract"]][TargetKind.VOLUNTEER_HOURS] = row["hours"] or ZERO
    return result


@dataclass
class TargetProgress:
    target: PerformanceTarget
    actual: Decimal

    @property
    def percent(self) -> int:
        return int(self.actual * 100 / self.target.target_value) if self.target.target_value else 0

    @property
    def bar_width(self) -> int:
        """Progress bar width in steps of 5 (CSS classes, no inline styles)."""
        return min(100, self.percent) // 5 * 5


def target_progress(contracts) -> dict[int, list[TargetProgress]]:
    contracts = list(contracts)
    counted = counted_actuals(contracts)
    progress = {c.pk: [] for c in contracts}
    for target in PerformanceTarget.objects.filter(contract__in=contracts).order_by("contract", "pk"):
        if target.kind == TargetKind.CUSTOM:
            actual = target.manual_actual or ZERO
        else:
            actual = counted[target.contract_id][target.kind]
        progress[target.contract_id].append(TargetProgress(target, actual))
    return progress


# --- Money --------------------------------------------------------------------------------------

@dataclass
class Spend:
    budget: Decimal
    committed: Decimal
    planned: Decimal
    paid: Decimal

    @property
    def remaining(self):
        return self.budget - self.committed

    @property
    def paid_percent(self):
        return int(self.paid * 100 / self.budget) if self.budget else 0

    @property
    def committed_percent(self):
        return int(self.committed * 100 / self.budget) if self.budget else 0


def project_spend(project: Project) -> Spend:
    committed = (Contract.objects.filter(project=project).aggregate(t=Sum("amount"))["t"] or ZERO) + (
        SupplementaryAgreement.objects.filter(contract__project=project).aggregate(t=Sum("amount"))["t"] or ZERO)
    payments = PaymentMilestone.objects.filter(contract__project=project).aggregate(
        planned=Sum("planned_amount"), paid=Sum("paid_amount"))
    return Spend(project.budget_amount, committed, payments["planned"] or ZERO, payments["paid"] or ZERO)


# --- Evaluations --------------------------------------------------------------------------------

@dataclass
class WeightedScore:
    total: Decimal | None
    complete: bool
    scores: dict = field(default_factory=dict)


def weighted_score(evaluations) -> WeightedScore:
    """Weighted total of purchaser, third-party and beneficiary scores (weights are local
    settings). With a kind missing, the present weights are rescaled and the total is marked
    incomplete."""
    weights = rules.evaluation_weights()
    scores = {e.evaluator_kind: e.score for e in evaluations}
    present = {kind: weights.get(kind, ZERO) for kind in scores}
    weight_sum = sum(present.values(), ZERO)
    if not scores or not weight_sum:
        return WeightedScore(None, False, scores)
    total = sum((scores[kind] * weight for kind, weight in present.items()), ZERO) / weight_sum
    complete = set(scores) >= set(EvaluatorKind.values)
    return WeightedScore(total.quantize(Decimal("0.01")), complete, scores)


# --- An organization's record -------------------------------------------------------------------

def organization_contracts(organization, limit=None):
    """Contracts and their evaluations on an organization's record, newest first (the first
    ``limit``). They are part of its credit information, so a user who may see the organization
    sees all of them."""
    contracts = (Contract.objects.filter(provider=organization).select_related("project__purchaser")
                 .prefetch_related("evaluations", "acceptances").order_by("-signed_on", "-pk"))
    contracts = list(contracts[:limit] if limit is not None else contracts)
    for contract in contracts:
        contract.weighted = weighted_score(contract.evaluations.all())
    return contracts


# --- Public disclosure --------------------------------------------------------------------------

def disclosed_contracts():
    """Published contracts: only what the purchaser publishes anyway (no persons)."""
    return (
        Contract.objects.published()
        .select_related("project__purchaser", "provider")
        .only("number", "amount", "start_date", "end_date", "published_on", "provider_credit_code",
              "project__name", "project__purchaser__name", "provider__name")
        .order_by("-published_on", "-pk")
    )


def disclosed_acceptances():
    from .models import Acceptance

    return (
        Acceptance.objects.filter(published_on__isnull=False)
        .select_related("contract__project", "contract__provider")
        .only("accepted_on", "result", "published_on", "contract__number", "contract__project__name",
              "contract__provider__name")
        .order_by("-published_on", "-pk")
    )


def overdue_counts(contracts_qs, today=None) -> dict:
    today = today or timezone.localdate()
    return {
        "publication": contracts_qs.publication_overdue(today).count(),
        "filing": contracts_qs.filing_overdue(today).count(),
    }

