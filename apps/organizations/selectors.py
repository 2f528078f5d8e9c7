"""Reads of the registry that encode DOMAIN §2's rules: deadlines, overdue reports, grade
eligibility, credit status and whether an organization may be awarded a contract.

Every function takes the date it judges on (``on_date``) so that tests and reports can ask
"as at" any day.
"""

import calendar
import datetime

from django.core.exceptions import ImproperlyConfigured
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, Subquery
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from . import conf
from .models import (
    ACTIVE_STATUSES, CLOSED_STATUSES, FILED_RESULTS, REGISTERED_FORMS, AnnualReport, AnnualReportDeadline, AnnualReportResult,
    CreditListing, CreditListKind, CreditStatus, EvaluationGrade, LegalForm, ManagementMode, Organization,
    OrgStatus, Penalty, add_years,
)
from .models.records import deadline_day_exists

# Award of government-purchased services: no major violation and no serious listing in 3 years.
AWARD_CLEAN_YEARS = 3
# Leaving the serious list needs two clean years on it.
SERIOUS_LIST_MINIMUM_YEARS = 2
# Evaluation needs two full years registered.
GRADE_MINIMUM_FULL_YEARS = 2
# Grades expiring within this many months are flagged.
GRADE_EXPIRY_WARNING_MONTHS = 6


def _day(value):
    return date_format(value, "Y-m-d")


# --- Annual reports ---------------------------------------------------------------------------

def annual_report_deadlines() -> dict:
    """{legal form: (month, day)}: the editable table first, then settings, then 31 May. A
    setting naming a day that does not exist (31 April) fails loudly instead of moving it."""
    configured = conf.annual_report_deadlines()
    deadlines = {form: tuple(configured.get(form, conf.DEFAULT_DEADLINE)) for form in LegalForm.values}
    for form, (month, day) in deadlines.items():
        if not deadline_day_exists(month, day):
            raise ImproperlyConfigured(f"ORGANIZATION_ANNUAL_REPORT_DEADLINES[{form!r}] = ({month}, {day}) "
                                       "is not a day of the calendar.")
    for row in AnnualReportDeadline.objects.all():
        deadlines[row.legal_form] = (row.month, row.day)
    return deadlines


def report_due_on(legal_form, report_year, *, deadlines=None) -> datetime.date:
    """The day the report on ``report_year`` is due (in the following year)."""
    month, day = (deadlines or annual_report_deadlines())[legal_form]
    if (month, day) == (2, 29) and not calendar.isleap(report_year + 1):
        day = 28  # the last day of February in a common year; other days were refused on entry
    return datetime.date(report_year + 1, month, day)


def last_due_report_year(legal_form, on_date, *, deadlines=None) -> int:
    """The newest report year whose deadline has passed on ``on_date``."""
    if on_date > report_due_on(legal_form, on_date.year - 1, deadlines=deadlines):
        return on_date.year - 1
    return on_date.year - 2


def overdue_report_condition(on_date, *, deadlines=None) -> Q:
    """A ``Q`` over Organization: a registered, active organization whose last due report is
    missing (or recorded as not submitted). One condition per legal form (a few rows)."""
    deadlines = deadlines or annual_report_deadlines()
    condition = Q(pk__in=[])
    for form in REGISTERED_FORMS:
        year = last_due_report_year(form, on_date, deadlines=deadlines)
        if year < datetime.MINYEAR:  # a day in year 1 or 2 (typed as 0001-01-01): no report was due yet
            continue
        filed = AnnualReport.objects.filter(organization=OuterRef("pk"), year=year, result__in=FILED_RESULTS)
        condition |= Q(legal_form=form, founded_on__lte=datetime.date(year, 12, 31)) & ~Exists(filed)
    return condition & Q(management_mode=ManagementMode.REGISTERED, status__in=ACTIVE_STATUSES)


def is_annual_report_overdue(organization, *, on_date) -> bool:
    return Organization.objects.filter(pk=organization.pk).filter(overdue_report_condition(on_date)).exists()


def overdue_reports_by_organization(organizations, *, on_date) -> dict[int, list[str]]:
    """{pk: reasons} of the organizations whose annual reports are not done on ``on_date`` (the
    last due report missing or recorded as not submitted; empty when done), in two queries."""
    organizations = list(organizations)
    deadlines = annual_report_deadlines()
    overdue = set(Organization.objects.filter(pk__in=[o.pk for o in organizations])
                  .filter(overdue_report_condition(on_date, deadlines=deadlines)).values_list("pk", flat=True))
    reasons = {}
    for organization in organizations:
        reasons[organization.pk] = []
        if organization.pk in overdue:
            year = last_due_report_year(organization.legal_form, on_date, deadlines=deadlines)
            due = report_due_on(organization.legal_form, year, deadlines=deadlines)
            reasons[organization.pk].append(
                _("The annual report for %(year)s was due on %(day)s and has not been submitted.")
                % {"year": year, "day": _day(due)})
    return reasons


