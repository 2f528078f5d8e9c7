"""A clerk imports a spreadsheet of organizations with a mistake, sees the errors, fixes the
file, imports it, and finds the new rows in the list and in the dashboard (issue 7)."""

import io

import pytest
from openpyxl import Workbook
from stdnum.cn import uscc

from apps.organizations.models import Organization
from tests.browser.conftest import log_in, screenshot

pytestmark = pytest.mark.browser

HEADER = ["名称", "组织类型", "统一社会信用代码", "所在社区", "成立日期"]


def _code(body="51330106MJ0000007"):
    return body + uscc.calc_check_digit(body)


def _write(path, rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    path.write_bytes(buffer.getvalue())
    return str(path)


def _upload(page, path):
    page.goto("/office/imports/")
    page.select_option("#id_kind", "organizations")
    page.set_input_files("#id_file", path)
    page.click("[data-testid=upload-form] button[type=submit]")
    page.wait_for_load_state("networkidle")


def test_import_with_errors_fix_and_import(page, browser_world, tmp_path):
    log_in(page, "street")
    page.goto("/office/")
    figures_before = page.text_content("[data-testid=table-forms]")

    rows = [HEADER, ["导入测试协会", "社会团体", "51330106MJ00", "宝石社区", "2021/6/1"],
            ["导入测试服务中心", "社会服务机构", _code("52330106MJ0000008"), "宝石社区", "2021年6月2日"]]
    _upload(page, _write(tmp_path / "bad.xlsx", rows))
    errors = page.inner_text("[data-testid=errors]")
    assert "统一社会信用代码" in errors and "18" in errors
    assert page.inner_text("[data-testid=status]") == "已校验：有错误"
    screenshot(page, "import-errors")
    assert not Organization.objects.filter(name__startswith="导入测试").exists()

    rows[1][2] = _code()
    _upload(page, _write(tmp_path / "fixed.xlsx", rows))
    assert page.inner_text("[data-testid=new-rows]") == "2"
    page.check("#id_confirm")
    page.click("[data-testid=commit-form] button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.inner_text("[data-testid=status]") == "已导入"
    screenshot(page, "import-done")

    page.goto("/office/organizations/?keyword=导入测试")
    table = page.inner_text("table")
    assert "导入测试协会" in table and "导入测试服务中心" in table
    page.goto("/office/")
    assert page.text_content("[data-testid=table-forms]") != figures_before
    assert not page.console_errors


def test_portal_import_preview_shows_what_changes(page, browser_world, tmp_path):
    """Issue 16.2 and 16.3: an organization's admin re-imports its roster; the preview names each
    changed member's old and new values (masked), counts the unchanged row, and imports."""
    from tests.imports.helpers import id_number
    from tests.volunteers.factories import make_volunteer

    world = browser_world
    kept = make_volunteer(world.community_a1, name="预览不变", organization=world.org_a, phone="13800000091")
    moved = make_volunteer(world.community_a1, name="预览变更", organization=world.org_a, phone="13800000092")
    header = ["姓名", "证件号码", "手机号码", "居住社区", "政治面貌"]
    rows = [header, ["预览不变", kept.id_number, "13800000091", "宝石社区", "群众"],
            ["预览变更", moved.id_number, "13912340092", "葛岭社区", "群众"],
            ["预览新人", id_number(93), "13800000093", "宝石社区", "群众"]]
    log_in(page, "org_a_admin")
    page.goto(f"/portal/{world.org_a.code}/imports/")
    page.select_option("#id_kind", "volunteers")
    page.set_input_files("#id_file", _write(tmp_path / "花名册.xlsx", rows))
    page.click("[data-testid=upload-form] button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert [page.inner_text(f"[data-testid={name}]") for name in ("new-rows", "update-rows", "unchanged-rows")] \
        == ["1", "1", "1"]
    changes = page.inner_text("[data-testid=changes]")
    assert "138****0092" in changes and "139****0092" in changes and "葛岭社区" in changes
    assert "13912340092" not in page.content() and "预览不变" not in changes
    screenshot(page, "portal-import-preview")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "portal-import-preview-phone")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.check("#id_confirm")
    page.click("[data-testid=commit-form] button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.inner_text("[data-testid=status]") == "已导入"
    assert not page.console_errors
