"""Point 2 of issue 17: the read endpoints, their filters (the list pages' names and meanings),
cursor pagination by id and ``updated_since`` for incremental sync; personal data masked."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.activities.models import RecordStatus, ServiceRecord
from apps.organizations.models import Organization, OrgStatus
from apps.organizations.selectors import open_credit_listings
from apps.volunteers.models import Volunteer
from tests.api.world import CITY_READ, ORG_A_READ, ORG_B_WRITE, STREET_A_WRITE
from tests.portal_work.world import portal_world

pytestmark = pytest.mark.django_db


def results(response):
    assert response.status_code == 200, response.content[:500]
    return response.json()["results"]


def ids(response):
    return [row["id"] for row in results(response)]


def test_organization_filters_mean_what_the_list_page_means(call, module_world):
    url = reverse("api:organization-list")
    assert module_world.org_a.pk in ids(call(CITY_READ, "get", url, {"keyword": module_world.org_a.name}))
    assert module_world.org_b.pk not in ids(call(CITY_READ, "get", url, {"keyword": module_world.org_a.name}))
    in_a = ids(call(CITY_READ, "get", url, {"area": module_world.street_a.pk}))
    assert module_world.org_a.pk in in_a and module_world.org_b.pk not in in_a
    assert ids(call(CITY_READ, "get", url, {"status": OrgStatus.REVOKED})) == list(
        Organization.objects.filter(status=OrgStatus.REVOKED).order_by("pk").values_list("pk", flat=True))
    bad = call(CITY_READ, "get", url, {"status": "nonsense"}, HTTP_ACCEPT_LANGUAGE="en")
    assert bad.status_code == 400 and set(bad.json()["fields"]) == {"status"}


def test_an_organization_shows_status_grade_and_credit(call, module_world):
    row = call(ORG_A_READ, "get", reverse("api:organization-detail", args=[module_world.org_a.pk])).json()
    assert {"status", "credit_status", "current_grade", "grades", "credit_listings", "updated_at"} <= set(row)
    org = Organization.objects.with_credit_status().get(pk=module_world.org_a.pk)
    assert (row["status"], row["credit_status"]) == (org.status, org.credit_status)


def test_volunteers_are_masked_and_never_in_full(call, module_world):
    volunteer = Volunteer.objects.get(pk=portal_world(module_world)["a"].volunteer.pk)
    body = call(ORG_A_READ, "get", reverse("api:volunteer-list")).content.decode()
    assert volunteer.name in body
    assert volunteer.id_number not in body and volunteer.phone not in body
    assert volunteer.id_number_masked in body
    assert str(volunteer.birth_date) not in body and "birth" not in body
    assert "occupation" not in body and "education" not in body


def test_service_records_filter_by_status_and_date(call, module_world):
    url = reverse("api:service-record-list")
    record = portal_world(module_world)["a"].record
    assert record.pk in ids(call(STREET_A_WRITE, "get", url, {"status": RecordStatus.CONFIRMED}))
    assert record.pk not in ids(call(STREET_A_WRITE, "get", url, {"status": RecordStatus.PENDING}))
    day = timezone.localtime(record.started_at).date()
    assert record.pk in ids(call(STREET_A_WRITE, "get", url, {"date_from": day, "date_to": day}))
    assert record.pk not in ids(call(STREET_A_WRITE, "get", url, {"date_from": day + datetime.timedelta(days=1)}))
    # Another tenant's organization in a filter is refused like an unknown one.
    refused = call(ORG_B_WRITE, "get", url, {"organization": module_world.org_a.pk})
    assert refused.status_code == 400 and "organization" in refused.json()["fields"]


def test_contracts_carry_targets_and_payments(call, module_world):
    contract = portal_world(module_world)["a"].contract
    row = call(ORG_A_READ, "get", reverse("api:contract-detail", args=[contract.pk])).json()
    assert [t["name"] for t in row["targets"]] == ["探访"]
    assert [(p["name"], p["planned_amount"]) for p in row["payments"]] == [("首付", "1000.00")]


def test_cursor_pagination_walks_every_row_once_in_id_order(call, module_world):
    expected = sorted(Organization.objects.values_list("pk", flat=True))
    assert len(expected) >= 3
    seen, url, pages = [], reverse("api:organization-list") + "?page_size=1", 0
    while url:
        page = call(CITY_READ, "get", url).json()
        assert "server_time" in page and "count" not in page
        seen += [row["id"] for row in page["results"]]
        url, pages = page["next"], pages + 1
    assert seen == expected and pages == len(expected)


@pytest.mark.parametrize("cursor", ["nonsense", "cD1hYmM=", "bz0xJnA9eA=="])
def test_a_forged_cursor_is_a_404_not_a_500(call, cursor):
    response = call(CITY_READ, "get", reverse("api:organization-list"), {"cursor": cursor})
    assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_updated_since_returns_what_changed(call, module_world):
    url = reverse("api:organization-list")
    before = timezone.now()
    assert module_world.org_a.pk not in ids(call(CITY_READ, "get", url, {"updated_since": before.isoformat()}))
    org = Organization.objects.get(pk=module_world.org_a.pk)
    org.contact_name = "新联系人"
    org.save(update_fields=["contact_name"])  # a partial save still marks the row changed
    changed = ids(call(CITY_READ, "get", url, {"updated_since": before.isoformat()}))
    assert changed == [org.pk]


def test_a_nested_change_marks_its_parent_changed(call, module_world):
    """A contract's payments are shown in the contract: paying one is a change of the contract."""
    contract = portal_world(module_world)["a"].contract
    before = timezone.now()
    url = reverse("api:contract-list")
    assert contract.pk not in ids(call(STREET_A_WRITE, "get", url, {"updated_since": before.isoformat()}))
    payment = contract.payments.get()
    payment.paid_amount, payment.paid_on = payment.planned_amount, datetime.date(2025, 3, 21)
    payment.save()
    assert ids(call(STREET_A_WRITE, "get", url, {"updated_since": before.isoformat()})) == [contract.pk]