def overdue_report_reasons(organization, *, on_date) -> list[str]:
    return overdue_reports_by_organization([organization], on_date=on_date)[organization.pk]


# --- Grades -----------------------------------------------------------------------------------

def current_grade(organization, *, on_date) -> EvaluationGrade | None:
    """The newest grade valid on ``on_date`` (5 years from the grade date), or None."""
    return (
        EvaluationGrade.objects.filter(organization=organization, evaluated_on__lte=on_date, valid_until__gt=on_date)
        .order_by("-evaluated_on", "-pk").first()
    )


def grade_for_score(score) -> int | None:
    """The grade a score earns under the local cut-offs (None below the lowest)."""
    for grade, lowest in sorted(conf.grade_cutoffs().items(), reverse=True):
        if score >= lowest:
            return grade
    return None


def grade_eligibility(organization, *, on_date) -> list[str]:
    """Why the organization may not take part in an evaluation now; empty when it may."""
    reasons = []
    if organization.management_mode != ManagementMode.REGISTERED:
        reasons.append(_("Only registered organizations are evaluated."))
    if organization.status not in ACTIVE_STATUSES:
        reasons.append(_("The organization's status is “%(status)s”.") % {"status": organization.get_status_display()})
    if organization.founded_on is None:
        reasons.append(_("The date of establishment is not recorded."))
    elif organization.founded_on > datetime.date(on_date.year - GRADE_MINIMUM_FULL_YEARS, 1, 1):
        reasons.append(_("Registered for less than two full years (established %(day)s).")
                       % {"day": _day(organization.founded_on)})
    if organization.management_mode == ManagementMode.REGISTERED:
        year = last_due_report_year(organization.legal_form, on_date)
        results = dict(AnnualReport.objects.filter(organization=organization, year__in=[year, year - 1])
                       .values_list("year", "result"))
        last = results.get(year)
        if last is None or last == AnnualReportResult.OVERDUE:
            reasons.append(_("The annual report for %(year)s was not submitted.") % {"year": year})
        elif last == AnnualReportResult.UNQUALIFIED:
            reasons.append(_("The annual report for %(year)s was unqualified.") % {"year": year})
        elif last == results.get(year - 1) == AnnualReportResult.BASICALLY_QUALIFIED:
            reasons.append(_("Annual reports for %(first)s and %(second)s were both only basically qualified.")
                           % {"first": year - 1, "second": year})
    penalised = Penalty.objects.filter(organization=organization, decided_on__lte=on_date,
                                       decided_on__gte=datetime.date(on_date.year - 1, 1, 1)).first()
    if penalised:
        reasons.append(_("Administrative penalty on %(day)s.") % {"day": _day(penalised.decided_on)})
    for listing in open_listings(organization, on_date=on_date):
        reasons.append(_("On the %(list)s since %(day)s.")
                       % {"list": listing.get_kind_display(), "day": _day(listing.listed_on)})
    return reasons


def grade_expires_soon(grade, *, on_date) -> bool:
    return grade is not None and grade.expires_soon(on_date, GRADE_EXPIRY_WARNING_MONTHS)


# --- Credit -----------------------------------------------------------------------------------

def open_listings(organization, *, on_date):
    """Listings in force on ``on_date``."""
    return list(
        CreditListing.objects.filter(organization=organization, listed_on__lte=on_date)
        .filter(Q(removed_on__isnull=True) | Q(removed_on__gt=on_date)).order_by("listed_on")
    )


def credit_status(organization, *, on_date) -> CreditStatus:
    kinds = {listing.kind for listing in open_listings(organization, on_date=on_date)}
    if CreditListKind.SERIOUS in kinds:
        return CreditStatus.SERIOUS
    if CreditListKind.ABNORMAL in kinds:
        return CreditStatus.ABNORMAL
    return CreditStatus.NORMAL


def serious_list_incidents(listing, *, until) -> list[tuple[datetime.date, str]]:
    """What broke the clean record while on the serious list: penalties decided and other
    listings made after ``listing`` and up to ``until``, as (day, description), oldest first."""
    penalties = Penalty.objects.filter(organization=listing.organization_id, decided_on__gt=listing.listed_on,
                                       decided_on__lte=until)
    listings = CreditListing.objects.filter(organization=listing.organization_id, listed_on__gt=listing.listed_on,
                                            listed_on__lte=until).exclude(pk=listing.pk)
    incidents = [(p.decided_on, _("administrative penalty (%(document)s)") % {"document": p.decision_document})
                 for p in penalties]
    incidents += [(other.listed_on, _("put on the %(list)s (%(document)s)")
                   % {"list": other.get_kind_display(), "document": other.decision_document}) for other in listings]
    return sorted(incidents, key=lambda incident: incident[0])


