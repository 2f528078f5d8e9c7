"""The organization services own their rules, whoever calls them: only the street office changes
a status (not only the status page checks it), and ``organization_update`` refreshes the kept
areas of the volunteers when an organization moves."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from apps.organizations import services
from apps.organizations.models import (
    CreditListing, CreditListKind, EvaluationGrade, Grade, Organization, OrgStatus, StatusChange,
)
from apps.volunteers.areas import volunteer_areas_kept, volunteer_areas_recount
from tests.personas import CITY_STAFF, COMMUNITY_WORKER, ORG_A_ADMIN, STREET_STAFF, SUPERUSER
from tests.volunteers.factories import make_volunteer

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 22)


def change_status(organization, actor):
    return services.organization_status_change(organization=organization, to_status=OrgStatus.CHANGING,
                                               changed_on=TODAY, reason="变更住所", actor=actor)


@pytest.mark.parametrize("persona", [COMMUNITY_WORKER, ORG_A_ADMIN])
def test_the_status_service_refuses_who_may_not_decide(world, persona):
    with pytest.raises(PermissionDenied) as refused, translation.override("en"):
        change_status(world.org_a, world.user(persona))
    assert str(refused.value) == "Only street-office staff record this."
    world.org_a.refresh_from_db()
    assert world.org_a.status == OrgStatus.NORMAL and not StatusChange.objects.exists()


def test_the_status_service_refuses_no_actor_and_an_inactive_street_worker(world):
    street = world.user(STREET_STAFF)
    street.is_active = False
    for actor in (None, street):
        with pytest.raises(PermissionDenied):
            change_status(world.org_a, actor)
    assert not StatusChange.objects.exists()


@pytest.mark.parametrize("persona", [STREET_STAFF, CITY_STAFF, SUPERUSER])
def test_the_street_office_and_above_change_a_status(world, persona):
    change = change_status(world.org_a, world.user(persona))
    assert change.recorded_by == world.user(persona)
    world.org_a.refresh_from_db()
    assert world.org_a.status == OrgStatus.CHANGING


@pytest.mark.parametrize("persona", [COMMUNITY_WORKER, ORG_A_ADMIN])
def test_grades_and_credit_listings_are_decisions_of_the_street_office_too(world, persona):
    actor = world.user(persona)
    listing = CreditListing(organization=world.org_a, kind=CreditListKind.ABNORMAL, reason="年报逾期",
                            decision_document="西民〔2026〕1号", listed_on=TODAY)
    with pytest.raises(PermissionDenied):
        services.credit_listing_add(listing=listing, actor=actor)
    grade = EvaluationGrade(organization=world.org_a, grade=Grade.A3, certificate_number="PG-1", evaluated_on=TODAY)
    with pytest.raises(PermissionDenied):
        services.grade_record(grade=grade, actor=actor)
    listed = services.credit_listing_add(listing=listing, actor=world.user(STREET_STAFF))
    with pytest.raises(PermissionDenied):
        services.credit_listing_remove(listing=listed, removed_on=TODAY, reason="已整改", actor=actor)
    assert not EvaluationGrade.objects.exists()
    assert CreditListing.objects.get().removed_on is None


def test_the_status_page_still_answers_403_to_a_community_worker(world, client_for):
    response = client_for(COMMUNITY_WORKER).post(reverse("office:organization_status", args=[world.org_a.pk]), {
        "to_status": OrgStatus.CHANGING, "changed_on": TODAY.isoformat(), "reason": "变更住所"})
    assert response.status_code == 403 and not StatusChange.objects.exists()


def test_organization_update_moves_its_volunteers_in_the_same_save(world):
    volunteer = make_volunteer(world.community_a2, organization=world.org_a)
    organization = Organization.objects.get(pk=world.org_a.pk)
    organization.area = world.community_b1
    organization.name = "宝石邻里互助会（迁）"
    services.organization_update(organization=organization)
    organization.refresh_from_db()
    assert (organization.name, organization.area) == ("宝石邻里互助会（迁）", world.community_b1)
    kept = volunteer_areas_kept()
    assert kept == volunteer_areas_recount()
    assert (volunteer.pk, world.community_b1.pk) in kept and (volunteer.pk, world.community_a1.pk) not in kept


def test_organization_update_without_a_move_leaves_the_kept_areas(world):
    make_volunteer(world.community_a2, organization=world.org_a)
    kept = volunteer_areas_kept()
    organization = Organization.objects.get(pk=world.org_a.pk)
    organization.residence = "杭州市西湖区宝石二路2号"
    with CaptureQueriesContext(connection) as captured:
        services.organization_update(organization=organization)
    assert not any("volunteers_volunteer" in q["sql"] for q in captured.captured_queries)  # no refresh
    assert volunteer_areas_kept() == kept


def test_organization_update_sets_the_service_domains_when_given(world):
    from apps.organizations.models import ServiceDomain

    domain = ServiceDomain.objects.first()
    services.organization_update(organization=Organization.objects.get(pk=world.org_a.pk), domains=[domain])
    assert list(world.org_a.domains.all()) == [domain]
