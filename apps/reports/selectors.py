"""Every figure of the dashboard and the street report, for a ``Scope`` (user + area).

Each function is one or a few aggregate queries, whatever the number of rows: the dashboard's
query count is pinned in tests. The rules themselves (which report is overdue, when a grade
expires, when a contract is late, what counts as committed or paid) come from the domain
apps' selectors and querysets; this module only counts.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Case, Count, Q, Sum, Value, When
from django.db.models.functions import TruncMonth
from django.utils import timezone

from apps.activities.models import Activity, MonthTotal, RecordStatus, ServiceRecord
from apps.areas.models import AreaLevel
from apps.organizations import selectors as org_selectors
from apps.organizations.models import (
    ACTIVE_STATUSES, CreditListing, LegalForm, Organization, OrgStatus, PartyOrgType, add_months,
)
from apps.procurement import selectors as procurement_selectors
from apps.procurement.models import Contract, PaymentMilestone, Project, SupplementaryAgreement
from apps.procurement.selectors import Spend
from apps.volunteers.models import DuplicateReview, PoliticalStatus, Volunteer, VolunteerArea
from apps.volunteers.stars import volunteers_with_awards_under_review

from .scope import Scope

ZERO = Decimal("0")
CENT = Decimal("0.01")


def _amount(value) -> Decimal:
    """Hours and yuan with two decimals, whatever the database's sum returns."""
    return (value or ZERO).quantize(CENT)
#: "New" credit listings on the dashboard: listed within this many days.
NEW_LISTING_DAYS = 30
#: Volunteers counted as Party members (党员, including probationary members).
PARTY_MEMBER_STATUSES = [PoliticalStatus.PARTY_MEMBER, PoliticalStatus.PROBATIONARY]


@dataclass(frozen=True)
class Period:
    """A closed date range [start, end] and how it is labelled."""

    start: datetime.date
    end: datetime.date

    @classmethod
    def month(cls, year, month):
        return cls(datetime.date(year, month, 1), add_months(datetime.date(year, month, 1), 1)
                   - datetime.timedelta(days=1))

    @classmethod
    def year(cls, year):
        return cls(datetime.date(year, 1, 1), datetime.date(year, 12, 31))

    def aware_bounds(self):
        """[start, end) as aware datetimes, so datetime columns are compared in local time."""
        start = timezone.make_aware(datetime.datetime.combine(self.start, datetime.time.min))
        end = timezone.make_aware(datetime.datetime.combine(self.end + datetime.timedelta(days=1),
                                                            datetime.time.min))
        return start, end


def last_months(today, count=12):
    """The first days of the ``count`` months up to and including ``today``'s month, oldest first."""
    first = today.replace(day=1)
    return [add_months(first, -back) for back in range(count - 1, -1, -1)]


# --- Organizations ------------------------------------------------------------------------------

@dataclass
class OrganizationCounts:
    by_form: dict = field(default_factory=dict)    # {legal form: n}
    by_status: dict = field(default_factory=dict)  # {status: n}
    total: int = 0
    active: int = 0


def organization_counts(scope: Scope) -> OrganizationCounts:
    """By legal form and by status, in one grouped query."""
    counts = OrganizationCounts(by_form=dict.fromkeys(LegalForm.values, 0),
                                by_status=dict.fromkeys(OrgStatus.values, 0))
    rows = scope.rows(Organization).order_by().values_list("legal_form", "status").annotate(n=Count("pk"))
    for form, status, n in rows:
        counts.by_form[form] = counts.by_form.get(form, 0) + n
        counts.by_status[status] = counts.by_status.get(status, 0) + n
        counts.total += n
        if status in ACTIVE_STATUSES:
            counts.active += n
    return counts


def organizations_by_domain(scope: Scope) -> list[tuple[str, int]]:
    """[(service domain, organizations)] of active organizations; an organization may serve
    several domains, so the rows add up to more than the total."""
    rows = (scope.rows(Organization).filter(status__in=ACTIVE_STATUSES, domains__isnull=False).order_by()
            .values_list("domains__name", "domains__sort_order").annotate(n=Count("pk", distinct=True)))
    return [(name, n) for name, _order, n in sorted(rows, key=lambda row: (row[1], row[0]))]