def earliest_serious_removal(listing, *, until=None) -> datetime.date:
    """Leaving the serious list needs two clean years (DOMAIN §2): two years after the listing,
    or after the last incident (``serious_list_incidents`` up to ``until``) if there was one."""
    incidents = serious_list_incidents(listing, until=until) if until is not None else []
    clean_since = incidents[-1][0] if incidents else listing.listed_on
    return add_years(clean_since, SERIOUS_LIST_MINIMUM_YEARS)


def award_refusals(organization, *, on_date) -> list[str]:
    """Why the organization may NOT be awarded a government contract on ``on_date``; an empty
    list means it may (DOMAIN §5: on no credit list, no major violation in the last 3 years)."""
    return award_refusals_by_organization([organization], on_date=on_date)[organization.pk]


def award_refusals_by_organization(organizations, *, on_date) -> dict[int, list[str]]:
    """``award_refusals`` of several organizations in two queries (the award page's candidates)."""
    organizations = list(organizations)
    reasons = {organization.pk: [] for organization in organizations}
    for organization in organizations:
        if organization.status != OrgStatus.NORMAL:
            reasons[organization.pk].append(_("The organization's status is “%(status)s”, not “Normal”.")
                                            % {"status": organization.get_status_display()})
    window_start = add_years(on_date, -AWARD_CLEAN_YEARS)
    listings = CreditListing.objects.filter(organization__in=list(reasons), listed_on__lte=on_date) \
        .order_by("organization", "listed_on", "pk")
    for listing in listings:
        in_force = listing.removed_on is None or listing.removed_on > on_date
        if in_force:
            reasons[listing.organization_id].append(_("On the %(list)s since %(day)s (%(document)s).") % {
                "list": listing.get_kind_display(), "day": _day(listing.listed_on),
                "document": listing.decision_document})
        elif listing.kind == CreditListKind.SERIOUS and listing.listed_on > window_start:
            reasons[listing.organization_id].append(
                _("Put on the %(list)s on %(day)s, less than three years ago.") % {
                    "list": listing.get_kind_display(), "day": _day(listing.listed_on)})
    penalties = Penalty.objects.filter(organization__in=list(reasons), is_major=True, decided_on__gt=window_start,
                                       decided_on__lte=on_date).order_by("organization", "decided_on", "pk")
    for penalty in penalties:
        reasons[penalty.organization_id].append(
            _("Major violation penalised on %(day)s (%(document)s), less than three years ago.") % {
                "day": _day(penalty.decided_on), "document": penalty.decision_document})
    return reasons


def credit_events_after(organization, *, after, until) -> list[str]:
    """Listings and major penalties decided after ``after`` and up to ``until``: what a contract
    dated ``after`` does not see when it is recorded on ``until`` (a backdated signing date)."""
    events = []
    listings = CreditListing.objects.filter(organization=organization, listed_on__gt=after, listed_on__lte=until)
    for listing in listings.order_by("listed_on", "pk"):
        events.append(_("Put on the %(list)s on %(day)s (%(document)s).") % {
            "list": listing.get_kind_display(), "day": _day(listing.listed_on),
            "document": listing.decision_document})
    penalties = Penalty.objects.filter(organization=organization, is_major=True, decided_on__gt=after,
                                       decided_on__lte=until)
    for penalty in penalties.order_by("decided_on", "pk"):
        events.append(_("Major violation penalised on %(day)s (%(document)s).") % {
            "day": _day(penalty.decided_on), "document": penalty.decision_document})
    return events


# --- Candidates for the abnormal list ---------------------------------------------------------

def late_report_condition(on_date, *, deadlines=None) -> Q:
    """A ``Q`` over Organization: a registered, active organization whose report on the last due
    year was filed after its due date (DOMAIN §2: late filing makes a candidate for the abnormal
    list, like a missing report). One condition per legal form (a few rows)."""
    deadlines = deadlines or annual_report_deadlines()
    condition = Q(pk__in=[])
    for form in REGISTERED_FORMS:
        year = last_due_report_year(form, on_date, deadlines=deadlines)
        late = AnnualReport.objects.filter(organization=OuterRef("pk"), year=year, result__in=FILED_RESULTS,
                                           submitted_on__gt=report_due_on(form, year, deadlines=deadlines))
        condition |= Q(legal_form=form) & Q(Exists(late))
    return condition & Q(management_mode=ManagementMode.REGISTERED, status__in=ACTIVE_STATUSES)


