"""Issue 16.4: the import templates. The example ID number passes its own check character; coded
columns have dropdowns of the Chinese labels the importer accepts; a 说明 sheet lists every column
(required or optional, format, example); the template's own example rows import without an error."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from stdnum.cn import ric

from apps.imports.importers import IMPORTERS
from apps.organizations.models import Organization
from apps.volunteers.models import DocumentType, PoliticalStatus, Sex, Volunteer
from tests.imports.helpers import check, check_and_commit, logged_in
from tests.personas import STREET_STAFF
from tests.volunteers.factories import make_activity

pytestmark = pytest.mark.django_db

# The sheets' names are part of the file format clerks see.
IMPORT_SHEET, NOTES_SHEET, EXAMPLE_SHEET = "导入", "说明", "示例"


def _template(client, kind):
    response = client.get(reverse("office:import_template", args=[kind]))
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def _filled(workbook):
    """The template with its example row copied into the import sheet, as a clerk would fill it in."""
    examples = workbook[EXAMPLE_SHEET]
    sheet = workbook[IMPORT_SHEET]
    for cell in examples[2]:
        sheet.cell(row=2, column=cell.column, value=cell.value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("模板.xlsx", buffer.getvalue())


def _column_values(sheet, header):
    headers = [cell.value.rstrip("*") for cell in sheet[1]]
    index = headers.index(header)
    return [row[index] for row in sheet.iter_rows(min_row=2, values_only=True)]


def test_the_example_id_number_passes_its_check_character(module_world):
    for kind in ("volunteers", "records"):
        workbook = _template(logged_in(module_world.user(STREET_STAFF)), kind)
        notes = list(workbook[NOTES_SHEET].iter_rows(values_only=True))
        example_column = notes[0].index("示例")
        noted = [row[example_column] for row in notes[1:] if row[0] == "证件号码"]
        assert len(noted) == 1 and ric.is_valid(noted[0]), noted
        assert _column_values(workbook[EXAMPLE_SHEET], "证件号码")[0] == noted[0]


def _dropdowns(workbook):
    """{column header: [labels offered]} of the import sheet's list validations."""
    sheet = workbook[IMPORT_SHEET]
    headers = {cell.column_letter: cell.value.rstrip("*") for cell in sheet[1]}
    found = {}
    for validation in sheet.data_validations.dataValidation:
        assert validation.type == "list" and validation.allow_blank
        sheet_name, cells = validation.formula1.split("!")
        source = workbook[sheet_name.strip("'")]
        first, last = cells.replace("$", "").split(":")
        labels = [row[0] for row in source[first:last] for row in [[c.value for c in row]]]
        for target in str(validation.sqref).split():
            assert target.endswith("5000") and target[:1] + "2" == target.split(":")[0]
            found[headers[target[0]]] = labels
    return found


def test_coded_columns_offer_the_labels_the_importer_accepts(module_world):
    workbook = _template(logged_in(module_world.user(STREET_STAFF)), "volunteers")
    dropdowns = _dropdowns(workbook)
    assert set(dropdowns) == {"证件类型", "性别", "政治面貌"} and dropdowns["性别"] == ["男", "女"]
    assert len(dropdowns["证件类型"]) == len(DocumentType.choices) and "居民身份证" in dropdowns["证件类型"]
    assert "群众" in dropdowns["政治面貌"] and len(dropdowns["政治面貌"]) == len(PoliticalStatus.choices)
    importer = IMPORTERS["volunteers"](actor=None, area=None)
    for choices, header in ((DocumentType, "证件类型"), (Sex, "性别"), (PoliticalStatus, "政治面貌")):
        lookup = importer.choice_lookup(choices)
        assert sorted(lookup[label] for label in dropdowns[header]) == sorted(choices.values)
    assert workbook["选项"].sheet_state == "hidden"
    organizations = _dropdowns(_template(logged_in(module_world.user(STREET_STAFF)), "organizations"))
    assert set(organizations) == {"组织类型", "状态", "登记管理机关级别"} and "社会团体" in organizations["组织类型"]


