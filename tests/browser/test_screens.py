"""Screens of issue 16 in real Chromium, at desktop size and on a 390×844 phone, with screenshots
kept as test artifacts: the audit log (16.11), a progress report's evidence (16.12), volunteer and
team editing and the portal's training and award records (16.13)."""

import contextlib

from auditlog.context import set_actor

from tests.browser.conftest import log_in, screenshot
from tests.personas import CITY_STAFF, STREET_STAFF


@contextlib.contextmanager
def phone_page(chromium, live_server, username):
    """A logged-in page on a 390×844 phone."""
    context = chromium.new_context(base_url=live_server.url, locale="zh-CN", viewport={"width": 390, "height": 844},
                                   is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        log_in(page, username)
        yield page
    finally:
        context.close()


def test_audit_log(page, chromium, live_server, browser_world):
    world = browser_world
    old_name = world.org_a.name
    with set_actor(world.user(CITY_STAFF)):
        world.org_a.name = "宝石邻里互助中心"
        world.org_a.save()
        world.org_b.name = "灵隐另一组织"
        world.org_b.save()
    username = world.user(STREET_STAFF).username
    log_in(page, username)
    page.goto("/office/")
    page.click("nav >> text=审计日志")
    log = page.locator("[data-testid=audit-log]")
    assert f"名称: {old_name} → 宝石邻里互助中心" in log.inner_text()
    assert "灵隐另一组织" not in log.inner_text()  # street B's change is not street A's to read
    page.fill("#id_record", "宝石")
    page.click("form[role=search] button[type=submit]")
    assert "宝石邻里互助中心" in page.locator("[data-testid=audit-log]").inner_text()
    screenshot(page, "screens-audit-log")
    with phone_page(chromium, live_server, username) as phone:
        phone.goto("/office/audit/")
        assert "宝石邻里互助中心" in phone.locator("[data-testid=audit-log]").inner_text()
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling
        screenshot(phone, "screens-audit-log-phone")
        phone.goto("/office/audit/events/")
        screenshot(phone, "screens-audit-events-phone")
    assert not page.console_errors


def test_progress_report_evidence(page, chromium, live_server, browser_world):
    from tests.portal_work.world import portal_world

    work = portal_world(browser_world)["a"]
    username = browser_world.user(STREET_STAFF).username
    log_in(page, username)
    page.goto(f"/office/procurement/contracts/{work.contract.pk}/")
    assert "jia-marker-evidence.pdf" in page.inner_text("[data-testid=reports]")
    page.click("[data-testid=reports] [data-testid=review]")
    with page.expect_download() as download:
        page.click("[data-testid=report-evidence] >> text=jia-marker-evidence.pdf")
    assert download.value.suggested_filename == "jia-marker-evidence.pdf"
    screenshot(page, "screens-report-review-evidence")
    with phone_page(chromium, live_server, username) as phone:
        phone.goto(f"/office/procurement/reports/{work.report.pk}/review/")
        assert phone.locator("[data-testid=evidence-file]").count() == 1
        screenshot(phone, "screens-report-review-evidence-phone")
    assert not page.console_errors
