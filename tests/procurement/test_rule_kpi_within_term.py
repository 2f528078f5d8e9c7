"""Rule (issue 15.6): KPI actuals count only what was delivered inside the contract term: linked
activities that start on a day of the term (local time, both ends included), and confirmed hours
served on a day of the term. The contract page marks linked activities outside the term."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.activities.models import ServiceRecord
from apps.procurement import selectors, services
from apps.procurement.models import TargetKind
from tests.personas import STREET_STAFF
from tests.procurement import factories
from tests.volunteers.factories import make_activity, make_volunteer

pytestmark = pytest.mark.django_db

# factories.contract: the term runs 2025-03-10 → 2026-03-09.


def _at(year, month, day, hour):
    return timezone.make_aware(datetime.datetime(year, month, day, hour, 0))


def _linked(world, contract, start, *, people, name):
    activity = make_activity(world.org_a, start=start, hours=2, name=name)
    activity.contract, activity.beneficiary_count = contract, people
    activity.save()
    return activity


def _confirmed(activity, volunteer, hours):
    ServiceRecord.objects.create(volunteer=volunteer, activity=activity, started_at=activity.starts_at,
                                 ended_at=activity.ends_at, hours=Decimal(hours), status="confirmed")


def test_only_activities_and_hours_inside_the_term_count(world):
    contract = factories.performing_contract(world)
    for kind in (TargetKind.SERVICE_SESSIONS, TargetKind.PEOPLE_SERVED, TargetKind.VOLUNTEER_HOURS):
        services.target_set(actor=world.user(STREET_STAFF), contract=contract, kind=kind, target_value=Decimal(10))
    volunteer = make_volunteer(world.community_a1, organization=world.org_a)
    cases = [
        (_at(2025, 3, 9, 22), 100, "1", "签约后开工前"),  # the day before the term: not counted
        (_at(2025, 3, 10, 0), 10, "2", "首日"),  # local midnight of the first day (16:00 UTC the day before)
        (_at(2026, 3, 9, 21), 20, "3", "末日"),  # the last day, late evening (13:00 UTC)
        (_at(2026, 3, 10, 7), 1000, "4", "期满次日"),  # the day after the term (23:00 UTC the day before)
    ]
    for start, people, hours, name in cases:
        _confirmed(_linked(world, contract, start, people=people, name=name), volunteer, hours)
    actuals = {row.target.kind: row.actual for row in selectors.target_progress([contract])[contract.pk]}
    assert actuals == {TargetKind.SERVICE_SESSIONS: 2, TargetKind.PEOPLE_SERVED: 30,
                       TargetKind.VOLUNTEER_HOURS: Decimal("5")}


def test_terms_of_several_contracts_are_each_their_own(world):
    early = factories.performing_contract(world)
    late = factories.performing_contract(world, number="XH-2025-002", signed_on=datetime.date(2025, 9, 1),
                                         start_date=datetime.date(2025, 9, 1), end_date=datetime.date(2026, 8, 31))
    for contract in (early, late):
        _linked(world, contract, _at(2025, 5, 1, 9), people=5, name=f"五一活动{contract.number}")
    counted = selectors.counted_actuals([early, late])
    assert counted[early.pk][TargetKind.SERVICE_SESSIONS] == 1
    assert counted[late.pk][TargetKind.SERVICE_SESSIONS] == 0  # before the later contract's term


def test_contract_page_marks_linked_activities_outside_the_term(world, client_for):
    contract = factories.performing_contract(world)
    _linked(world, contract, _at(2025, 4, 1, 9), people=5, name="四月助餐")
    _linked(world, contract, _at(2026, 4, 1, 9), people=5, name="期满后助餐")
    page = client_for(STREET_STAFF).get(reverse("office:procurement_contract_detail", args=[contract.pk]))
    rows = page.content.decode().split('data-testid="linked-activities"')[1].split("</ul>")[0]
    inside, outside = (line for line in rows.split("<li") if "助餐" in line)
    assert "期满后助餐" in inside and 'data-testid="outside-term"' in inside  # newest first
    assert "四月助餐" in outside and 'data-testid="outside-term"' not in outside