def test_id_and_phone_columns_are_text_so_excel_keeps_every_digit(module_world):
    sheet = _template(logged_in(module_world.user(STREET_STAFF)), "volunteers")[IMPORT_SHEET]
    assert sheet.column_dimensions["C"].number_format == "@" and sheet["C1"].value == "证件号码*"
    assert sheet.column_dimensions["D"].number_format == "@" and sheet["D1"].value == "手机号码*"


def test_the_instructions_sheet_lists_every_column(module_world):
    workbook = _template(logged_in(module_world.user(STREET_STAFF)), "volunteers")
    rows = list(workbook[NOTES_SHEET].iter_rows(values_only=True))
    assert rows[0] == ("列", "必填/选填", "格式", "可选值", "示例")
    by_column = {row[0]: row for row in rows[1:] if row[0] in {c.header for c in IMPORTERS["volunteers"].columns}}
    assert list(by_column) == [column.header for column in IMPORTERS["volunteers"].columns]
    assert by_column["姓名"][1] == "必填" and by_column["服务技能"][1] == "选填"
    assert by_column["证件号码"][2] and "群众" in by_column["政治面貌"][3]
    assert any("10" in (row[0] or "") for row in rows[len(by_column) + 1:])  # the title rows are explained


def test_the_volunteer_templates_example_row_imports(module_world):
    workbook = _template(logged_in(module_world.user(STREET_STAFF)), "volunteers")
    job = check_and_commit(module_world.user(STREET_STAFF), "volunteers", _filled(workbook))
    assert job.status == "done" and job.new_rows == 1, job.errors
    volunteer = Volunteer.objects.get(name="张三")
    assert volunteer.community == module_world.community_a1 and volunteer.skills == "助老、心理疏导"


def test_the_organization_templates_example_row_imports(module_world):
    workbook = _template(logged_in(module_world.user(STREET_STAFF)), "organizations")
    job = check_and_commit(module_world.user(STREET_STAFF), "organizations", _filled(workbook))
    assert job.status == "done" and job.new_rows == 1 and not job.warnings, (job.errors, job.warnings)
    assert Organization.objects.get(name="西湖区某某社区服务中心").area == module_world.community_a1


def test_the_record_templates_example_row_passes_the_check(module_world):
    """A record names a registered volunteer and an existing activity: given those, the example passes."""
    from apps.volunteers.services import membership_join, volunteer_register

    workbook = _template(logged_in(module_world.user(STREET_STAFF)), "records")
    example = dict(zip([c.value.rstrip("*") for c in workbook[EXAMPLE_SHEET][1]],
                       [c.value for c in workbook[EXAMPLE_SHEET][2]], strict=True))
    volunteer = volunteer_register(name=example["姓名"], document_type=DocumentType.RESIDENT_ID,
                                   id_number=example["证件号码"], phone="13800000001",
                                   community=module_world.community_a1, consent_version="2026-01")
    Volunteer.objects.filter(pk=volunteer.pk).update(created_at=timezone.make_aware(datetime.datetime(2024, 1, 2)))
    membership_join(volunteer=volunteer, organization=module_world.org_a)
    make_activity(module_world.org_a, name=example["活动名称"],
                  start=timezone.make_aware(datetime.datetime(2024, 3, 5, 8, 30)))
    job = check(module_world.user(STREET_STAFF), "records", _filled(workbook))
    assert job.status == "checked" and job.new_rows == 1, job.errors


def test_an_empty_template_is_no_error_but_has_no_rows(module_world):
    response = logged_in(module_world.user(STREET_STAFF)).get(reverse("office:import_template", args=["volunteers"]))
    job = check(module_world.user(STREET_STAFF), "volunteers", SimpleUploadedFile("模板.xlsx", response.content))
    assert job.status == "invalid" and job.total_rows == 0 and not job.errors
