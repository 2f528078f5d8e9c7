"""Each kind of user logs in through the real form and lands on their own home page."""

import re

import pytest

from tests.browser.conftest import log_in, screenshot
from tests.personas import CITY_STAFF, COMMUNITY_WORKER, ORG_A_ADMIN, ORG_A_VIEWER, ORG_B_ADMIN, STREET_STAFF

pytestmark = pytest.mark.browser

LANDINGS = [
    (CITY_STAFF, r"/office/$", "杭州市"),
    (STREET_STAFF, r"/office/$", "北山街道"),
    (COMMUNITY_WORKER, r"/office/$", "宝石社区"),
    (ORG_A_ADMIN, r"/portal/[0-9a-f]+/$", "宝石邻里互助会"),
    (ORG_A_VIEWER, r"/portal/[0-9a-f]+/$", "宝石邻里互助会"),
    (ORG_B_ADMIN, r"/portal/[0-9a-f]+/$", "白乐桥文体协会"),
]


def test_login_page_is_chinese(page, browser_world):
    page.goto("/")  # the public home page leads to the log-in page
    page.click("main a[href^='/accounts/login/']")
    assert "/accounts/login/" in page.url
    assert page.locator("h1").inner_text() == "共治社区治理登记系统"
    assert page.locator("[data-testid=login-submit]").inner_text() == "登录"
    screenshot(page, "login-page")


@pytest.mark.parametrize(("persona", "url_pattern", "text"), LANDINGS, ids=[p for p, _u, _t in LANDINGS])
def test_each_user_lands_on_their_home(page, browser_world, persona, url_pattern, text):
    user = browser_world.user(persona)
    log_in(page, user.username)
    assert re.search(url_pattern, page.url), page.url
    assert text in page.content()
    assert not page.console_errors, page.console_errors  # no CSP violations or missing assets
    screenshot(page, f"home-{persona}")


def test_wrong_password_is_refused_in_chinese(page, browser_world):
    log_in(page, "street", password="wrong")
    assert "/accounts/login/" in page.url
    assert "请输入一个正确的" in page.content()


def test_language_switch_to_english_and_back(page, browser_world):
    log_in(page, "city")
    page.click("button[name=language][value=en]")
    page.wait_for_load_state("networkidle")
    assert page.locator("[data-testid=page-title]").inner_text() == "Back office"
    page.click("button[name=language][value=zh-hans]")
    page.wait_for_load_state("networkidle")
    assert page.locator("[data-testid=page-title]").inner_text() == "后台管理"
