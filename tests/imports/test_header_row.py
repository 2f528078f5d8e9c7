"""Issue 16.1: real 花名册 files have a merged title row (and sometimes a notes row) above the
header. The header is the first of the first ten non-blank rows that names enough of the
importer's columns (after normalising spaces, full-width forms and asterisks); errors keep naming
the rows as Excel numbers them."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from apps.imports.importers import VolunteerImporter
from apps.imports.reading import FileFormatError, count_rows, data_rows, header_key
from apps.volunteers.models import Volunteer
from tests.imports.helpers import VOLUNTEER_HEADER, check, check_and_commit, csv_upload, id_number
from tests.personas import STREET_STAFF

pytestmark = pytest.mark.django_db

TITLE = "西湖区北山街道宝石社区志愿者花名册（2026年12月）"
NOTES = "填表说明：带*的列必填；证件号码填18位居民身份证号码；社区填写社区全称。"


def _roster(header, rows, *, notes=True, blank_between=True):
    """A roster as offices make them: a title merged across the columns, a notes row, a blank row."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([TITLE])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    if notes:
        sheet.append([NOTES])
        sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(header))
    if blank_between:
        sheet.append([])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("花名册.xlsx", buffer.getvalue())


def _person(n, phone=None):
    return [f"志愿者{n}", id_number(n), phone or f"138000001{n:02d}", "宝石社区", "群众"]


def test_a_roster_with_a_merged_title_and_notes_is_imported(module_world):
    job = check_and_commit(module_world.user(STREET_STAFF), "volunteers",
                           _roster(VOLUNTEER_HEADER, [_person(1), _person(2)]))
    assert job.status == "done" and (job.total_rows, job.new_rows) == (2, 2)  # title and notes are no rows
    assert set(Volunteer.objects.values_list("name", flat=True)) == {"志愿者1", "志愿者2"}


def test_errors_name_the_rows_as_excel_numbers_them(module_world):
    # Row 1 title, row 2 notes, row 3 blank, row 4 header: the bad person is on row 6.
    job = check(module_world.user(STREET_STAFF), "volunteers",
                _roster(VOLUNTEER_HEADER, [_person(3), _person(4, phone="123")]))
    assert job.status == "invalid"
    assert [(error["row"], error["column"]) for error in job.errors] == [(6, "手机号码")]


def test_headers_are_matched_after_normalising_spaces_full_width_forms_and_asterisks(module_world):
    header = ["＊姓 名", "证件\n号码*", "手机号码＊", "居住社区 *", "政治面貌"]
    job = check(module_world.user(STREET_STAFF), "volunteers", _roster(header, [_person(5)], notes=False))
    assert job.status == "checked", job.errors
    assert header_key("服务时长（小时）") == header_key(" 服务时长(小时) *")


def test_a_csv_roster_with_a_title_row_is_read(module_world):
    rows = [[TITLE], [], VOLUNTEER_HEADER, _person(6), ["", "", ""], _person(7, phone="1")]
    job = check(module_world.user(STREET_STAFF), "volunteers", csv_upload(rows))
    assert job.total_rows == 2
    assert [(error["row"], error["column"]) for error in job.errors] == [(6, "手机号码")]


def test_the_header_is_looked_for_in_the_first_ten_rows_only(module_world):
    notes = [[f"说明第{n}条"] for n in range(10)]
    job = check(module_world.user(STREET_STAFF), "volunteers", csv_upload([*notes, VOLUNTEER_HEADER, _person(8)]))
    assert job.status == "invalid" and job.errors[0]["row"] == 0
    assert "10" in job.errors[0]["message"] and "姓名" in job.errors[0]["message"]
    job = check(module_world.user(STREET_STAFF), "volunteers", csv_upload([*notes[1:], VOLUNTEER_HEADER, _person(8)]))
    assert job.status == "checked", job.errors


def test_a_header_that_lacks_a_required_column_is_named_by_its_row(module_world):
    header = [name for name in VOLUNTEER_HEADER if name != "手机号码"]
    job = check(module_world.user(STREET_STAFF), "volunteers",
                _roster(header, [["张三", id_number(9), "宝石社区", "群众"]]))
    assert job.status == "invalid"
    message = job.errors[0]["message"]
    assert "4" in message and "手机号码" in message


def test_a_title_that_happens_to_name_one_column_is_not_the_header():
    upload = csv_upload([["姓名"], VOLUNTEER_HEADER, _person(10)])
    rows = list(data_rows(io.BytesIO(upload.read()), "x.csv", VolunteerImporter.columns))
    assert [(number, raw["name"]) for number, raw in rows] == [(3, "志愿者10")]


def test_the_count_skips_what_stands_above_the_header():
    upload = _roster(VOLUNTEER_HEADER, [_person(11), _person(12), _person(13)])
    assert count_rows(io.BytesIO(upload.read()), "x.xlsx", VolunteerImporter.columns) == 3
    with pytest.raises(FileFormatError, match="文件为空"):
        count_rows(io.BytesIO(b""), "x.csv", VolunteerImporter.columns)
