"""The dashboard's monthly figures (read from the kept per-area figures) equal a recount from
the records for every kind of scope: the user's own area, an area narrowed inside it, an area
outside it, a superuser over the whole city, and organization users (counted from the rows)."""

from collections import Counter, defaultdict
from decimal import Decimal

import pytest
from django.utils import timezone

from apps.activities.models import ServiceRecord
from apps.reports import selectors
from apps.reports.scope import Scope
from tests.personas import CITY_STAFF, COMMUNITY_WORKER, ORG_A_ADMIN, STREET_STAFF, SUPERUSER
from tests.reports import expected
from tests.reports.builders import build

pytestmark = pytest.mark.django_db


def per_month(records, start):
    hours, people = defaultdict(Decimal), defaultdict(set)
    for record in records:
        month = timezone.localtime(record.started_at).date().replace(day=1)
        if month >= start:
            hours[month] += record.hours
            people[month].add(record.volunteer_id)
    return dict(hours), {month: len(ids) for month, ids in people.items()}


def registrations(area, start):
    return Counter(timezone.localtime(created).date().replace(day=1) for created in
                   expected.volunteers(area).distinct().values_list("created_at", flat=True)
                   if timezone.localtime(created).date() >= start)


def months_of(world, persona, area_name, built):
    area = getattr(world, area_name) if area_name else None
    return selectors.volunteer_months(Scope(world.user(persona), area), built.today).months


@pytest.mark.parametrize("persona, narrowed, seen", [
    (STREET_STAFF, None, "street_a"), (STREET_STAFF, "community_a1", "community_a1"),
    (STREET_STAFF, "street_b", None), (STREET_STAFF, "city", "street_a"), (CITY_STAFF, "street_b", "street_b"),
    (COMMUNITY_WORKER, None, "community_a1"), (SUPERUSER, None, "city"), (SUPERUSER, "street_a", "street_a"),
])
def test_months_equal_a_recount_of_the_records(world, persona, narrowed, seen):
    built = build(world)
    months = months_of(world, persona, narrowed, built)
    start = months[0].month
    if seen is None:
        assert all((m.hours, m.volunteers, m.new_volunteers) == (0, 0, 0) for m in months)
        return
    area = getattr(world, seen)
    hours, people = expected.hours_per_month(area, start)
    assert hours and {m.month: m.hours for m in months if m.hours} == hours
    assert {m.month: m.volunteers for m in months if m.volunteers} == people
    assert {m.month: m.new_volunteers for m in months if m.new_volunteers} == registrations(area, start)
    scope = Scope(world.user(persona), getattr(world, narrowed) if narrowed else None)
    assert selectors.volunteer_months(scope, built.today).party_members == expected.volunteers(area).filter(
        political_status__in=["cpc", "cpc_probationary"]).distinct().count()


def test_organization_users_count_their_organizations_records(world):
    built = build(world)
    months = months_of(world, ORG_A_ADMIN, None, built)
    records = ServiceRecord.objects.filter(status="confirmed", activity__organization=world.org_a)
    hours, people = per_month(records, months[0].month)
    assert hours and {m.month: m.hours for m in months if m.hours} == hours
    assert {m.month: m.volunteers for m in months if m.volunteers} == people