def test_a_record_status_change_is_seen_by_sync(call, module_world):
    record = portal_world(module_world)["a"].record
    before = timezone.now()
    ServiceRecord.objects.filter(pk=record.pk).first().save(update_fields=["status"])
    url = reverse("api:service-record-list")
    assert record.pk in ids(call(ORG_A_READ, "get", url, {"updated_since": before.isoformat()}))


@pytest.mark.parametrize("value", ["yesterday", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00"])
def test_a_bad_updated_since_is_a_field_error(call, value):
    response = call(CITY_READ, "get", reverse("api:area-list"), {"updated_since": value})
    assert response.status_code == 400 and set(response.json()["fields"]) == {"updated_since"}


def test_the_public_disclosure_is_the_public_page_s(call, module_world):
    today = timezone.localdate()
    listed = {row["id"] for row in results(call(ORG_B_WRITE, "get", reverse("api:disclosure-credit-listing-list")))}
    assert listed == set(open_credit_listings(today).values_list("pk", flat=True))
    contracts = results(call(ORG_B_WRITE, "get", reverse("api:disclosure-contract-list")))
    assert all(set(row) == {"id", "number", "project_name", "purchaser", "provider", "provider_credit_code", "amount",
                            "start_date", "end_date", "published_on"} for row in contracts)


def test_the_volunteer_filters_are_the_list_page_s_less_the_personal_look_up_and_staff_queues():
    from apps.api.filters import VolunteerFilter
    from apps.backoffice.filters.volunteers import VolunteerFilter as OfficeVolunteerFilter

    left_out = set(OfficeVolunteerFilter.base_filters) - set(VolunteerFilter.base_filters)
    assert left_out == {"document", "review"}
    assert set(VolunteerFilter.base_filters) - set(OfficeVolunteerFilter.base_filters) == {"updated_since"}


@pytest.mark.parametrize("segment", ["abc", "1.5", "%C2%84", "9" * 19])
def test_a_detail_url_without_an_id_answers_the_api_s_404(call, segment):
    response = call(CITY_READ, "get", f"{reverse('api:area-list')}{segment}/")
    assert response.status_code == 404 and response["Content-Type"] == "application/json"
    assert response.json()["code"] == "not_found"


@pytest.mark.parametrize("query", [{"page_size": "0"}, {"page_size": "x"}, {"page_size": "-1"},
                                   {"status": ""}, {"updated_since": ""}])
def test_an_unusable_parameter_is_a_field_error_not_ignored(call, query):
    response = call(CITY_READ, "get", reverse("api:organization-list"), query)
    assert response.status_code == 400 and set(response.json()["fields"]) == set(query)


def test_star_levels_are_whole_numbers(call):
    response = call(CITY_READ, "get", reverse("api:volunteer-list"), {"star_level": "0.5"})
    assert response.status_code == 400 and set(response.json()["fields"]) == {"star_level"}
