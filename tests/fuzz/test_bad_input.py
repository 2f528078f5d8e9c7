"""Issue 14.9: hostile or odd input answers a page (or 400 / 404), never a server error. One test
per point of the issue; the property-based sweep over every page is ``test_hostile_input.py``."""

import copy
import datetime

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.test import Client
from django.urls import resolve, reverse
from django.utils import timezone, translation

from apps.activities.models import RecordStatus, ServiceRecord
from apps.activities.services import records_confirm, records_enter
from apps.activities.totals import totals_kept, totals_recount
from apps.imports.models import ImportJob
from apps.volunteers.id_numbers import parse_resident_id, synthetic_resident_id
from apps.volunteers.models import Volunteer
from apps.web.views.lists import MAX_PER_PAGE, ScopedListView
from tests.access.matrix import all_cases
from tests.imports.helpers import VOLUNTEER_HEADER, id_number, xlsx_upload
from tests.personas import CITY_STAFF, ORG_A_ADMIN, STREET_STAFF, SUPERUSER
from tests.volunteers.factories import make_activity, make_volunteer
from tests.volunteers.world import volunteer_world

pytestmark = pytest.mark.django_db

BIRTH = datetime.date(1990, 3, 7)


def page_text(msgid):
    """A message as the pages show it (in Chinese, the site's language)."""
    with translation.override("zh-hans"):
        return translation.gettext(msgid)


# --- Import cancel (it answered 500 for every job) -------------------------------------------

def test_an_import_can_be_cancelled(world, client_for):
    client = client_for(STREET_STAFF)
    rows = [VOLUNTEER_HEADER, ["王五", id_number(61), "13800000061", "宝石社区", "群众"]]
    client.post(reverse("office:import_upload"), {"kind": "volunteers", "file": xlsx_upload(rows)})
    job = ImportJob.objects.get()
    unconfirmed = client.post(reverse("office:import_cancel", args=[job.pk]))  # the box not ticked: the page again
    assert unconfirmed.status_code == 200 and "confirm" in unconfirmed.context["cancel_form"].errors
    job.refresh_from_db()
    assert job.status != "cancelled"
    response = client.post(reverse("office:import_cancel", args=[job.pk]), {"cancel-confirm": "on"})
    assert response.status_code == 302 and response.url == reverse("office:import_detail", args=[job.pk])
    job.refresh_from_db()
    assert job.status == "cancelled"
    again = client.post(reverse("office:import_cancel", args=[job.pk]), {"cancel-confirm": "on"})  # a second tab
    assert again.status_code == 302
    assert page_text("This import can no longer be cancelled.") in " ".join(
        str(m) for m in get_messages(again.wsgi_request))


# --- Pages and page sizes of every list --------------------------------------------------------

HOSTILE_PAGES = ["per_page=-5", "per_page=0", "per_page=abc", "page=99999999999999999999", "page=-1", "page=0",
                 "page=abc", "page=1e3", "page=99999999999999999999&per_page=99999999999999999999"]


def _list_pages(world, client_for):
    """(URL name, URL, a client that may open it, view) for every list page of both audiences, with the
    access matrix's kwargs, each in its own rolled-back copy of the world."""
    clients = [client_for(persona) for persona in (STREET_STAFF, CITY_STAFF, ORG_A_ADMIN, SUPERUSER)]
    seen = set()
    for case in all_cases():
        if case.url_name in seen or case.query:
            continue
        with transaction.atomic():
            kwargs = case.kwargs(copy.deepcopy(world)) if case.kwargs else None
            url = reverse(case.url_name, kwargs=kwargs)
            view_class = getattr(resolve(url).func, "view_class", None)
            if view_class and issubclass(view_class, ScopedListView):
                client = next((c for c in clients if _is_page(c.get(url))), None)
                if client is not None:
                    seen.add(case.url_name)
                    yield case.url_name, url, client, view_class
            transaction.set_rollback(True)


def _is_page(response):
    return response.status_code == 200 and response["Content-Type"].startswith("text/html")  # not a CSV


def test_every_list_answers_page_one_for_impossible_pages_and_sizes(world, client_for):
    checked = []
    for url_name, url, client, view_class in _list_pages(world, client_for):
        for query in HOSTILE_PAGES:
            response = client.get(f"{url}?{query}")
            assert response.status_code == 200, (url, query)
            table = response.context["table"]
            assert table.page.number == 1, (url, query)
            assert 1 <= table.paginator.per_page <= MAX_PER_PAGE, (url, query)
        big = client.get(f"{url}?per_page=100000").context["table"]
        assert big.paginator.per_page == MAX_PER_PAGE
        negative = client.get(f"{url}?per_page=-5").context["table"]
        assert negative.paginator.per_page == view_class.paginate_by  # the list's own size
        checked.append(url_name)
    # Both audiences' lists were reached (a broken kwargs helper must not make this test vacuous).
    assert {"office:volunteer_list", "office:record_list", "portal:work_record_list"} <= set(checked)
    assert len(checked) >= 20, checked


