"""The dashboard in real Chromium: charts render as images under the strict CSP (no console
errors), each has a table of the same numbers, and alerts lead to the filtered lists."""

import pytest

from tests.browser.conftest import log_in, screenshot
from tests.personas import STREET_STAFF
from tests.reports.builders import build

pytestmark = pytest.mark.browser


def test_dashboard_charts_tables_and_alerts(page, browser_world):
    build(browser_world)
    log_in(page, browser_world.user(STREET_STAFF).username)
    assert page.url.endswith("/office/")
    assert "北山街道" in page.locator("main, body").first.inner_text()
    charts = page.locator("img.gz-chart")
    assert charts.count() == 6
    for index in range(charts.count()):
        width = charts.nth(index).evaluate("img => img.complete && img.naturalWidth")
        assert width and width > 0, f"chart {index} did not render"
    screenshot(page, "dashboard-street-a")

    page.click("[data-testid=panel-party] summary")
    table = page.locator("[data-testid=table-party]")
    assert table.is_visible()
    assert "独立" in table.inner_text() or "Independent" in table.inner_text()
    assert "白乐桥社区" not in page.content()  # street B is not in street A's dashboard
    screenshot(page, "dashboard-party-table")

    counts = page.locator("[data-testid=alert-count]").all_inner_texts()
    # No candidates for the credit lists, no star award under review, no likely duplicate.
    assert counts == ["1", "1", "1", "1", "1", "3", "0", "0", "0", "0"]
    page.locator("[data-testid=alerts] a").nth(1).click()  # grades expiring
    page.wait_for_load_state("networkidle")
    assert "grade_expiring=yes" in page.url
    assert browser_world.org_a.name in page.content()
    assert browser_world.org_a2.name not in page.content()
    assert not page.console_errors, page.console_errors  # no CSP violations


def test_street_report_page_and_download(page, browser_world):
    build(browser_world)
    log_in(page, browser_world.user(STREET_STAFF).username)
    page.goto("/office/reports/street/")
    assert page.locator("[data-testid=report-title]").is_visible()
    assert "北山街道" in page.locator("[data-testid=report-title]").inner_text()
    screenshot(page, "street-report")
    with page.expect_download() as download_info:
        page.locator("a[href*='/pdf/']").click()
    assert download_info.value.suggested_filename.endswith(".pdf")
    assert not page.console_errors, page.console_errors
