"""Reads for the portal home page and the review queues."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Subquery
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from apps.accounts.models import Invitation, Membership
from apps.activities.models import Activity, RecordStatus, ServiceRecord
from apps.core.filters import local_day_start
from apps.organizations import selectors as registry
from apps.organizations.models import ACTIVE_STATUSES, FILED_RESULTS, AnnualReport, Organization
from apps.procurement.models import Contract, ProgressReport, ReportStatus
from apps.volunteers.models import VolunteerMembership

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


@dataclass
class FirstStep:
    key: str
    label: str
    done: bool
    url: str | None  # None: the user's role may not take this step (or the page does not exist)
    hint: str = ""


#: The registry fields an organization's profile needs before it counts as complete (contact phone
#: and service domains are checked apart: one is encrypted, the other a many-to-many).
PROFILE_FIELDS = ("residence", "purpose", "representative", "founded_on", "contact_name")


def first_steps(organization, membership) -> list[FirstStep]:
    """What a new organization does first, with done / not done, in one query: its profile complete,
    colleagues invited, volunteers registered, a first activity. ``membership`` (the viewer's) decides
    which steps link to their page: the viewer's role may not allow every step."""
    here = OuterRef("pk")
    flags = Organization.objects.filter(pk=organization.pk).annotate(
        has_domains=Exists(Organization.domains.through.objects.filter(organization_id=here)),
        members=Subquery(Membership.objects.filter(organization=here).order_by().values("organization")
                         .annotate(n=Count("pk")).values("n")),
        has_invitation=Exists(Invitation.objects.filter(organization=here, cancelled_at__isnull=True)),
        has_volunteers=Exists(VolunteerMembership.objects.filter(organization=here, left_on__isnull=True)),
        has_activity=Exists(Activity.objects.filter(organization=here)),
    ).values("has_domains", "members", "has_invitation", "has_volunteers", "has_activity").get()
    # The applicant is the first member: a second one, or an invitation not cancelled, counts.
    has_colleagues = (flags["members"] or 0) > 1 or flags["has_invitation"]
    missing = [organization._meta.get_field(name).verbose_name for name in PROFILE_FIELDS
               if not getattr(organization, name)]
    if not organization.contact_phone:
        missing.append(organization._meta.get_field("contact_phone").verbose_name)
    if not flags["has_domains"]:
        missing.append(organization._meta.get_field("domains").verbose_name)

    hint = _("Missing: %(fields)s") % {"fields": pgettext("list separator", ", ").join(map(str, missing))}

    def url(name, role):
        return optional_url(name, organization) if membership.has_role(role) else None

    return [
        FirstStep("profile", _("Complete the organization's profile"), not missing, url("portal:profile", "viewer"),
                  hint if missing else ""),
        FirstStep("members", _("Invite colleagues to the portal"), has_colleagues,
                  url("portal:member_invite", "admin")),
        FirstStep("volunteers", _("Register your volunteers"), flags["has_volunteers"],
                  url("portal:work_volunteer_register", "editor")),
        FirstStep("activity", _("Record your first activity"), flags["has_activity"],
                  url("portal:work_activity_create", "editor")),
    ]
