"""Activities link the purchased-service contract they deliver by a foreign key; KPI actuals
on the contract are counts of the linked records, through the real record workflow."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.activities import services as activity_services
from apps.activities.models import Activity, ServiceRecord
from apps.procurement import selectors
from apps.procurement.models import TargetKind
from tests.personas import STREET_STAFF
from tests.procurement import factories
from tests.volunteers.factories import make_activity, make_volunteer

pytestmark = pytest.mark.django_db


def _actuals(contract):
    return selectors.counted_actuals([contract])[contract.pk]


def test_kpi_actuals_follow_records_through_enter_confirm_and_void(world):
    actor = world.user(STREET_STAFF)
    contract = factories.performing_contract(world)
    start = timezone.make_aware(datetime.datetime(2025, 5, 6, 9, 0))
    volunteers = [make_volunteer(world.community_a1, organization=world.org_a) for _ in range(3)]
    first = make_activity(world.org_a, start=start, hours=3)
    second = make_activity(world.org_a, start=start + datetime.timedelta(days=1), hours=2)
    assert _actuals(contract) == {TargetKind.SERVICE_SESSIONS: 0, TargetKind.PEOPLE_SERVED: 0,
                                  TargetKind.VOLUNTEER_HOURS: 0}

    for activity, people in [(first, 20), (second, 15)]:
        activity.contract, activity.beneficiary_count = contract, people
        activity.save()
    assert _actuals(contract)[TargetKind.SERVICE_SESSIONS] == 2
    assert _actuals(contract)[TargetKind.PEOPLE_SERVED] == 35

    records = activity_services.records_enter(actor=actor, activity=first,
                                              entries=[{"volunteer": v} for v in volunteers])
    activity_services.records_enter(actor=actor, activity=second,
                                    entries=[{"volunteer": volunteers[0], "hours": Decimal("1.5")}])
    assert _actuals(contract)[TargetKind.VOLUNTEER_HOURS] == 0  # pending hours do not count

    activity_services.record_void(actor=actor, record=records[2], reason="重复登记")
    activity_services.records_confirm(actor=actor, records=ServiceRecord.objects.filter(activity=first))
    assert _actuals(contract)[TargetKind.VOLUNTEER_HOURS] == Decimal("6.00")  # the void one is out

    activity_services.records_confirm(actor=actor, records=ServiceRecord.objects.filter(activity=second))
    assert _actuals(contract)[TargetKind.VOLUNTEER_HOURS] == Decimal("7.50")
    corrected = activity_services.record_correct(actor=actor, record=ServiceRecord.objects.get(pk=records[0].pk),
                                                 reason="提前离场", hours=Decimal("1"))
    assert _actuals(contract)[TargetKind.VOLUNTEER_HOURS] == Decimal("4.50")  # the new version is pending
    activity_services.records_confirm(actor=actor, records=ServiceRecord.objects.filter(pk=corrected.pk))
    confirmed = ServiceRecord.objects.filter(activity__contract=contract, status="confirmed")
    expected = sum((r.hours for r in confirmed), Decimal("0"))
    assert expected == Decimal("5.50")
    assert _actuals(contract)[TargetKind.VOLUNTEER_HOURS] == expected

    second.is_cancelled = True
    second.save()
    assert _actuals(contract) == {TargetKind.SERVICE_SESSIONS: 1, TargetKind.PEOPLE_SERVED: 20,
                                  TargetKind.VOLUNTEER_HOURS: Decimal("4.00")}


def _activity_post(world, **extra):
    return {
        "name": "助餐服务", "organizer_kind": "organization", "organization": world.org_a.pk,
        "community": world.community_a1.pk, "place": "社区食堂", "starts_at": "2025-05-06T09:00",
        "ends_at": "2025-05-06T11:00", "category": "elderly", "lead_person": "王芳", "positions": "", **extra,
    }


def test_activity_form_links_only_the_organizers_contracts(world, client_for):
    contract = factories.performing_contract(world)  # provider: org A
    other = factories.performing_contract(world, number="XH-2025-077", provider=world.org_a2)
    client = client_for(STREET_STAFF)
    page = client.get(reverse("office:activity_create"))
    assert contract.number in page.content.decode()

    refused = client.post(reverse("office:activity_create"), _activity_post(world, contract=other.pk))
    assert refused.status_code == 200 and "contract" in refused.context["form"].errors
    assert not Activity.objects.filter(name="助餐服务").exists()

    done = client.post(reverse("office:activity_create"), _activity_post(world, contract=contract.pk))
    activity = Activity.objects.get(name="助餐服务")
    assert done.status_code == 302 and activity.contract == contract
    detail = client.get(reverse("office:activity_detail", args=[activity.pk])).content.decode()
    assert contract.number in detail and reverse("office:procurement_contract_detail", args=[contract.pk]) in detail
    contract_page = client.get(reverse("office:procurement_contract_detail", args=[contract.pk])).content.decode()
    assert reverse("office:activity_detail", args=[activity.pk]) in contract_page


def test_activity_form_offers_no_contract_of_another_street(world, client_for):
    foreign = factories.contract(world, factories.project(world, purchaser=world.street_b), provider=world.org_b,
                                 number="XH-2025-088", actor=world.user("superuser"))
    response = client_for(STREET_STAFF).post(reverse("office:activity_create"),
                                             _activity_post(world, contract=foreign.pk))
    assert "contract" in response.context["form"].errors
    assert not Activity.objects.filter(name="助餐服务").exists()