def organizations_established(scope: Scope, period: Period) -> int:
    return scope.rows(Organization).filter(founded_on__range=(period.start, period.end)).count()


# --- Party building (两个覆盖) ------------------------------------------------------------------

@dataclass
class PartyCoverage:
    organizations: int = 0        # active organizations
    covered: int = 0              # of which with a Party organisation
    by_type: dict = field(default_factory=dict)
    party_members: int = 0        # Party members in those organizations
    party_member_volunteers: int = 0

    @property
    def percent(self) -> Decimal:
        if not self.organizations:
            return ZERO
        return (Decimal(self.covered) * 100 / self.organizations).quantize(Decimal("0.1"))


def party_coverage(scope: Scope, *, party_member_volunteers: int | None = None) -> PartyCoverage:
    """Coverage among active (正常/变更中) organizations: two grouped queries (one when the
    Party-member volunteers were counted already, see ``volunteer_months``)."""
    coverage = PartyCoverage(by_type=dict.fromkeys(PartyOrgType.values, 0))
    rows = (scope.rows(Organization).filter(status__in=ACTIVE_STATUSES).order_by()
            .values_list("party_org_type").annotate(n=Count("pk"), members=Sum("party_member_count")))
    for kind, n, members in rows:
        coverage.by_type[kind] = n
        coverage.organizations += n
        coverage.party_members += members or 0
        if kind != PartyOrgType.NONE:
            coverage.covered += n
    if party_member_volunteers is None:
        party_member_volunteers = scope.rows(Volunteer).filter(political_status__in=PARTY_MEMBER_STATUSES).count()
    coverage.party_member_volunteers = party_member_volunteers
    return coverage


# --- Volunteers and hours -----------------------------------------------------------------------

def confirmed_records(scope: Scope):
    """Confirmed service records of activities held in the scope's area."""
    return scope.rows(ServiceRecord).filter(status=RecordStatus.CONFIRMED)


@dataclass
class MonthFigures:
    month: datetime.date
    volunteers: int = 0           # distinct volunteers with confirmed hours in the month
    hours: Decimal = ZERO
    new_volunteers: int = 0       # registered in the month


@dataclass
class VolunteerMonths:
    months: list                  # [MonthFigures], oldest first
    party_members: int = 0        # Party-member volunteers of the scope (all, not only new)


def volunteer_months(scope: Scope, today) -> VolunteerMonths:
    """The last 12 months: active volunteers and confirmed hours (by local service month, kept
    per area in ``MonthTotal``: 12 rows), and new registrations, counted in the same pass over
    the scope's volunteers as its Party members (the scope's volunteers are an OR over
    residence and membership, kept per area in ``VolunteerArea``: one index range). Two queries."""
    months = last_months(today)
    result = {month: MonthFigures(month) for month in months}
    since = Period(months[0], today).aware_bounds()[0]
    kept, area = scope.kept_area()
    if not kept:  # no single area (organization users): count the records
        rows = (confirmed_records(scope).filter(started_at__gte=since).order_by()
                .annotate(month=TruncMonth("started_at")).values_list("month")
                .annotate(hours=Sum("hours"), volunteers=Count("volunteer", distinct=True)))
    elif area is not None:
        rows = (MonthTotal.objects.filter(area=area, month__range=(months[0], months[-1]))
                .values_list("month", "hours", "volunteers"))
    else:
        rows = []
    for month, hours, volunteers in rows:
        month = _as_date(month)
        if month in result:
            result[month].hours = _amount(hours)
            result[month].volunteers = volunteers
    party_members = 0
    if not kept:
        volunteers = (scope.rows(Volunteer).order_by().annotate(
            month=Case(When(created_at__gte=since, then=TruncMonth("created_at"))),
            party=Case(When(political_status__in=PARTY_MEMBER_STATUSES, then=Value(True)), default=Value(False)),
        ).values_list("month", "party").annotate(n=Count("pk")))
    elif area is not None:  # the area's volunteers are kept (apps.volunteers.areas): one index range
        volunteers = (VolunteerArea.objects.filter(area=area).order_by()
                      .values_list("registered_month", "party").annotate(n=Count("*")))
    else:
        volunteers = []
    for month, party, n in volunteers:
        if party:
            party_members += n
        month = _as_date(month)
        if month in result:
            result[month].new_volunteers += n
    return VolunteerMonths([result[month] for month in months], party_members)


