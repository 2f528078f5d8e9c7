import csv
import io

from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from apps.areas.models import Area
from apps.backoffice.tables.areas import AreaTable
from apps.core.export import FORMULA_PREFIXES, csv_response, escape_formula, table_rows, xlsx_response


@given(st.text())
def test_no_escaped_cell_can_start_a_formula(value):
    escaped = escape_formula(value)
    assert not escaped.startswith(FORMULA_PREFIXES)
    assert escaped.removeprefix("'") == value or escaped == value


def test_numbers_are_left_alone():
    assert escape_formula(-5) == -5


def _csv_rows(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_table_export_streams_every_row_with_escaping(world):
    world.grid_a1.name = "=HYPERLINK(\"http://evil\")"
    world.grid_a1.save()
    table = AreaTable(Area.objects.select_related("parent").order_by("code"))
    rows = _csv_rows(csv_response("areas.csv", table_rows(table)))
    assert rows[0][0] == "名称"
    assert len(rows) == 1 + Area.objects.count()
    assert ["'=HYPERLINK(\"http://evil\")"] == [r[0] for r in rows if "HYPERLINK" in r[0]]


def test_xlsx_export(world):
    table = AreaTable(Area.objects.select_related("parent").order_by("code"))
    response = xlsx_response("areas.xlsx", table_rows(table))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[1][0] == "杭州市"
    assert len(values) == 1 + Area.objects.count()
