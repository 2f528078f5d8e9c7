"""Reads for the portal home page and the review queues."""

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from apps.accounts.models import Membership
from apps.activities.models import Activity, RecordStatus, ServiceRecord
from apps.core.filters import local_day_start
from apps.organizations import selectors as registry
from apps.organizations.models import ACTIVE_STATUSES, FILED_RESULTS, AnnualReport
from apps.procurement.models import Contract, ProgressReport, ReportStatus

from .models import ChangeRequest, Decision, Notification

#: A contract in its term owes a progress report when none covers the last this many days.
PROGRESS_REPORT_INTERVAL_DAYS = 90


@dataclass
class ToDo:
    label: str
    count: int
    url: str | None
    urgent: bool = False


def optional_url(name, organization):
    """The URL of a portal page if it exists (pages land feature by feature), else None."""
    try:
        return reverse(name, kwargs={"org": organization.code})
    except NoReverseMatch:
        return None


def contracts_owing_progress_report(organization, *, on_date):
    recent = ProgressReport.objects.filter(
        contract=OuterRef("pk"), period_end__gte=on_date - datetime.timedelta(days=PROGRESS_REPORT_INTERVAL_DAYS),
    ).exclude(status=ReportStatus.RETURNED)
    return (Contract.objects.for_organization(organization)
            .filter(start_date__lte=on_date - datetime.timedelta(days=PROGRESS_REPORT_INTERVAL_DAYS),
                    end_date__gte=on_date)
            .filter(~Exists(recent)))


def annual_report_todo(organization, *, on_date) -> ToDo | None:
    """The next annual report the organization owes (registered, active organizations only)."""
    if not organization.is_registered or organization.status not in ACTIVE_STATUSES:
        return None
    overdue_year = registry.last_due_report_year(organization.legal_form, on_date)
    filed = set(AnnualReport.objects.filter(organization=organization, result__in=FILED_RESULTS,
                                            year__in=[overdue_year, overdue_year + 1])
                .values_list("year", flat=True))
    url = optional_url("portal:work_annual_reports", organization)
    if registry.is_annual_report_overdue(organization, on_date=on_date):
        return ToDo(_("Annual report for %(year)s is overdue") % {"year": overdue_year}, 1, url, urgent=True)
    year = overdue_year + 1
    if year in filed or year >= on_date.year:
        return None
    due = registry.report_due_on(organization.legal_form, year)
    return ToDo(_("Annual report for %(year)s due by %(day)s") % {"year": year, "day": due.isoformat()}, 1, url)


def home_todos(organization, *, on_date) -> list[ToDo]:
    todos = []
    report = annual_report_todo(organization, on_date=on_date)
    if report:
        todos.append(report)
    owing = contracts_owing_progress_report(organization, on_date=on_date).count()
    if owing:
        todos.append(ToDo(_("Contracts owing a progress report"), owing,
                          optional_url("portal:work_contract_list", organization)))
    pending = ServiceRecord.objects.for_organization(organization).filter(status=RecordStatus.PENDING).count()
    if pending:
        todos.append(ToDo(_("Service records awaiting confirmation"), pending,
                          optional_url("portal:work_record_list", organization)))
    changes = ChangeRequest.objects.for_organization(organization).filter(status=Decision.PENDING).count()
    if changes:
        todos.append(ToDo(_("Change requests awaiting review"), changes, optional_url("portal:profile", organization)))
    return todos


def home_figures(organization, *, on_date) -> list[tuple[str, int, str | None]]:
    year_start = datetime.date(on_date.year, 1, 1)
    return [
        (_("Members"), Membership.objects.filter(organization=organization).count(), None),
        (_("Activities this year"), Activity.objects.for_organization(organization)
         .filter(starts_at__gte=local_day_start(year_start)).count(),
         optional_url("portal:work_activity_list", organization)),
        (_("Contracts in term"), Contract.objects.for_organization(organization)
         .filter(start_date__lte=on_date, end_date__gte=on_date).count(),
         optional_url("portal:work_contract_list", organization)),
    ]


def unread_notifications(user, limit=10):
    return list(Notification.objects.filter(user=user, read_at__isnull=True)[:limit])
