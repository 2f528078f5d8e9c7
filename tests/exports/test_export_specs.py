"""Every exported table's export spec (``apps.core.export_spec``) gives exactly the cells that
django-tables2's own ``Table.as_values()`` gives for the table (``tests/exports/spec_check.py``),
on demo data, in both languages, and a spec that disagrees is caught; every exported list has a
spec; an export's query count does not grow with the rows; it loads no personal data that the
export does not show."""

import csv
import datetime
import io
from unittest import mock

import django_tables2 as tables
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from apps.accounts.models import Membership
from apps.activities.models import Activity, OrganizerKind, ServiceRecord
from apps.backoffice.tables.volunteers import VolunteerTable
from apps.core import crypto
from apps.core.export import export_spec, table_rows, xlsx_response
from apps.core.export_spec import ExportColumn, ExportSpec, local_datetime
from apps.portal.views.lists import PortalListView
from apps.volunteers.models import Volunteer
from tests.personas import STREET_STAFF
from tests.volunteers.world import volunteer_world

from .spec_check import disagreements, exported_list_views, view_table, views_without_spec

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("seed_demo", scale="tiny", stdout=io.StringIO())
    # A few values that are easy to get wrong: a formula, an empty optional field, a blank.
    record = ServiceRecord.objects.filter(confirmed_at__isnull=False).order_by("pk").first()
    record.volunteer.name = "=cmd|' /C calc'!A0"
    record.volunteer.save()
    community = record.activity.community
    _certificate_for_the_portal_organization()
    Activity.objects.create(name="+社区议事", organizer_kind=OrganizerKind.COMMUNITY, community=community,
                            place=" 广场 ", starts_at=timezone.now(), ends_at=timezone.now() + datetime.timedelta(hours=2),
                            category="community", lead_person="王芳")


def _certificate_for_the_portal_organization():
    from django.contrib.auth import get_user_model

    from apps.activities.certificates import certificate_accept, certificate_request

    organization = Membership.objects.get(user__username="org_a_admin").organization
    record = (ServiceRecord.objects.filter(activity__organization=organization, status="confirmed")
              .select_related("volunteer").order_by("pk").first())
    root = get_user_model().objects.get(username="admin")
    certificate = certificate_request(actor=root, volunteer=record.volunteer, organization=organization,
                                      community=None, period_start=datetime.date(2020, 1, 1),
                                      period_end=datetime.date(2030, 12, 31))
    certificate_accept(actor=root, certificate=certificate)


def _requests():
    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    office = RequestFactory().get("/office/")
    office.user = users.get(username="admin")
    membership = (Membership.objects.select_related("organization", "user")
                  .get(user__username="org_a_admin"))
    portal = RequestFactory().get(f"/portal/{membership.organization.code}/")
    portal.user, portal.organization, portal.membership = membership.user, membership.organization, membership
    return office, portal


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_export_spec_gives_its_tables_cells(demo, language):
    office, portal = _requests()
    views = sorted(set(exported_list_views()), key=lambda v: f"{v.__module__}.{v.__name__}")
    assert len(views) >= 14  # 9 back-office lists, 6 portal lists (one may share a view)
    tables_seen = set()
    with translation.override(language):
        for view_class in views:
            table = view_table(view_class, portal if issubclass(view_class, PortalListView) else office)
            assert len(list(table_rows(table))) > 1, f"{view_class.__name__}: no demo rows to compare"
            assert disagreements(table) == [], view_class.__name__
            tables_seen.add(view_class.table_class)
    from apps.backoffice.tables.organizations import OrganizationTable
    from apps.backoffice.tables.records import ServiceRecordTable
    from apps.portal.tables.volunteers import PortalVolunteerTable

    assert {ServiceRecordTable, VolunteerTable, OrganizationTable, PortalVolunteerTable} <= tables_seen


def test_export_cells_follow_the_language_of_each_export(demo):
    """Choice labels are kept per language, so an English export after a Chinese one is English."""
    office, _portal = _requests()
    from apps.backoffice.views.records import ServiceRecordListView

    labels = {}
    for language in ("zh-hans", "en", "zh-hans"):
        with translation.override(language):
            table = view_table(ServiceRecordListView, office)
            assert disagreements(table) == []
            rows = list(table_rows(table))
        status = rows[0].index("状态" if language == "zh-hans" else "Status")
        labels.setdefault(language, {row[status] for row in rows[1:]})
    assert labels["zh-hans"] != labels["en"]


class _WrongVolunteerTable(VolunteerTable):
    """The volunteer list's table with a spec that a careless edit could give it."""

    export_spec = ExportSpec(Volunteer, [
        *VolunteerTable.export_spec.columns[:4],
        ExportColumn(VolunteerTable.export_spec.columns[4].header, "id_number"),  # not masked
        *VolunteerTable.export_spec.columns[5:-1],
        ExportColumn.field("updated_at", local_datetime),  # another field under the same header
    ])


def test_a_spec_that_disagrees_with_its_table_is_reported(demo):
    from apps.backoffice.views.volunteers import VolunteerListView

    office, _portal = _requests()
    with translation.override("en"):
        assert disagreements(view_table(VolunteerListView, office)) == []
        found = disagreements(view_table(VolunteerListView, office, _WrongVolunteerTable), limit=50)
    assert any("column 'document number'" in line for line in found), found  # the unmasked ID number
    assert any("headers" in line and "Updated at" in line for line in found), found