@pytest.mark.parametrize("query", HOSTILE_PAGES)
def test_the_public_disclosure_list_answers_a_page_for_impossible_pages(world, query):
    # Its own Paginator (not a table): a number past the end is the last page, anything else the first.
    response = Client().get(f"{reverse('public:disclosure')}?{query}")
    assert response.status_code == 200 and response.context["contracts"]["page"].number == 1


@pytest.mark.parametrize("query", ["p=99999999999999999999", "p=-5", "p=²", "p=abc"])
def test_the_admin_lists_answer_impossible_pages_without_a_server_error(world, client_for, query):
    response = client_for(SUPERUSER).get(f"{reverse('admin:volunteers_volunteer_changelist')}?{query}")
    assert response.status_code in (200, 302)  # the admin's own answer: the list, or "?e=1" for a bad page


def test_a_page_past_the_end_shows_the_first_page(world, client_for):
    volunteer = volunteer_world(world).volunteer_a
    client = client_for(STREET_STAFF)
    response = client.get(reverse("office:volunteer_list") + "?page=50")
    assert response.status_code == 200 and response.context["table"].page.number == 1
    assert volunteer.name in response.content.decode()


# --- The verification page ----------------------------------------------------------------------

def test_a_verification_code_with_a_slash_is_refused_on_the_page(world):
    response = Client().get(reverse("public:verify") + "?code=a/b")
    assert response.status_code == 200
    assert page_text("A verification code has letters and digits only.") in response.content.decode()


def test_a_verification_code_is_looked_up_in_upper_case(world):
    response = Client().get(reverse("public:verify") + "?code=%20ab23cd%20")
    assert response.status_code == 302 and response.url == reverse("public:verify_code", args=["AB23CD"])


# --- Digits that are not 0-9 ---------------------------------------------------------------------

@pytest.mark.parametrize("number", ["3301061990030712²6", "٣٣٠١٠٦١٩٨٥٠٦٠١٠٠١٢",  # superscript, Arabic-Indic
                                    "33010619850601²01X"])
def test_an_id_number_with_other_digits_is_refused_with_a_reason(number):
    with pytest.raises(ValidationError) as refused:
        parse_resident_id(number)
    assert refused.value.code == "non_ascii_digits"


def test_full_width_digits_of_an_id_number_are_read_as_digits():
    number = synthetic_resident_id("330106", BIRTH, 7)  # python-stdnum's compact() maps full-width forms
    full_width = "".join(chr(ord(char) + 0xFEE0) if char.isdigit() else char for char in number)
    assert parse_resident_id(full_width).number == number


def test_the_volunteer_form_refuses_a_superscript_digit_in_the_id_number(world, client_for):
    response = client_for(STREET_STAFF).post(reverse("office:volunteer_create"), {
        "name": "李四", "document_type": "resident_id", "id_number": "3301061990030712²6",
        "phone": "13800000099", "community": world.community_a1.pk, "political_status": "masses", "consent": "on"})
    assert response.status_code == 200
    assert page_text("Type the number with the half-width digits 0-9 (switch off full-width input).") \
        in response.content.decode()
    assert not Volunteer.objects.filter(name="李四").exists()


@pytest.mark.parametrize("phone, registered", [("1３８００００００９９", False), ("13800000099", True)])
def test_the_volunteer_form_takes_a_phone_in_ascii_digits_only(world, client_for, phone, registered):
    response = client_for(STREET_STAFF).post(reverse("office:volunteer_create"), {
        "name": "李四", "document_type": "resident_id", "id_number": synthetic_resident_id("330106", BIRTH, 7),
        "phone": phone, "community": world.community_a1.pk, "political_status": "masses", "consent": "on"})
    assert response.status_code == (302 if registered else 200)
    assert Volunteer.objects.filter(name="李四").exists() == registered


def _pending_record(world):
    activity = make_activity(world.org_a)
    volunteer = make_volunteer(world.community_a1, organization=world.org_a)
    [record] = records_enter(actor=world.user(STREET_STAFF), activity=activity, entries=[{"volunteer": volunteer}])
    return record


def test_bulk_confirmation_ignores_a_superscript_digit(world, client_for):
    record = _pending_record(world)
    response = client_for(STREET_STAFF).post(reverse("office:records_confirm"), {"select": ["²", str(record.pk)]})
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.status == RecordStatus.CONFIRMED


