"""A street-office clerk registers an organization, records its annual report and grade, finds
it through the list's filters and exports the filtered list (issue 3)."""

import csv
import io

import pytest
from django.utils import timezone

from apps.organizations.models import AnnualReport, EvaluationGrade, Organization
from apps.organizations.selectors import last_due_report_year
from tests.browser.conftest import log_in, screenshot
from tests.organizations.helpers import code, wrong_check

pytestmark = pytest.mark.browser

NAME = "宝石社区银龄互助协会"


def test_register_report_grade_filter_and_export(page, browser_world, tmp_path):
    world = browser_world
    credit_code = code("51330106", "MA2BR0WKE")
    # Console errors other than the browser's own favicon request (the foundation serves none yet).
    errors = []
    page.on("console", lambda m: m.type == "error" and not m.location.get("url", "").endswith("/favicon.ico")
            and errors.append(f"{m.text} {m.location.get('url')}"))
    log_in(page, "street")

    # Register: first with a wrong check character, which needs confirmation.
    page.goto("/office/organizations/")
    page.click("[data-testid=organization-create]")
    page.fill("#id_name", NAME)
    page.select_option("#id_legal_form", "social_group")
    page.fill("#id_credit_code", wrong_check(credit_code))
    page.select_option("#id_area", str(world.community_a1.pk))
    page.fill("#id_residence", "杭州市西湖区宝石二路8号")
    page.fill("#id_representative", "周建国")
    page.fill("#id_founded_on", "2019-05-06")
    page.fill("#id_contact_name", "陈丽")
    page.fill("#id_contact_phone", "13912345678")
    page.click("[data-testid=organization-form] button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.locator("#id_confirm_warnings").is_visible()
    assert page.input_value("#id_residence") == "杭州市西湖区宝石二路8号"  # what was typed is kept
    screenshot(page, "organization-credit-code-warning")
    # The clerk corrects the code instead of confirming.
    page.fill("#id_credit_code", credit_code)
    page.click("[data-testid=organization-form] button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.locator("[data-testid=page-title]").inner_text() == NAME
    organization = Organization.objects.get(name=NAME)
    assert organization.credit_code == credit_code

    # The annual report a grade today needs (last year's from June on, the year before until the
    # 31 May deadline: grade_record enforces the eligibility), with its file.
    page.click("[data-testid=tab-reports]")
    page.click("[data-testid=report-create]")
    last_year = last_due_report_year("social_group", timezone.localdate())
    page.fill("#id_year", str(last_year))
    page.select_option("#id_result", "qualified")
    page.fill("#id_submitted_on", f"{last_year + 1}-03-15")
    report_file = tmp_path / "年报.pdf"
    report_file.write_bytes(b"%PDF-1.4 annual report")
    page.set_input_files("#id_file", str(report_file))
    page.click("[data-testid=record-form] button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.locator("[data-testid=annual-reports]").is_visible()
    assert str(last_year) in page.locator("[data-testid=annual-reports]").inner_text()
    assert AnnualReport.objects.get(organization=organization).attachment is not None

    # Evaluation grade 4A.
    page.click("[data-testid=tab-grades]")
    page.click("[data-testid=grade-create]")
    page.select_option("#id_grade", "4")
    page.fill("#id_score", "856")
    page.fill("#id_evaluated_on", timezone.localdate().isoformat())
    page.fill("#id_certificate_number", "西民评〔2026〕18号")
    page.click("[data-testid=record-form] button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.locator("[data-testid=current-grade]").inner_text() == "4A"
    assert EvaluationGrade.objects.filter(organization=organization, grade=4).exists()
    screenshot(page, "organization-detail-grade")

    # Find it through the filters.
    page.goto("/office/organizations/")
    page.fill("#id_keyword", credit_code[:12])
    page.select_option("#id_grade", "4")
    page.select_option("#id_credit_status", "normal")
    page.click("form[role=search] button[type=submit]")
    page.wait_for_load_state("networkidle")
    rows = page.locator("[data-testid=organization-table] tbody tr")
    assert rows.count() == 1
    assert NAME in rows.first.inner_text()
    screenshot(page, "organization-list-filtered")

    # Export the filtered list.
    with page.expect_download() as download_info:
        page.click("text=导出 CSV")
    path = download_info.value.path()
    exported = list(csv.reader(io.StringIO(open(path, encoding="utf-8-sig").read())))
    assert [row[0] for row in exported[1:]] == [NAME]
    assert "139****5678" in exported[1]
    assert not errors, errors  # no CSP violations or missing assets
