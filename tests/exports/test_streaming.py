import csv
import io

import pytest
from django.http import FileResponse, StreamingHttpResponse
from django.urls import reverse
from openpyxl import load_workbook

from apps.audit.models import AuditAction, AuditEvent
from tests.personas import STREET_STAFF
from tests.volunteers.world import volunteer_world

pytestmark = pytest.mark.django_db


def _rows(response):
    body = b"".join(response.streaming_content)
    if response["Content-Type"].startswith("text/csv"):
        return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    return [[c for c in row] for row in load_workbook(io.BytesIO(body)).active.iter_rows(values_only=True)]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_volunteer_export_streams_masked_and_escaped(world, client_for, fmt):
    v = volunteer_world(world).volunteer_a
    v.name = "=cmd|' /C calc'!A0"
    v.save()
    response = client_for(STREET_STAFF).get(reverse("office:volunteer_list") + f"?_export={fmt}")
    assert isinstance(response, (StreamingHttpResponse, FileResponse))
    rows = _rows(response)
    flat = "\n".join(str(c) for row in rows for c in row)
    assert v.id_number not in flat and v.phone not in flat
    assert v.id_number_masked in flat and v.phone_masked in flat
    assert "'=cmd|' /C calc'!A0" in flat and "\n=cmd" not in "\n" + flat
    event = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert event.detail["format"] == fmt and event.content_type.model == "volunteer"


@pytest.mark.parametrize("url_name", ["office:record_list", "office:organization_list", "office:team_list",
                                      "office:activity_list", "office:procurement_project_list"])
def test_every_list_exports_all_filtered_rows(world, client_for, url_name):
    volunteer_world(world)
    client = client_for(STREET_STAFF)
    rows = _rows(client.get(reverse(url_name) + "?_export=csv"))
    assert len(rows) >= 1 and all(len(row) == len(rows[0]) for row in rows)
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT).count() == 1


def test_unknown_export_format_is_404(world, client_for):
    assert client_for(STREET_STAFF).get(reverse("office:volunteer_list") + "?_export=json").status_code == 404


def test_export_reads_rows_with_an_iterator(world, client_for, django_assert_max_num_queries):
    """Rows are fetched in chunks; the number of queries does not grow with the rows."""
    volunteer_world(world)
    client = client_for(STREET_STAFF)
    with django_assert_max_num_queries(12):
        b"".join(client.get(reverse("office:record_list") + "?_export=csv").streaming_content)
