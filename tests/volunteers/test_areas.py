"""The kept areas of every volunteer (``VolunteerArea``): after every path that registers,
moves or re-files volunteers, the kept rows are what the source tables say, and for every area
they are exactly the volunteers ``VolunteerQuerySet.in_area`` selects."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from apps.areas.models import Area
from apps.volunteers.areas import (
    registered_month, volunteer_areas_kept, volunteer_areas_rebuild, volunteer_areas_recount, volunteer_areas_refresh,
)
from apps.volunteers.models import Volunteer, VolunteerArea
from apps.volunteers.services import membership_join, membership_leave
from tests.imports.helpers import VOLUNTEER_HEADER, check_and_commit, id_number, xlsx_upload
from tests.personas import STREET_STAFF
from tests.volunteers.factories import make_volunteer

pytestmark = pytest.mark.django_db


def assert_kept_matches_sources():
    kept = volunteer_areas_kept()
    assert kept == volunteer_areas_recount()
    for area in Area.objects.all():
        expected = set(Volunteer.objects.filter(pk__in=_in_area_ids(area)).values_list("pk", flat=True))
        assert {v for v, a in kept if a == area.pk} == expected, area.name
    return kept


def _in_area_ids(area):
    # The OR of in_area, not its shortcut for the only top-level area.
    from django.db.models import Q

    from apps.volunteers.models import VolunteerMembership

    subtree = Area.objects.subtree(area)
    serving = VolunteerMembership.objects.filter(organization__area__in=subtree).values("volunteer")
    return Volunteer.objects.filter(Q(community__in=subtree) | Q(pk__in=serving)).values("pk")


def test_registration_counts_the_volunteer_in_their_community_and_every_area_above(world):
    volunteer = make_volunteer(world.community_a1, political_status="cpc")
    kept = assert_kept_matches_sources()
    month = registered_month(volunteer.created_at)
    assert {a for v, a in kept if v == volunteer.pk} == {
        world.community_a1.pk, world.street_a.pk, world.district.pk, world.city.pk}
    assert set(kept.values()) == {(month, True)}


def test_a_membership_elsewhere_adds_that_area_and_leaving_keeps_it(world):
    volunteer = make_volunteer(world.community_a1)
    membership = membership_join(volunteer=volunteer, organization=world.org_b)
    kept = assert_kept_matches_sources()
    assert (volunteer.pk, world.community_b1.pk) in kept and (volunteer.pk, world.street_b.pk) in kept
    membership_leave(membership=membership)  # staff still see volunteers who served with them
    assert (volunteer.pk, world.street_b.pk) in assert_kept_matches_sources()


def test_moving_an_organization_moves_its_volunteers(world, client_for):
    from tests.organizations.helpers import code, make_org

    organization = make_org(world.community_a1, name="宝石社区搬迁协会", credit_code=code("51330106"),
                            residence="杭州市西湖区宝石二路1号", representative="王芳",
                            registration_authority="杭州市西湖区民政局", registered_capital="3.00")
    volunteer = make_volunteer(world.community_a2, organization=organization)
    assert (volunteer.pk, world.community_a1.pk) in volunteer_areas_kept()
    client = client_for(STREET_STAFF)
    form = client.get(reverse("office:organization_update", args=[organization.pk])).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(area=world.community_a2.pk, domains=[d.pk for d in data.get("domains", [])])
    response = client.post(reverse("office:organization_update", args=[organization.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    organization.refresh_from_db()
    assert organization.area == world.community_a2
    kept = assert_kept_matches_sources()
    assert (volunteer.pk, world.community_a1.pk) not in kept


def test_an_import_that_moves_and_re_files_volunteers_updates_their_areas(world):
    actor = world.user(STREET_STAFF)
    rows = [VOLUNTEER_HEADER] + [[f"志愿者{n}", id_number(n), f"138{n:08d}", "宝石社区", "群众"] for n in range(3)]
    check_and_commit(actor, "volunteers", xlsx_upload(rows))
    assert_kept_matches_sources()
    rows[2][3], rows[3][4] = "葛岭社区", "中共党员"  # rows[0] is the header
    job = check_and_commit(actor, "volunteers", xlsx_upload(rows))
    assert job.new_rows == 0
    kept = assert_kept_matches_sources()
    moved = Volunteer.objects.get(name="志愿者1")
    assert (moved.pk, world.community_a2.pk) in kept and (moved.pk, world.community_a1.pk) not in kept
    party = Volunteer.objects.get(name="志愿者2")
    assert kept[(party.pk, world.city.pk)][1] is True


def test_refresh_repairs_what_a_bulk_write_left_and_changes_nothing_when_repeated(world):
    volunteer = make_volunteer(world.community_a1)
    Volunteer.objects.filter(pk=volunteer.pk).update(
        community=world.community_b1, political_status="cpc_probationary",
        created_at=timezone.make_aware(datetime.datetime(2025, 3, 15, 23, 30)))
    assert volunteer_areas_kept() != volunteer_areas_recount()
    volunteer_areas_refresh([volunteer.pk])
    kept = assert_kept_matches_sources()
    assert {value for (v, _a), value in kept.items() if v == volunteer.pk} == {(datetime.date(2025, 3, 1), True)}
    before = list(VolunteerArea.objects.order_by("pk").values_list("pk", "area_id", "registered_month", "party"))
    volunteer_areas_refresh([volunteer.pk])
    assert list(VolunteerArea.objects.order_by("pk").values_list("pk", "area_id", "registered_month", "party")) \
        == before


def test_registered_month_is_the_local_month():
    # 2026-02-28 17:00 UTC is 1 March 01:00 in Shanghai.
    assert registered_month(datetime.datetime(2026, 2, 28, 17, 0, tzinfo=datetime.UTC)) == datetime.date(2026, 3, 1)


def test_rebuild_writes_what_the_refreshes_wrote(world):
    for community in (world.community_a1, world.community_b1):
        make_volunteer(community, organization=world.org_a)
    kept = assert_kept_matches_sources()
    assert volunteer_areas_rebuild() == len(kept)
    assert volunteer_areas_kept() == kept


def test_the_bulk_seed_keeps_every_volunteers_areas():
    call_command("seed_demo", scale="tiny", stdout=io.StringIO())
    kept = volunteer_areas_kept()
    assert kept == volunteer_areas_recount()
    assert len(kept) > Volunteer.objects.count() * 4  # community, street, district, city at least


def test_the_rebuild_command_checks_and_repairs(world):
    volunteer = make_volunteer(world.community_a1)
    Volunteer.objects.filter(pk=volunteer.pk).update(community=world.community_b1)  # a write that skipped upkeep
    out = io.StringIO()
    call_command("volunteer_areas_rebuild", "--check", stdout=out)
    assert "4 rows expected, 4 missing, extra or different." in out.getvalue()  # a1 and street A out, b1 and B in
    call_command("volunteer_areas_rebuild", stdout=io.StringIO())
    assert_kept_matches_sources()
    out = io.StringIO()
    call_command("volunteer_areas_rebuild", "--check", stdout=out)
    assert ", 0 missing" in out.getvalue()


def test_moving_an_organization_in_the_django_admin_moves_its_volunteers(world):
    from types import SimpleNamespace

    from django.contrib import admin
    from django.test import RequestFactory

    from apps.organizations.models import Organization

    volunteer = make_volunteer(world.community_a2, organization=world.org_a)
    organization = Organization.objects.get(pk=world.org_a.pk)
    organization.area = world.community_b1
    request = RequestFactory().post("/")
    request.user = world.user("superuser")
    admin.site._registry[Organization].save_model(request, organization, SimpleNamespace(changed_data=["area"]), True)
    kept = assert_kept_matches_sources()
    assert (volunteer.pk, world.community_b1.pk) in kept and (volunteer.pk, world.community_a1.pk) not in kept
