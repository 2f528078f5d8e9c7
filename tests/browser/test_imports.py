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
