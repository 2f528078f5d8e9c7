"""Server errors ``test_hostile_input`` found, one focused test each (the point-9 cases of issue 14
are in ``test_bad_input.py``)."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from apps.accounts.models import User
from apps.organizations.models import add_years
from apps.organizations.models.records import deadline_day_exists
from apps.procurement import portal_services
from apps.procurement.models import Contract
from tests.personas import CITY_STAFF, STREET_STAFF, SUPERUSER
from tests.procurement import factories

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"  # more than any 64-bit id


# --- A number no integer column holds, in a multiple choice (pk__in) ------------------------------

def test_an_id_list_with_a_number_too_large_for_a_column_matches_nothing(world):
    # SQLite raised OverflowError; Django's own exact/lt/gt lookups already answer "no rows".
    street = world.user(STREET_STAFF)
    assert list(User.objects.filter(pk__in=[int(HUGE), street.pk])) == [street]
    assert not User.objects.filter(pk__in=[int(HUGE), -int(HUGE)]).exists()
    assert User.objects.exclude(pk__in=[int(HUGE)]).count() == User.objects.count()


def test_the_organization_form_refuses_a_service_domain_too_large_for_an_id(world, client_for):
    response = client_for(STREET_STAFF).post(reverse("office:organization_create"),
                                             {"name": "新组织", "domains": [HUGE]})
    assert response.status_code == 200 and "domains" in response.context["form"].errors


def test_the_admin_refuses_a_group_too_large_for_an_id(world, client_for):
    user = world.user(STREET_STAFF)
    response = client_for(SUPERUSER).post(reverse("admin:accounts_user_change", args=[user.pk]),
                                          {"username": user.username, "groups": [HUGE]})
    assert response.status_code == 200 and "groups" in response.context["adminform"].form.errors
    assert not Group.objects.exists()


# --- The admin's date hierarchy and filters --------------------------------------------------------

@pytest.mark.parametrize("url_name, field", [
    ("admin:activities_servicerecord_changelist", "started_at"),
    ("admin:holidays_holidayday_changelist", "date"),
    ("admin:auditlog_logentry_changelist", "timestamp"),  # django-auditlog's admin
    ("admin:axes_accesslog_changelist", "attempt_time"),  # django-axes' admin
])
def test_an_impossible_year_in_the_date_hierarchy_is_a_bad_filter(world, client_for, url_name, field):
    response = client_for(SUPERUSER).get(f"{reverse(url_name)}?{field}__year={HUGE}")
    assert response.status_code == 302 and response.url.endswith("?e=1")  # the admin's "bad filter" answer


@pytest.mark.parametrize("value", ["²", HUGE])
def test_the_record_admin_ignores_an_organization_that_is_no_id(world, client_for, value):
    response = client_for(SUPERUSER).get(f"{reverse('admin:activities_servicerecord_changelist')}?organization={value}")
    assert response.status_code in (200, 302)


# --- Digits that are not 0-9 elsewhere ------------------------------------------------------------

def test_an_activity_position_quota_in_superscript_is_refused(world, client_for):
    response = client_for(STREET_STAFF).post(reverse("office:activity_create"), {"positions": "引导员: ²"})
    assert response.status_code == 200 and "positions" in response.context["form"].errors


def test_report_evidence_ignores_an_attachment_title_with_other_digits(world):
    assert portal_services.report_evidence(world.org_a, []) == {}
    from apps.organizations.models import Attachment

    Attachment.objects.create(organization=world.org_a, title="PR²: 照片", file="x.pdf")
    assert portal_services.report_evidence(world.org_a, [_Report(1)]) == {1: []}


class _Report:
    def __init__(self, pk):
        self.pk = pk


# --- Dates at the ends of the calendar --------------------------------------------------------------

def test_a_year_window_ends_at_the_first_or_last_day_there_is():
    assert add_years(datetime.date(1, 1, 1), -3) == datetime.date.min
    assert add_years(datetime.date(9999, 12, 31), 5) == datetime.date.max
    assert add_years(datetime.date(2024, 2, 29), 1) == datetime.date(2025, 2, 28)


def test_an_award_signed_in_year_one_is_judged_without_a_server_error(world, client_for):
    project = factories.project(world)
    response = client_for(STREET_STAFF).post(reverse("office:procurement_contract_award", args=[project.pk]), {
        "provider": world.org_a.pk, "number": "HT-1", "amount": "1000", "signed_on": "0001-01-01",
        "start_date": "0001-01-08", "end_date": "0002-01-07", "performance_bond": "0", "content": "服务"})
    assert response.status_code in (200, 302)
    assert response.status_code == 200 or Contract.objects.get().signed_on == datetime.date(1, 1, 1)


def test_an_annual_report_deadline_of_a_huge_month_is_refused_on_the_form(world, client_for):
    response = client_for(SUPERUSER).post(reverse("admin:organizations_annualreportdeadline_add"),
                                          {"legal_form": "social_group", "month": HUGE, "day": HUGE})
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "month" in errors and "day" in errors
    assert not deadline_day_exists(int(HUGE), 1) and not deadline_day_exists(2, int(HUGE))


# --- Found by a deeper run (GONGZHI_FUZZ_EXAMPLES=24) ------------------------------------------------

@pytest.mark.parametrize("selected", ["-0.0", "²", "abc"])
def test_an_admin_action_on_rows_that_are_no_ids_is_a_bad_request(world, client_for, selected):
    user = world.user(STREET_STAFF)
    response = client_for(SUPERUSER).post(reverse("admin:accounts_user_changelist"), {
        "action": "delete_selected", "index": "0", "_selected_action": [selected, str(user.pk)]})
    assert response.status_code == 400
    assert User.objects.filter(pk=user.pk).exists()


def test_an_admin_action_on_real_rows_still_works(world, client_for):
    user = world.user(STREET_STAFF)
    response = client_for(SUPERUSER).post(reverse("admin:accounts_user_changelist"), {
        "action": "delete_selected", "index": "0", "_selected_action": [str(user.pk)]})
    assert response.status_code == 200  # the "are you sure?" page
    assert user.username in response.content.decode()


@pytest.mark.parametrize("team", ["9223372036854775808", HUGE])
def test_leaving_a_team_no_id_reaches_is_not_found(world, client_for, team):
    url = reverse("office:team_member_leave", kwargs={"pk": team, "membership_pk": 1})
    assert client_for(CITY_STAFF).post(url, {"left_on": "2026-03-01"}).status_code == 404
