"""Sign-up → staff approval → log in → invite a member → the member accepts and lands on the
organization's portal home → the new organization's admin registers a volunteer, records an
activity's hours and issues the certificate (issue 6's whole flow, as the organization would)."""

import re

import pytest
from django.core import mail

from tests.browser.conftest import log_in, screenshot
from tests.browser.test_portal_work import record_hours_and_certify
from tests.onboarding.factories import valid_credit_code

pytestmark = pytest.mark.browser

NAME = "湖畔读书会"


def test_signup_approval_invitation(page, browser_world, tmp_path):
    world = browser_world
    document = tmp_path / "证书.pdf"
    document.write_bytes(b"%PDF-1.4\n% test\n")

    page.goto("/portal/signup/")
    page.fill("#id_name", NAME)
    page.select_option("#id_legal_form", "social_group")
    page.fill("#id_credit_code", valid_credit_code("51330106MA2BR0WK"))
    page.select_option("#id_area", str(world.community_a1.pk))
    page.fill("#id_residence", "宝石一路1号")
    page.fill("#id_representative", "周兰")
    page.fill("#id_contact_name", "周兰")
    page.fill("#id_contact_phone", "13900001111")
    page.set_input_files("#id_document", str(document))
    page.fill("#id_username", "hupan")
    page.fill("#id_full_name", "周兰")
    page.fill("#id_email", "hupan@example.org")
    page.fill("#id_password1", "Lake-reading-2026")
    page.fill("#id_password2", "Lake-reading-2026")
    page.click("[data-testid=signup-submit]")
    page.wait_for_selector("[data-testid=my-applications]")
    screenshot(page, "onboarding-1-submitted")
    page.context.clear_cookies()

    log_in(page, "street")
    page.goto("/office/onboarding/applications/")
    page.click(f"text={NAME}")
    page.check("input[name=decision][value=approve]")
    page.click("[data-testid=decision-submit]")
    page.wait_for_selector("[data-testid=linked-organization]")
    screenshot(page, "onboarding-2-approved")
    page.context.clear_cookies()

    log_in(page, "hupan", "Lake-reading-2026")
    page.goto("/portal/")
    assert page.inner_text("[data-testid=page-title]") == NAME
    page.click("text=成员")
    page.fill("#id_email", "member@example.org")
    page.select_option("#id_role", "editor")
    page.click("[data-testid=invite-submit]")
    page.wait_for_selector("text=member@example.org")
    screenshot(page, "onboarding-3-invited")
    link = re.search(r"http://\S+/portal/join/\S+/", mail.outbox[-1].body).group(0)
    page.context.clear_cookies()

    page.goto(link)
    page.fill("#id_username", "member")
    page.fill("#id_full_name", "新成员")
    page.fill("#id_password1", "New-member-2026")
    page.fill("#id_password2", "New-member-2026")
    page.click("[data-testid=accept-submit]")
    page.wait_for_selector("[data-testid=todos]")
    assert page.inner_text("[data-testid=page-title]") == NAME
    screenshot(page, "onboarding-4-member-home")
    code = re.search(r"/portal/([^/]+)/", page.url).group(1)
    page.context.clear_cookies()

    log_in(page, "hupan", "Lake-reading-2026")
    record_hours_and_certify(page, code, world.community_a1, shots="onboarding-5")
    assert not page.console_errors
