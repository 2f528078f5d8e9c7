"""Expected figures computed independently with plain ORM queries over an area's subtree
(no scoping helpers, no selectors): what the dashboard and the report must agree with."""

from collections import Counter, defaultdict
from decimal import Decimal

from django.db.models import Sum
from django.utils import timezone

from apps.activities.models import Activity, ServiceRecord
from apps.organizations.models import Organization
from apps.procurement.models import Contract, PaymentMilestone, Project
from apps.volunteers.models import Volunteer


def organizations(area):
    return Organization.objects.filter(area__path__startswith=area.path)


def active_organizations(area):
    return organizations(area).filter(status__in=["normal", "changing"])


def party(area):
    active = list(active_organizations(area).values_list("party_org_type", "party_member_count"))
    covered = sum(1 for kind, _m in active if kind != "none")
    return {"organizations": len(active), "covered": covered, "members": sum(m for _k, m in active)}


def by_form(area):
    return Counter(organizations(area).values_list("legal_form", flat=True))


def by_status(area):
    return Counter(organizations(area).values_list("status", flat=True))


def confirmed_in(area, start=None, end=None):
    """Confirmed records of activities in the area, by local service date in [start, end]."""
    records = ServiceRecord.objects.filter(status="confirmed", activity__community__path__startswith=area.path)
    result = []
    for record in records:
        day = timezone.localtime(record.started_at).date()
        if (start is None or day >= start) and (end is None or day <= end):
            result.append(record)
    return result


def hours_per_month(area, start):
    hours, people = defaultdict(Decimal), defaultdict(set)
    for record in confirmed_in(area, start):
        month = timezone.localtime(record.started_at).date().replace(day=1)
        hours[month] += record.hours
        people[month].add(record.volunteer_id)
    return dict(hours), {month: len(ids) for month, ids in people.items()}


def activities_held(area, start, end):
    return [a for a in Activity.objects.filter(community__path__startswith=area.path, is_cancelled=False)
            if start <= timezone.localtime(a.starts_at).date() <= end]


def volunteers(area):
    """Residents of the area or members of an organization based there."""
    return Volunteer.objects.filter(community__path__startswith=area.path) | Volunteer.objects.filter(
        memberships__organization__area__path__startswith=area.path)


def budget(area, year):
    return Project.objects.filter(purchaser__path__startswith=area.path, fiscal_year=year).aggregate(
        t=Sum("budget_amount"))["t"] or Decimal(0)


def committed(area, year):
    return Contract.objects.filter(project__purchaser__path__startswith=area.path, project__fiscal_year=year).aggregate(
        t=Sum("amount"))["t"] or Decimal(0)


def paid(area, year):
    return PaymentMilestone.objects.filter(contract__project__purchaser__path__startswith=area.path,
                                           contract__project__fiscal_year=year).aggregate(
        t=Sum("paid_amount"))["t"] or Decimal(0)
