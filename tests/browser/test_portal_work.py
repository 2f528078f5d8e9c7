"""As organization A's admin in real Chromium: register a volunteer → create an activity →
record hours → confirm → request, accept, issue and download the certificate."""

import datetime
import io
import re

from pypdf import PdfReader

from apps.volunteers.id_numbers import synthetic_resident_id
from apps.volunteers.models import Volunteer
from tests.browser.conftest import log_in, screenshot
from tests.personas import ORG_A_ADMIN


def test_organization_records_hours_and_certifies(page, browser_world):
    world = browser_world
    log_in(page, world.user(ORG_A_ADMIN).username)
    record_hours_and_certify(page, world.org_a.code, world.community_a1, shots="portal-work")
    assert not page.console_errors


def record_hours_and_certify(page, code, community, *, shots):
    """As a logged-in admin of organization ``code``: register a volunteer of ``community``,
    hold an activity there, record and confirm 2.5 hours, then request, accept, issue and
    download the certificate. Also the last leg of the onboarding flow."""
    page.goto(f"/portal/{code}/volunteers/")
    page.click("[data-testid=volunteer-register]")
    page.fill("#id_name", "门户志愿者")
    page.fill("#id_id_number", synthetic_resident_id("330106", datetime.date(1991, 4, 4), 21))
    page.fill("#id_phone", "13711112222")
    page.select_option("#id_community", str(community.pk))
    page.check("#id_consent")
    page.click("[data-testid=form-submit]")
    page.wait_for_url(re.compile(rf"/portal/{code}/volunteers/$"))
    table = page.inner_text("[data-testid=volunteer-table]")
    assert "门户志愿者" in table and "137****2222" in table
    screenshot(page, f"{shots}-volunteers")
    # Service is recorded only from the day the volunteer registered: this one joined in
    # January, so the March activity below may take records whatever today's date is.
    Volunteer.objects.filter(name="门户志愿者").update(
        created_at=datetime.datetime(2026, 1, 5, 9, 0, tzinfo=datetime.UTC))

    page.goto(f"/portal/{code}/activities/new/")
    page.fill("#id_name", "门户敬老活动")
    page.select_option("#id_community", str(community.pk))
    page.fill("#id_place", "宝石社区食堂")
    page.fill("#id_starts_at", "2026-03-02T09:00")
    page.fill("#id_ends_at", "2026-03-02T11:30")
    page.select_option("#id_category", "elderly")
    page.fill("#id_lead_person", "王芳")
    page.click("[data-testid=form-submit]")
    page.wait_for_url(re.compile(rf"/portal/{code}/activities/\d+/$"))
    assert re.fullmatch(r"\d{6}", page.inner_text("[data-testid=checkin-code]").strip())

    page.select_option("#id_volunteers", label=page.locator("#id_volunteers option").first.inner_text())
    page.fill("#id_content", "助餐")
    page.click("[data-testid=enter-records]")
    page.wait_for_load_state("networkidle")
    assert "2.50" in page.inner_text("[data-testid=activity-records]")
    page.click("[data-testid=confirm-all]")
    page.wait_for_load_state("networkidle")
    assert "已确认" in page.inner_text("[data-testid=activity-records]")
    screenshot(page, f"{shots}-activity")

    page.goto(f"/portal/{code}/certificates/new/")
    page.select_option("#id_volunteer", label=page.locator("#id_volunteer option").nth(1).inner_text())
    page.fill("#id_period_start", "2026-01-01")
    page.fill("#id_period_end", "2026-12-31")
    page.click("[data-testid=form-submit]")
    page.wait_for_url(re.compile(rf"/portal/{code}/certificates/\d+/$"))
    page.click("[data-testid=certificate-accept]")
    page.fill("#id_responsible_person", "陈伟")
    page.fill("#id_handler", "王芳")
    page.fill("#id_contact", "0571-88888888")
    page.click("[data-testid=certificate-issue]")
    page.wait_for_load_state("networkidle")
    assert "已出具" in page.inner_text("[data-testid=certificate-status]") or "出具" in page.inner_text(
        "[data-testid=certificate-status]")
    with page.expect_download() as download_info:
        page.click("[data-testid=certificate-pdf]")
    data = open(download_info.value.path(), "rb").read()
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).replace("\x00", "")
    assert "门户志愿者" in text and "2.50" in text
    screenshot(page, f"{shots}-certificate")
