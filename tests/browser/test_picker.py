"""Searchable pickers in Chromium (issue 16.9): with more volunteers or organizations than a
dropdown lists, the record entry form and the filters offer a combobox that searches as one types
and works from the keyboard alone (arrows, Enter, Escape, Backspace). Served by the app itself
(static/js/picker.js): no request leaves the live server."""

import re

import pytest

from apps.activities.models import ServiceRecord
from apps.web import pickers
from tests.browser.conftest import log_in, screenshot
from tests.personas import ORG_A_ADMIN, STREET_STAFF
from tests.portal_work.world import portal_world
from tests.volunteers.factories import make_activity, make_volunteer


@pytest.fixture
def few_inline(monkeypatch):
    """Dropdowns of more than one row become pickers (the live server runs in this process)."""
    monkeypatch.setattr(pickers, "INLINE_MAX", 1)


def _outside_requests(page, live_server):
    outside = []
    page.on("request", lambda request: not request.url.startswith(live_server.url)
            and not request.url.startswith("data:") and outside.append(request.url))
    return outside


def test_volunteers_are_chosen_by_typing_and_the_keyboard(page, browser_world, few_inline, live_server):
    world = browser_world
    org = world.org_a
    portal_world(world)
    for name in ("张一", "张二", "张三"):
        make_volunteer(world.community_a1, name=name, organization=org)
    make_volunteer(world.community_b1, name="张四", organization=world.org_b)  # another organization's
    activity = make_activity(org, name="键盘录入活动")
    outside = _outside_requests(page, live_server)
    log_in(page, world.user(ORG_A_ADMIN).username)
    page.goto(f"/portal/{org.code}/activities/{activity.pk}/")

    combobox = page.get_by_role("combobox", name=re.compile("志愿者"))
    assert not page.locator("#id_volunteers").is_visible()
    # Nobody chosen: the form is sent and the server says what is missing (a hidden required
    # select would have stopped the form without a word).
    page.click("[data-testid=enter-records]")
    page.wait_for_load_state("networkidle")
    assert page.locator(".alert-danger").inner_text() == "请至少选择一名志愿者。"
    combobox.focus()
    page.keyboard.type("张")
    options = page.locator("[role=listbox] [role=option]")
    options.first.wait_for()
    assert options.all_inner_texts() and all("张" in text for text in options.all_inner_texts())
    assert not any("张四" in text for text in options.all_inner_texts())
    assert options.count() == 3
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert combobox.get_attribute("aria-activedescendant") == options.nth(1).get_attribute("id")
    second = options.nth(1).inner_text()
    page.keyboard.press("Enter")  # chooses, does not submit the form
    chips = page.locator(".gz-picker-chip")
    assert chips.count() == 1 and second in chips.first.inner_text()

    page.keyboard.type("张一")
    page.locator("[role=listbox] [role=option]", has_text="张一").wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    assert chips.count() == 2
    page.keyboard.press("Backspace")  # the empty input removes the last choice
    assert chips.count() == 1
    page.keyboard.type("张一")
    page.locator("[role=listbox] [role=option]", has_text="张一").wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.keyboard.type("z")
    page.locator(".gz-picker-message").wait_for()  # one Latin letter is too short to search
    page.keyboard.press("Escape")
    assert page.locator("[role=listbox]").is_hidden()
    screenshot(page, "picker-record-entry-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "picker-record-entry-phone")

    page.fill("#id_content", "键盘录入")
    page.click("[data-testid=enter-records]")
    page.wait_for_load_state("networkidle")
    names = sorted(ServiceRecord.objects.filter(activity=activity).values_list("volunteer__name", flat=True))
    assert names == sorted([second.split(" ")[0], "张一"])  # (the options read "张三 (number)")
    assert not outside and not page.console_errors


def test_an_organization_filter_is_searched(page, browser_world, few_inline, live_server):
    world = browser_world
    portal = portal_world(world)
    make_activity(world.org_a2, name="葛岭的活动")
    outside = _outside_requests(page, live_server)
    log_in(page, world.user(STREET_STAFF).username)
    page.goto("/office/activities/")
    combobox = page.get_by_role("combobox", name="社会组织", exact=True)
    combobox.fill("葛岭")
    page.locator("[role=listbox] [role=option]", has_text=world.org_a2.name).wait_for()
    combobox.press("ArrowDown")
    combobox.press("Enter")
    assert combobox.input_value() == world.org_a2.name
    screenshot(page, "picker-organization-filter")
    page.get_by_role("button", name="查询", exact=True).click()
    page.wait_for_load_state("networkidle")
    table = page.inner_text(".table-container")
    assert "葛岭的活动" in table and portal["a"].activity.name not in table
    assert page.get_by_role("combobox", name="社会组织", exact=True).input_value() == world.org_a2.name
    assert not outside and not page.console_errors