def _as_date(value):
    return value.date() if isinstance(value, datetime.datetime) else value


@dataclass
class VolunteerFigures:
    registered: int = 0            # volunteers of the area (residents or serving there)
    registered_in_period: int = 0
    active: int = 0                # with confirmed hours in the period
    hours: Decimal = ZERO
    records: int = 0


def volunteer_figures(scope: Scope, period: Period) -> VolunteerFigures:
    start, end = period.aware_bounds()
    volunteers = scope.rows(Volunteer)
    served = confirmed_records(scope).filter(started_at__gte=start, started_at__lt=end).aggregate(
        hours=Sum("hours"), records=Count("pk"), active=Count("volunteer", distinct=True))
    return VolunteerFigures(
        registered=volunteers.filter(created_at__lt=end).count(),
        registered_in_period=volunteers.filter(created_at__gte=start, created_at__lt=end).count(),
        active=served["active"], hours=_amount(served["hours"]), records=served["records"],
    )


# --- Activities ---------------------------------------------------------------------------------

def held_activities(scope: Scope, period: Period):
    start, end = period.aware_bounds()
    return scope.rows(Activity).filter(is_cancelled=False, starts_at__gte=start, starts_at__lt=end)


def activities_per_community(scope: Scope, period: Period) -> list[tuple[str, int]]:
    """[(community, activities held in the period)] for every community of the area, zeros
    included: two queries."""
    counts = dict(held_activities(scope, period).order_by().values_list("community").annotate(n=Count("pk")))
    communities = scope.areas().filter(level=AreaLevel.COMMUNITY).order_by("path").values_list("pk", "name")
    return [(name, counts.get(pk, 0)) for pk, name in communities]


@dataclass
class ActivityFigures:
    held: int = 0
    beneficiaries: int = 0
    by_category: dict = field(default_factory=dict)


def activity_figures(scope: Scope, period: Period) -> ActivityFigures:
    figures = ActivityFigures()
    rows = held_activities(scope, period).order_by().values_list("category").annotate(
        n=Count("pk"), people=Sum("beneficiary_count"))
    for category, n, people in rows:
        figures.by_category[category] = n
        figures.held += n
        figures.beneficiaries += people or 0
    return figures


# --- Purchased services -------------------------------------------------------------------------

def spend_by_year(scope: Scope, years) -> dict[int, Spend]:
    """{fiscal year: Spend} over the area's projects, with the same definitions as
    ``procurement.selectors.project_spend`` (committed = contracts + supplements; planned and
    paid from payment milestones), aggregated per year in four queries."""
    years = list(years)
    spend = {year: Spend(ZERO, ZERO, ZERO, ZERO) for year in years}
    committed = dict.fromkeys(years, ZERO)
    budgets = (scope.rows(Project).filter(fiscal_year__in=years).order_by()
               .values_list("fiscal_year").annotate(t=Sum("budget_amount")))
    for year, total in budgets:
        spend[year].budget = _amount(total)
    contracts = (scope.rows(Contract).filter(project__fiscal_year__in=years).order_by()
                 .values_list("project__fiscal_year").annotate(t=Sum("amount")))
    for year, total in contracts:
        committed[year] += total or ZERO
    supplements = (scope.rows(SupplementaryAgreement).filter(contract__project__fiscal_year__in=years).order_by()
                   .values_list("contract__project__fiscal_year").annotate(t=Sum("amount")))
    for year, total in supplements:
        committed[year] += total or ZERO
    for year, total in committed.items():
        spend[year].committed = _amount(total)
    payments = (scope.rows(PaymentMilestone).filter(contract__project__fiscal_year__in=years).order_by()
                .values_list("contract__project__fiscal_year")
                .annotate(planned=Sum("planned_amount"), paid=Sum("paid_amount")))
    for year, planned, paid in payments:
        spend[year].planned = _amount(planned)
        spend[year].paid = _amount(paid)
    return spend


