"""City staff enter next year's holiday arrangement (issue 15): a contract signed on
30 December 2026 waits with a provisional deadline, shown on its page and on the dashboard,
until the 2027 notice is entered; a day that cannot be is refused in Chinese."""

import datetime

import pytest

from apps.holidays.models import HolidayYear
from tests.browser.conftest import log_in, screenshot
from tests.procurement import factories

pytestmark = pytest.mark.browser


def _submit(page):
    page.click("[data-testid=submit]")
    page.wait_for_load_state("networkidle")


def _add_day(page, day, kind, name):
    page.goto("/office/calendar/2027/days/new/")
    page.fill("#id_date", day)
    page.select_option("#id_kind", kind)
    page.fill("#id_name", name)
    _submit(page)


def test_city_staff_enter_2027_and_the_waiting_deadline_is_recomputed(page, browser_world):
    world = browser_world
    contract = factories.contract(world, factories.project(world), number="XH-2026-088", signed_on=datetime.date(2026, 12, 30),
                                  start_date=datetime.date(2027, 1, 4), end_date=datetime.date(2027, 12, 31),
                                  today=datetime.date(2026, 12, 30))
    assert str(contract.publication_due) == "2027-01-04"  # 元旦 never counts, even unentered
    log_in(page, "city")

    page.goto(f"/office/procurement/contracts/{contract.pk}/")
    assert page.locator("[data-testid=provisional-deadline]").count() == 2
    screenshot(page, "calendar-contract-provisional")
    page.goto("/office/")
    assert "XH-2026-088" in page.locator("[data-testid=provisional-deadlines]").inner_text()
    screenshot(page, "calendar-dashboard-waiting")

    page.click("[data-testid=provisional-deadlines] a[href='/office/calendar/2027/']")
    assert "未录入" in page.locator("[data-testid=year-status]").inner_text()
    _add_day(page, "2027-02-10", "working_day", "春节")  # a Wednesday: refused
    assert "调休上班日是需要上班的周六或周日" in page.content()
    screenshot(page, "calendar-day-refused")
    _add_day(page, "2027-01-04", "day_off", "元旦")
    _add_day(page, "2027-02-20", "working_day", "春节")  # a Saturday

    page.click("[data-testid=enter-year]")
    page.fill("#id_notice", "国办发明电〔2026〕9号")
    page.check("#id_confirm")
    _submit(page)
    assert "已录入" in page.locator("[data-testid=year-status]").inner_text()
    assert HolidayYear.objects.get(year=2027).entered
    screenshot(page, "calendar-year-entered")

    contract.refresh_from_db()
    assert str(contract.publication_due) == "2027-01-05"
    page.goto("/office/")
    assert page.locator("[data-testid=provisional-deadlines]").count() == 0
    assert page.console_errors == []
