"""The street report: XLSX and PDF figures equal direct queries for the chosen area and month,
downloads are audited, and areas outside the user's scope answer 404."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from apps.audit.models import AuditAction, AuditEvent
from apps.organizations.models import LegalForm, OrgStatus
from apps.reports.selectors import Period
from tests.personas import COMMUNITY_WORKER, ORG_A_ADMIN, STREET_STAFF
from tests.reports import expected
from tests.reports.builders import build

pytestmark = pytest.mark.django_db


def month_of(built):
    day = timezone.localtime(built.activity_a1.starts_at).date()
    return day.year, day.month


def download(client, area, fmt, **query):
    """Asked in English so that rows are found by their English labels."""
    return client.get(reverse("office:report_street_download", args=[area.pk, fmt]), query,
                      headers={"accept-language": "en"})


def sheet_rows(content):
    return [row for row in load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True)
            if row and row[0] is not None]


def sheet_values(content):
    """{first cell: [other cells]} of every row of the report sheet."""
    return {row[0]: list(row[1:]) for row in sheet_rows(content)}


def pdf_text(content):
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    # The CJK font's text comes out with spaces or NULs between glyphs.
    return "".join(text.replace("\x00", "").split())


def test_xlsx_figures_equal_direct_queries(world, client_for):
    built = build(world)
    year, month = month_of(built)
    period = Period.month(year, month)
    response = download(client_for(STREET_STAFF), world.street_a, "xlsx", period="month", year=year, month=month)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = sheet_values(response.content)
    area = world.street_a
    records = expected.confirmed_in(area, period.start, period.end)
    assert rows["Confirmed service hours"][0] == float(sum(r.hours for r in records))
    assert rows["Active volunteers (confirmed hours in the period)"][0] == len({r.volunteer_id for r in records})
    assert rows["Activities held"][0] == len(expected.activities_held(area, period.start, period.end))
    party = expected.party(area)
    assert rows["Party members in organizations"][0] == party["members"]
    assert rows["With a Party organisation"][0] == party["covered"]
    forms = {row[1]: row[2] for row in sheet_rows(response.content) if row[0] == "Legal form"}
    statuses = {row[1]: row[2] for row in sheet_rows(response.content) if row[0] == "Status"}
    assert forms == {str(label): expected.by_form(area)[value] for value, label in LegalForm.choices}
    assert statuses == {str(label): expected.by_status(area)[value] for value, label in OrgStatus.choices}
    assert forms["Social service institution"] == 1 and statuses["Deregistered"] == 1
    assert rows["Registered volunteers (at the end of the period)"][0] == expected.volunteers(area).filter(
        created_at__lt=period.aware_bounds()[1]).distinct().count()
    assert rows[f"Budget of fiscal year {year} (yuan)"][0] == float(expected.budget(area, year))
    assert rows[f"Paid in fiscal year {year} (yuan)"][0] == float(expected.paid(area, year))
    assert rows["A-1"][1] == world.org_a.name  # the evaluated contract of street A ...
    assert "B-1" not in rows                   # ... and not street B's


def test_pdf_text_holds_area_name_and_key_figures(world, client_for):
    built = build(world)
    year, month = month_of(built)
    period = Period.month(year, month)
    client = client_for(STREET_STAFF)
    response = download(client, world.street_a, "pdf", period="month", year=year, month=month)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "北山街道" in text
    assert "灵隐街道" not in text
    hours = sum(r.hours for r in expected.confirmed_in(world.street_a, period.start, period.end))
    assert str(hours) in text
    assert "A-1" in text and world.org_a.name in text
    event = AuditEvent.objects.get(action=AuditAction.EXPORT, object_id=str(world.street_a.pk))
    assert event.detail["format"] == "pdf" and event.detail["period_start"] == str(period.start)


def test_annual_report_of_a_community(world, client_for):
    built = build(world)
    year = built.today.year
    response = download(client_for(COMMUNITY_WORKER), world.community_a1, "xlsx", period="year", year=year)
    rows = sheet_values(response.content)
    period = Period.year(year)
    records = expected.confirmed_in(world.community_a1, period.start, period.end)
    assert rows["Confirmed service records"][0] == len(records)
    assert rows["Activities held"][0] == len(expected.activities_held(world.community_a1, period.start, period.end))
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT, detail__format="xlsx").count() == 1


def test_scope_and_roles(world, client_for):
    build(world)
    query = {"period": "year", "year": 2026}
    assert download(client_for(STREET_STAFF), world.street_b, "pdf", **query).status_code == 404
    assert download(client_for(COMMUNITY_WORKER), world.street_a, "xlsx", **query).status_code == 404
    assert download(client_for(ORG_A_ADMIN), world.street_a, "xlsx", **query).status_code == 403
    assert download(client_for(STREET_STAFF), world.street_a, "doc", **query).status_code == 404
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()


def test_bad_period_changes_nothing_and_explains(world, client_for):
    client = client_for(STREET_STAFF)
    response = download(client, world.street_a, "xlsx", period="month", year=2026)
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page.status_code == 200 and "report" not in page.context
    assert page.context["form"].errors["month"]
    assert not AuditEvent.objects.exists()


def test_index_goes_to_the_chosen_visible_area(world, client_for):
    client = client_for(STREET_STAFF)
    index = reverse("office:report_street")
    assert client.get(index)["Location"].startswith(reverse("office:report_street_view", args=[world.street_a.pk]))
    chosen = client.get(index, {"area": world.community_a2.pk, "period": "year", "year": 2025})
    assert chosen["Location"].startswith(reverse("office:report_street_view", args=[world.community_a2.pk]))
    assert "year=2025" in chosen["Location"]
    # Another street is not a choice: back to the user's own area.
    refused = client.get(index, {"area": world.street_b.pk})
    assert refused["Location"].startswith(reverse("office:report_street_view", args=[world.street_a.pk]))