def late_report_years(reports, legal_form) -> set[int]:
    """The years of ``reports`` (of one organization) that were filed after their due date."""
    deadlines = annual_report_deadlines()
    return {report.year for report in reports
            if report.submitted_on and report.result in FILED_RESULTS
            and report.submitted_on > report_due_on(legal_form, report.year, deadlines=deadlines)}


def abnormal_list_candidacy(organization, *, on_date) -> list[str]:
    """Why the organization is a candidate for the abnormal list on ``on_date`` (its last due
    report missing or filed late); empty when it is not, or is on that list already. One query
    whatever the answer (the organization page pins its query count)."""
    deadlines = annual_report_deadlines()
    year = last_due_report_year(organization.legal_form, on_date, deadlines=deadlines)
    due = report_due_on(organization.legal_form, year, deadlines=deadlines)
    listed = CreditListing.objects.filter(
        Q(removed_on__isnull=True) | Q(removed_on__gt=on_date), organization=OuterRef("pk"),
        kind=CreditListKind.ABNORMAL, listed_on__lte=on_date)
    submitted = AnnualReport.objects.filter(organization=OuterRef("pk"), year=year).values("submitted_on")[:1]
    flags = Organization.objects.filter(pk=organization.pk).annotate(
        listed=Exists(listed),
        overdue=ExpressionWrapper(overdue_report_condition(on_date, deadlines=deadlines), BooleanField()),
        late=ExpressionWrapper(late_report_condition(on_date, deadlines=deadlines), BooleanField()),
        submitted=Subquery(submitted),
    ).values("listed", "overdue", "late", "submitted").get()
    if flags["listed"]:
        return []
    if flags["overdue"]:
        return [_("The annual report for %(year)s, due on %(due)s, was not filed.") % {"year": year, "due": _day(due)}]
    if flags["late"]:
        return [_("The annual report for %(year)s was filed on %(day)s, after its due date %(due)s.")
                % {"year": year, "day": _day(flags["submitted"]), "due": _day(due)}]
    return []


# --- Candidates for the serious list ----------------------------------------------------------

#: Two years on the abnormal list make an organization a candidate for the serious list
#: (DOMAIN §2); the registration authority decides, the street office sees the flag.
ABNORMAL_TO_SERIOUS_YEARS = 2


def _in_force(on_date) -> Q:
    return Q(listed_on__lte=on_date) & (Q(removed_on__isnull=True) | Q(removed_on__gt=on_date))


def serious_list_candidate_condition(on_date) -> Q:
    """A ``Q`` over Organization: an abnormal listing in force for at least two years on
    ``on_date``, no serious listing in force, not closed. Two subqueries, no extra query."""
    since = add_years(on_date, -ABNORMAL_TO_SERIOUS_YEARS)
    listings = CreditListing.objects.filter(_in_force(on_date), organization=OuterRef("pk"))
    return (Q(Exists(listings.filter(kind=CreditListKind.ABNORMAL, listed_on__lte=since)))
            & ~Q(Exists(listings.filter(kind=CreditListKind.SERIOUS)))
            & ~Q(status__in=CLOSED_STATUSES))


def serious_list_candidacy(organization, *, on_date) -> CreditListing | None:
    """The abnormal listing (the oldest in force for two years) that makes the organization a
    candidate for the serious list on ``on_date``, or None."""
    if not Organization.objects.filter(pk=organization.pk).filter(serious_list_candidate_condition(on_date)).exists():
        return None
    since = add_years(on_date, -ABNORMAL_TO_SERIOUS_YEARS)
    return (CreditListing.objects.filter(_in_force(on_date), organization=organization, kind=CreditListKind.ABNORMAL,
                                         listed_on__lte=since).order_by("listed_on", "pk").first())


def serious_list_due_on(listing) -> datetime.date:
    """The day an abnormal listing has lasted two years."""
    return add_years(listing.listed_on, ABNORMAL_TO_SERIOUS_YEARS)


def open_credit_listings(today):
    """The credit lists as published (信息公开): organizations on a list on ``today``, by the columns
    the public disclosure page and the API show (no person), so a new personal field is not picked up."""
    return (
        CreditListing.objects.filter(listed_on__lte=today, removed_on__isnull=True)
        .select_related("organization")
        .only("kind", "listed_on", "decision_document", "decided_by", "organization__name",
              "organization__credit_code", "organization__filing_number")
        .order_by("kind", "-listed_on", "-pk")
    )