def test_a_spec_missing_a_column_is_reported(demo):
    from apps.backoffice.views.volunteers import VolunteerListView

    class Shorter(VolunteerTable):
        export_spec = ExportSpec(Volunteer, VolunteerTable.export_spec.columns[:-1])

    office, _portal = _requests()
    found = disagreements(view_table(VolunteerListView, office, Shorter))
    assert found and "headers" in found[0] and "cells" in found[1]


class NoSpec(tables.Table):
    name = tables.Column()


def test_every_exported_list_has_an_export_spec():
    views = set(exported_list_views())
    assert len(views) >= 14
    assert views_without_spec(views) == []


def test_a_list_without_an_export_spec_is_reported():
    from apps.backoffice.views.volunteers import VolunteerListView

    class Unspecified(VolunteerListView):
        table_class = NoSpec

    assert views_without_spec({VolunteerListView, Unspecified}) == ["Unspecified"]


def test_a_table_without_a_spec_cannot_be_exported():
    with pytest.raises(ImproperlyConfigured, match="NoSpec has no export_spec"):
        table_rows(NoSpec(Volunteer.objects.none()))
    with pytest.raises(ImproperlyConfigured):
        export_spec(NoSpec)


def _add_records(world, count):
    v = volunteer_world(world)
    start = timezone.make_aware(datetime.datetime(2026, 4, 1, 9, 0))
    activities = Activity.objects.bulk_create([
        Activity(name=f"活动{i}", organizer_kind=OrganizerKind.ORGANIZATION, organization=world.org_a,
                 community=world.org_a.area, place="广场", starts_at=start + datetime.timedelta(days=i),
                 ends_at=start + datetime.timedelta(days=i, hours=3), category="community", lead_person="王芳",
                 checkin_token=f"fast-rows-{count}-{i}")
        for i in range(count)])
    ServiceRecord.objects.bulk_create([
        ServiceRecord(volunteer=v.volunteer_a, activity=a, started_at=a.starts_at, ended_at=a.ends_at, hours=3,
                      content="=SUM(A1)") for a in activities])


def _export_queries(client, url_name, fmt):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(url_name) + f"?_export={fmt}")
        body = b"".join(response.streaming_content)
    assert response.status_code == 200
    return len(queries), body


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("url_name", ["office:record_list", "office:volunteer_list", "office:organization_list",
                                      "office:team_list", "office:activity_list"])
def test_export_query_count_is_the_same_for_10_and_100_rows(world, client_for, url_name, fmt):
    client = client_for(STREET_STAFF)
    _add_records(world, 10)
    small, small_body = _export_queries(client, url_name, fmt)
    _add_records(world, 90)
    large, large_body = _export_queries(client, url_name, fmt)
    if url_name == "office:record_list":
        assert len(large_body) > len(small_body)  # the rows did grow
    assert large == small


def test_a_record_export_decrypts_no_personal_data(world, client_for):
    """The service-record list shows no ID number or phone: they are not even loaded."""
    _add_records(world, 10)
    with mock.patch.object(crypto, "decrypt", wraps=crypto.decrypt) as decrypt:
        response = client_for(STREET_STAFF).get(reverse("office:record_list") + "?_export=csv")
        rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert len(rows) >= 11
    assert decrypt.call_count == 0


def test_a_volunteer_export_still_reads_the_masked_values(world, client_for):
    v = volunteer_world(world).volunteer_a
    response = client_for(STREET_STAFF).get(reverse("office:volunteer_list") + "?_export=csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert v.id_number_masked in text and v.phone_masked in text
    assert v.id_number not in text and v.phone not in text


def test_xlsx_cells_keep_their_types_and_drop_what_xml_cannot_carry():
    rows = [["名称", "数量", "说明"], ["=SUM(A1)", 3, ""], [" 前后空格 ", 2.5, "a\x01b<&>\"'"], [None, -7, True]]
    response = xlsx_response("x.xlsx", rows, title="志愿者/名单:2026[1]")
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.active
    assert sheet.title == "志愿者_名单_2026_1_"
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values == [["名称", "数量", "说明"], ["=SUM(A1)", 3, None], [" 前后空格 ", 2.5, "ab<&>\"'"],
                      [None, -7, True]]
    assert sheet["A2"].data_type == "s"  # an inline string, never a formula


def test_xlsx_export_of_many_rows_reads_back_row_by_row():
    rows = [["n", "text"]] + [[n, f"第{n}行"] for n in range(3000)]
    response = xlsx_response("x.xlsx", iter(rows))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True).active
    assert [list(r) for r in sheet.iter_rows(values_only=True)] == rows


def test_a_distinct_queryset_keeps_records_that_show_the_same_values(world):
    class VolunteerNames(tables.Table):
        name = tables.Column(accessor="volunteer__name")

        class Meta:
            model = ServiceRecord
            fields = ["name"]

        export_spec = ExportSpec(ServiceRecord, [ExportColumn.field("volunteer__name")])

    _add_records(world, 3)
    records = ServiceRecord.objects.filter(volunteer=volunteer_world(world).volunteer_a).distinct().order_by("pk")
    rows = list(table_rows(VolunteerNames(records)))
    assert len(rows) == 1 + records.count() >= 4
    assert disagreements(VolunteerNames(records)) == []
