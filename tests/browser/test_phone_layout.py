"""Phones (issue 16.8): the portal's list pages and the public pages fit a 390 px wide screen
(Chromium at 390×844) without sideways scrolling: list tables become stacked cards whose cells
are led by their column's header, and the filters fold away behind a button. Each page is kept as
a screenshot at phone and at desktop size."""

import datetime

import pytest

from apps.organizations.models import CreditListing, CreditListKind
from apps.procurement import services as procurement
from tests.browser.conftest import ARTIFACTS, log_in
from tests.personas import ORG_A_ADMIN, STREET_STAFF
from tests.portal_work.world import portal_world

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
PORTAL_LISTS = ["volunteers/", "teams/", "activities/", "records/", "certificates/", "contracts/",
                "annual-reports/"]


@pytest.fixture
def phone(chromium, live_server):
    context = chromium.new_context(base_url=live_server.url, locale="zh-CN", viewport=PHONE,
                                   device_scale_factor=2, is_mobile=True, has_touch=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.console_errors = errors
    yield page
    context.close()


def _overflow(page):
    """How many CSS pixels the page is wider than the screen (0: no sideways scrolling), and the
    elements that stick out."""
    return page.evaluate("""() => {
        const width = document.documentElement.clientWidth;
        const wide = [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > width + 1)
            .slice(0, 5).map(e => e.tagName + '.' + e.className);
        return [document.documentElement.scrollWidth - width, wide];
    }""")


def _shoot(page, name, size):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size(size)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def _check_page(page, url, name, desktop=None):
    page.goto(url)
    page.wait_for_load_state("networkidle")
    extra, wide = _overflow(page)
    assert extra <= 0, (url, extra, wide)
    _shoot(page, f"phone-{name}", PHONE)
    if desktop is not None:
        desktop.goto(url)
        _shoot(desktop, f"desktop-{name}", DESKTOP)


def _publish(world, work):
    procurement.contract_disclosure_record(actor=world.user(STREET_STAFF), contract=work.contract,
                                           published_on=datetime.date(2025, 3, 4))
    CreditListing.objects.create(organization=world.org_b, kind=CreditListKind.ABNORMAL, reason="联系人失联",
                                 decision_document="杭民〔2025〕9号", listed_on=datetime.date(2025, 1, 2))


def test_portal_lists_fit_a_phone_as_cards(phone, page, browser_world):
    world = browser_world
    work = portal_world(world)["a"]
    log_in(phone, world.user(ORG_A_ADMIN).username)
    log_in(page, world.user(ORG_A_ADMIN).username)
    base = f"/portal/{world.org_a.code}/"
    for path in PORTAL_LISTS:
        _check_page(phone, base + path, "portal-" + path.strip("/"), desktop=page)
    _check_page(phone, base, "portal-home", desktop=page)
    _check_page(phone, base + "members/", "portal-members", desktop=page)
    for name, url in [("team", f"teams/{work.team.pk}/"), ("activity", f"activities/{work.activity.pk}/"),
                      ("record", f"records/{work.record.pk}/"), ("certificate", f"certificates/{work.certificate.pk}/"),
                      ("contract", f"contracts/{work.contract.pk}/"), ("profile", "profile/")]:
        _check_page(phone, base + url, "portal-" + name, desktop=page)

    # A row is a card: the header row is out of sight, each cell is led by its column's name.
    phone.goto(base + "volunteers/")
    row = phone.locator("[data-testid=volunteer-table] tbody tr").first
    assert row.evaluate("r => getComputedStyle(r).display") == "block"
    assert phone.locator("[data-testid=volunteer-table] thead").bounding_box()["height"] <= 1
    cell = row.locator("td").first
    label = cell.evaluate("td => getComputedStyle(td, '::before').content")
    assert label.strip('"') == cell.get_attribute("data-label") and label.strip('"')
    assert work.volunteer.name in row.inner_text()
    # The filters are folded away until asked for.
    assert not phone.locator("#list-filters").is_visible()
    phone.click("[data-testid=filters-toggle]")
    phone.locator("#list-filters").wait_for(state="visible")
    assert _overflow(phone)[0] <= 0
    _shoot(phone, "phone-portal-volunteers-filters", PHONE)
    assert not phone.console_errors


def test_public_pages_fit_a_phone(phone, page, browser_world):
    world = browser_world
    work = portal_world(world)["a"]
    _publish(world, work)
    _check_page(phone, "/", "public-home", desktop=page)
    _check_page(phone, "/accounts/login/", "public-login", desktop=page)
    _check_page(phone, "/disclosure/", "public-disclosure", desktop=page)
    table = phone.locator("[data-testid=disclosed-contracts] tbody tr").first
    assert table.evaluate("r => getComputedStyle(r).display") == "block"
    assert "¥100,000.00" in table.inner_text() and work.contract.number in table.inner_text()
    _check_page(phone, "/verify/", "public-verify", desktop=page)
    _check_page(phone, f"/verify/{work.certificate.verification_code}/", "public-verify-code", desktop=page)
    _check_page(phone, f"/checkin/{work.activity.checkin_token}/", "public-checkin", desktop=page)
    assert not phone.console_errors
