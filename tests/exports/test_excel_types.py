"""Issue 16.5: exports a clerk can compute with. Times are local (Asia/Shanghai) and XLSX stores
them as Excel date-times; hours and amounts are numbers (a SUM over the column works); the file is
named after the list in the user's language with the local day (``志愿服务记录_2026-12-03.xlsx``),
sent with an RFC 6266 ``filename*`` and an ASCII fallback."""

import csv
import datetime
import io
from decimal import Decimal
from unittest import mock
from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from apps.activities.models import ServiceRecord
from apps.core.export import export_filename
from tests.personas import STREET_STAFF
from tests.volunteers.factories import make_activity, make_volunteer

pytestmark = pytest.mark.django_db

#: 2026-03-01 09:00 in Shanghai is 01:00 UTC.
LOCAL_START = datetime.datetime(2026, 3, 1, 9, 0)


def _records(world):
    volunteer = make_volunteer(world.community_a1, name="赵六", organization=world.org_a)
    activity = make_activity(world.org_a, start=timezone.make_aware(LOCAL_START))
    for hours in (Decimal("2.5"), Decimal("0.5")):
        ServiceRecord.objects.create(volunteer=volunteer, activity=activity, started_at=activity.starts_at,
                                     ended_at=activity.starts_at + datetime.timedelta(hours=float(hours)),
                                     hours=hours, content="清扫")
        volunteer = make_volunteer(world.community_a1, name="钱七", organization=world.org_a)


def _export(client, fmt):
    response = client.get(reverse("office:record_list") + f"?_export={fmt}")
    assert response.status_code == 200
    return response, b"".join(response.streaming_content)


def test_xlsx_export_has_local_date_times_and_numeric_hours(world, client_for):
    _records(world)
    _response, body = _export(client_for(STREET_STAFF), "xlsx")
    sheet = load_workbook(io.BytesIO(body)).worksheets[0]
    rows = list(sheet.iter_rows())
    headers = [cell.value for cell in rows[0]]
    start, hours, confirmed = headers.index("开始时间"), headers.index("时长（小时）"), headers.index("确认时间")
    for row in rows[1:]:
        assert row[start].is_date and row[start].value == LOCAL_START  # local wall-clock time, not 01:00 UTC
        assert row[hours].data_type == "n" and isinstance(row[hours].value, (int, float))
        assert row[confirmed].value is None  # not confirmed: an empty cell, not "—"
    assert sorted(row[hours].value for row in rows[1:]) == [0.5, 2.5]  # what SUM adds up: 3


def test_csv_export_has_local_times_and_plain_numbers(world, client_for):
    _records(world)
    _response, body = _export(client_for(STREET_STAFF), "csv")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    start, hours = rows[0].index("开始时间"), rows[0].index("时长（小时）")
    assert {row[start] for row in rows[1:]} == {"2026-03-01 09:00:00"}
    assert sorted(row[hours] for row in rows[1:]) == ["0.50", "2.50"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_file_is_named_after_the_list_and_the_local_day(world, client_for, fmt):
    response, _body = _export(client_for(STREET_STAFF), fmt)
    day = timezone.localdate().isoformat()
    disposition = response["Content-Disposition"]
    assert disposition == (f'attachment; filename="servicerecord_{day}.{fmt}"; '
                           f"filename*=UTF-8''{quote(f'志愿服务记录_{day}.{fmt}')}")


def test_the_day_in_the_name_is_the_local_day():
    late_evening_utc = datetime.datetime(2026, 12, 2, 20, 0, tzinfo=datetime.UTC)  # 04:00 on 3 December in Shanghai
    with mock.patch("django.utils.timezone.now", return_value=late_evening_utc):
        assert export_filename("志愿服务记录", "xlsx") == "志愿服务记录_2026-12-03.xlsx"
    with translation.override("en"):
        assert export_filename("Service records", "csv", day=datetime.date(2026, 12, 3)) == "Service records_2026-12-03.csv"
    assert export_filename('a/b:"c"', "csv", day=datetime.date(2026, 1, 2)) == "a_b__c__2026-01-02.csv"


def test_amounts_are_numbers_in_xlsx():
    from apps.core.export import xlsx_file
    from apps.core.export_spec import export_cell

    spool = xlsx_file([["金额"], [export_cell(Decimal("12000.50"))], [export_cell(Decimal("99.5"))]])
    sheet = load_workbook(spool).worksheets[0]
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert [cell.data_type for cell in cells] == ["n", "n"] and sum(cell.value for cell in cells) == 12100