@dataclass
class ProcurementFigures:
    contracts_signed: int = 0
    contract_amount: Decimal = ZERO
    paid_in_period: Decimal = ZERO
    spend: Spend | None = None     # the period's fiscal year
    evaluations: list = field(default_factory=list)   # [(contract, WeightedScore)] evaluated in the period
    acceptances: dict = field(default_factory=dict)   # {result: n} in the period


def procurement_figures(scope: Scope, period: Period) -> ProcurementFigures:
    from apps.procurement.models import Acceptance, Evaluation

    signed = scope.rows(Contract).filter(signed_on__range=(period.start, period.end)).aggregate(
        n=Count("pk"), amount=Sum("amount"))
    paid = scope.rows(PaymentMilestone).filter(paid_on__range=(period.start, period.end)).aggregate(t=Sum("paid_amount"))
    evaluated = (scope.rows(Contract)
                 .filter(pk__in=Evaluation.objects.filter(evaluated_on__range=(period.start, period.end))
                         .values("contract"))
                 .select_related("project", "provider").prefetch_related("evaluations").order_by("number"))
    acceptances = dict(scope.rows(Acceptance).filter(accepted_on__range=(period.start, period.end)).order_by()
                       .values_list("result").annotate(n=Count("pk")))
    return ProcurementFigures(
        contracts_signed=signed["n"], contract_amount=_amount(signed["amount"]), paid_in_period=_amount(paid["t"]),
        spend=spend_by_year(scope, [period.end.year])[period.end.year],
        evaluations=[(c, procurement_selectors.weighted_score(c.evaluations.all())) for c in evaluated],
        acceptances=acceptances,
    )


# --- Alerts -------------------------------------------------------------------------------------

@dataclass
class Alerts:
    reports_overdue: int
    grades_expiring: int
    new_listings: int
    reports_late: int
    serious_candidates: int
    publication_overdue: int
    filing_overdue: int
    records_pending: int
    stars_under_review: int         # volunteers with a star award under review
    likely_duplicates: int          # volunteers registered again with another document


def grades_expiring_condition(today) -> Q:
    """Over ``Organization.with_current_grade(today)``: the current grade expires within
    ``GRADE_EXPIRY_WARNING_MONTHS`` (the rule of ``EvaluationGrade.expires_soon``)."""
    return Q(current_grade_valid_until__gt=today,
             current_grade_valid_until__lte=add_months(today, org_selectors.GRADE_EXPIRY_WARNING_MONTHS))


def recently_listed_organizations(today):
    """A subquery of organizations put on a credit list in the last ``NEW_LISTING_DAYS`` days."""
    since = today - datetime.timedelta(days=NEW_LISTING_DAYS)
    return CreditListing.objects.filter(listed_on__gt=since, listed_on__lte=today).values("organization")


def alerts(scope: Scope, today) -> Alerts:
    organizations = scope.rows(Organization)
    overdue = procurement_selectors.overdue_counts(scope.rows(Contract), today)
    deadlines = org_selectors.annual_report_deadlines()  # one read for both report conditions
    # New listings and candidates for either credit list in one pass over the organizations.
    listings = organizations.aggregate(
        new=Count("pk", filter=Q(pk__in=recently_listed_organizations(today))),
        late=Count("pk", filter=org_selectors.late_report_condition(today, deadlines=deadlines)),
        serious_candidates=Count("pk", filter=org_selectors.serious_list_candidate_condition(today)),
    )
    return Alerts(
        reports_overdue=organizations.filter(org_selectors.overdue_report_condition(today, deadlines=deadlines)).count(),
        grades_expiring=organizations.with_current_grade(today).filter(grades_expiring_condition(today)).count(),
        new_listings=listings["new"],
        reports_late=listings["late"],
        serious_candidates=listings["serious_candidates"],
        publication_overdue=overdue["publication"],
        filing_overdue=overdue["filing"],
        records_pending=scope.rows(ServiceRecord).filter(status=RecordStatus.PENDING).count(),
        stars_under_review=scope.rows(Volunteer).filter(pk__in=volunteers_with_awards_under_review()).count(),
        likely_duplicates=scope.rows(Volunteer).filter(duplicate_review=DuplicateReview.LIKELY).count(),
    )
