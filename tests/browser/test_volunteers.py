"""An activity from creation through phone sign-in and sign-out, confirmation and a downloaded
certificate, in real Chromium."""

import datetime
import io
import re

from django.utils import timezone
from pypdf import PdfReader

from apps.activities.models import CheckIn
from tests.browser.conftest import log_in, screenshot
from tests.personas import STREET_STAFF
from tests.volunteers.factories import make_volunteer


def test_activity_to_certificate(page, chromium, live_server, browser_world):
    world = browser_world
    volunteer = make_volunteer(world.community_a1, name="陈小志", organization=world.org_a, phone="13655556666")
    start = timezone.localtime(timezone.now() - datetime.timedelta(hours=2)).replace(second=0, microsecond=0)
    end = start + datetime.timedelta(hours=4)

    log_in(page, world.user(STREET_STAFF).username)
    page.goto("/office/activities/new/")
    page.fill("#id_name", "宝石社区敬老助餐")
    page.select_option("#id_organizer_kind", "organization")
    page.select_option("#id_organization", str(world.org_a.pk))
    page.select_option("#id_community", str(world.community_a1.pk))
    page.fill("#id_place", "宝石社区食堂")
    page.fill("#id_starts_at", f"{start:%Y-%m-%dT%H:%M}")
    page.fill("#id_ends_at", f"{end:%Y-%m-%dT%H:%M}")
    page.select_option("#id_category", "elderly")
    page.fill("#id_lead_person", "王芳")
    page.fill("#id_positions", "送餐员: 4")
    page.click("[data-testid=activity-form] button[type=submit]")
    page.wait_for_url(re.compile(r"/office/activities/\d+/$"))
    code = page.inner_text("[data-testid=checkin-code]").strip()
    checkin_url = page.get_attribute("[data-testid=checkin-link]", "href")
    screenshot(page, "volunteers-activity-detail")

    phone = chromium.new_context(base_url=live_server.url, locale="zh-CN", viewport={"width": 390, "height": 844},
                                 is_mobile=True, has_touch=True)
    mobile = phone.new_page()
    mobile.goto(checkin_url)
    mobile.fill("#id_phone", "13655556666")
    mobile.fill("#id_code", code)
    mobile.click("[data-testid=sign-in]")
    assert "陈**" in mobile.inner_text("[data-testid=checkin-result]")  # masked on the public page
    CheckIn.objects.filter(volunteer=volunteer).update(checked_in_at=start)  # as if signed in at the start
    mobile.fill("#id_phone", "13655556666")
    mobile.fill("#id_code", code)
    mobile.click("[data-testid=sign-out]")
    hours = re.search(r"(\d+\.\d\d)", mobile.inner_text("[data-testid=checkin-result]")).group(1)
    assert 2.0 <= float(hours) <= 2.05  # from the start to "now", give or take the test's own run time
    screenshot(mobile, "volunteers-phone-sign-out")
    phone.close()

    page.reload()
    page.click("[data-testid=confirm-all]")
    page.wait_for_load_state("networkidle")
    assert "已确认" in page.inner_text("[data-testid=activity-records]")

    page.goto(f"/office/volunteers/{volunteer.pk}/")
    page.select_option("#id_organization", str(world.org_a.pk))
    page.fill("#id_period_start", f"{start:%Y-%m-01}")
    page.fill("#id_period_end", f"{end:%Y-%m-%d}")
    page.click("[data-testid=certificate-request]")
    page.click("[data-testid=certificate-accept]")
    page.fill("input[name=responsible_person]", "陈伟")
    page.fill("input[name=handler]", "王芳")
    page.fill("input[name=contact]", "0571-88888888")
    page.click("[data-testid=certificate-issue]")
    with page.expect_download() as download_info:
        page.click("[data-testid=certificate-pdf]")
    pdf = download_info.value
    text = "".join(PdfReader(io.BytesIO(open(pdf.path(), "rb").read())).pages[0].extract_text().replace("\x00", "").split())
    assert volunteer.id_number_public in text and hours in text
    assert volunteer.id_number not in text
    screenshot(page, "volunteers-certificate-issued")
    # No CSP violations (the browser's own /favicon.ico request may 404: not this page's asset).
    assert not [e for e in page.console_errors if "Refused" in e or "Content Security Policy" in e]