def test_bulk_confirmation_ignores_numbers_no_id_reaches(world, client_for):
    record = _pending_record(world)
    response = client_for(ORG_A_ADMIN).post(reverse("portal:work_records_confirm", args=[world.org_a.code]),
                                            {"select": ["99999999999999999999", str(record.pk)]})
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.status == RecordStatus.CONFIRMED


def test_confirming_1500_records_at_once(world):
    """More records than SQLite's classic 999 variables or the 1,000 form fields Django reads."""
    actor = world.user(STREET_STAFF)
    volunteers = [make_volunteer(world.community_a1, organization=world.org_a) for _ in range(50)]
    start = timezone.make_aware(datetime.datetime(2026, 1, 5, 9, 0))
    records = []
    for day in range(30):
        activity = make_activity(world.org_a, start=start + datetime.timedelta(days=day), hours=2)
        records += [ServiceRecord(volunteer=volunteer, activity=activity, started_at=activity.starts_at,
                                  ended_at=activity.ends_at, hours=2, recorded_by=actor) for volunteer in volunteers]
    ServiceRecord.objects.bulk_create(records)
    assert records_confirm(actor=actor, records=ServiceRecord.objects.all()) == 1500
    assert not ServiceRecord.objects.exclude(status=RecordStatus.CONFIRMED).exists()
    assert totals_kept() == totals_recount()
    assert {v.confirmed_hours for v in Volunteer.objects.filter(pk__in=[v.pk for v in volunteers])} == {60}


# --- A choice of volunteers no id reaches --------------------------------------------------------

def test_record_entry_refuses_a_volunteer_number_too_large_for_an_id(world, client_for):
    activity = make_activity(world.org_a)
    response = client_for(STREET_STAFF).post(reverse("office:activity_record_entry", args=[activity.pk]),
                                             {"volunteers": ["99999999999999999999"]})
    assert response.status_code == 302
    shown = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert page_text("Select a valid choice. %(value)s is not one of the available choices.") % {
        "value": "99999999999999999999"} in shown
    assert not ServiceRecord.objects.filter(activity=activity).exists()


# --- NUL characters (PostgreSQL refuses them in text) -------------------------------------------

@pytest.mark.parametrize("path", ["/verify/a%00b/", "/checkin/a%00/", "/portal/a%00b/", "/verify/?code=a%00b",
                                  "/office/volunteers/?q=%00", "/office/volunteers/?a%00=1"])
def test_a_nul_in_the_url_is_a_bad_request(world, client_for, path):
    response = client_for(STREET_STAFF).get(path)
    assert response.status_code == 400
    assert page_text("Bad request") in response.content.decode()


def test_a_nul_in_a_form_value_is_a_bad_request(world):
    response = Client().post(reverse("login"), {"username": "a\x00b", "password": "x"})
    assert response.status_code == 400


# --- Bodies Django refuses to read ----------------------------------------------------------------

def _csrf_client(world, persona=None):
    """A client that checks CSRF like a browser (Django's own 400 handler failed only then), with
    the token a page gave it."""
    client = Client(enforce_csrf_checks=True)
    if persona:
        client.force_login(world.user(persona), backend="django.contrib.auth.backends.ModelBackend")
    client.get(reverse("office:record_list") if persona else reverse("login"))
    return client, client.cookies["csrftoken"].value


def test_a_form_declaring_utf16_gets_the_400_page(world):
    client, token = _csrf_client(world, STREET_STAFF)
    body = f"csrfmiddlewaretoken={token}&select=1".encode("utf-16")
    response = client.generic("POST", reverse("office:records_confirm"), body,
                              content_type="application/x-www-form-urlencoded; charset=utf-16")
    assert response.status_code == 400
    page = response.content.decode()
    assert page_text("Bad request") in page and "400" in page


def test_more_fields_than_django_reads_get_the_400_page_with_the_limit(world, settings):
    client, token = _csrf_client(world, STREET_STAFF)
    response = client.post(reverse("office:records_confirm"),
                           {"csrfmiddlewaretoken": token, "select": [str(n) for n in range(1, 1501)]})
    assert response.status_code == 400
    assert page_text("The form sent more than %(limit)s values at once. Select fewer rows and repeat.") % {
        "limit": settings.DATA_UPLOAD_MAX_NUMBER_FIELDS} in response.content.decode()


def test_the_log_in_form_declaring_utf16_gets_the_400_page(world):
    client, token = _csrf_client(world)
    response = client.generic("POST", reverse("login"), f"csrfmiddlewaretoken={token}&username=a".encode("utf-16"),
                              content_type="application/x-www-form-urlencoded; charset=utf-16")
    assert response.status_code == 400 and page_text("Bad request") in response.content.decode()
