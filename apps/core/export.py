"""Streaming exports of a django-tables2 table's full filtered data, in constant memory.

Rows are read with ``QuerySet.iterator()`` in chunks and turned into cell values by the
table's own columns (``value_<name>`` / ``render_<name>``), so an export shows exactly what
the table shows, masked where the table masks. CSV streams straight to the client; XLSX is
written row by row by openpyxl's write-only workbook into a temporary file, then streamed.

Cells that a spreadsheet would read as a formula (starting with = + - @, tab or CR) are
prefixed with an apostrophe (CSV/formula injection).
"""

import csv
import tempfile
from collections.abc import Iterable, Iterator
from urllib.parse import quote

from django.http import FileResponse, StreamingHttpResponse
from django.utils.encoding import force_str
from django_tables2.rows import BoundRow

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CHUNK_SIZE = 2000


def escape_formula(value):
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def table_rows(table, queryset=None) -> Iterator[list]:
    """The header, then one list of values per record of the table's (ordered) data."""
    columns = [c for c in table.columns.iterall() if not c.column.exclude_from_export]
    yield [force_str(c.header) for c in columns]
    records = queryset if queryset is not None else table.data.data
    if hasattr(records, "iterator"):
        records = records.iterator(chunk_size=CHUNK_SIZE)
    for record in records:
        row = BoundRow(record, table=table)
        yield [escape_formula(_plain(row.get_cell_value(c.name))) for c in columns]


def _plain(value):
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    return force_str(value)


def _disposition(filename):
    return f"attachment; filename*=UTF-8''{quote(filename)}"


class _Echo:
    def write(self, value):
        return value


def csv_response(filename: str, rows: Iterable[list]) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def generate():
        yield "\ufeff"  # BOM: Excel then reads the Chinese text as UTF-8
        for row in rows:
            yield writer.writerow(row)

    response = StreamingHttpResponse(generate(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = _disposition(filename)
    return response


def xlsx_response(filename: str, rows: Iterable[list], *, title: str = "Sheet1") -> FileResponse:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    for row in rows:
        sheet.append(row)
    spool = tempfile.TemporaryFile(suffix=".xlsx")
    workbook.save(spool)
    spool.seek(0)
    response = FileResponse(
        spool, as_attachment=True, filename=filename,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    return response
