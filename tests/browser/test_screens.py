"""Screens of issue 16 in real Chromium, at desktop size and on a 390×844 phone, with screenshots
kept as test artifacts: the audit log (16.11), a progress report's evidence (16.12), volunteer and
team editing and the portal's training and award records (16.13)."""

import contextlib

from auditlog.context import set_actor

from tests.browser.conftest import log_in, screenshot
from tests.personas import CITY_STAFF, STREET_STAFF


WIDE_JS = r'''() => { const w = document.documentElement.clientWidth; const out = [];
  for (const el of document.querySelectorAll('body *')) { const r = el.getBoundingClientRect();
    if (r.right > w + 1 && r.width > 0) out.push(el.tagName + '.' + el.className + '#' + (el.getAttribute('data-testid')||'') + ' ' + Math.round(r.right) + ' ' + (el.innerText||'').slice(0,40).replace(/\n/g,' ')); }
  return out.slice(0, 15); }
'''

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
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390, phone.evaluate(WIDE_JS)
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


def _fits_a_phone(phone):
    return phone.evaluate("document.documentElement.scrollWidth") <= 390


def test_volunteer_edit(page, chromium, live_server, browser_world):
    from apps.volunteers.models import Volunteer
    from tests.volunteers.factories import make_volunteer

    world = browser_world
    volunteer = make_volunteer(world.community_a1, name="赵志愿", organization=world.org_a, phone="13900001111")
    username = world.user(STREET_STAFF).username
    log_in(page, username)
    page.goto(f"/office/volunteers/{volunteer.pk}/")
    page.click("[data-testid=volunteer-edit]")
    assert page.input_value("#id_phone") == volunteer.phone_masked  # editing reveals nothing
    page.fill("#id_name", "赵新名")
    page.select_option("#id_community", str(world.community_a2.pk))
    page.fill("#id_skills", "理发、维修")
    screenshot(page, "screens-volunteer-edit")
    page.click("[data-testid=volunteer-edit-form] button[type=submit]")
    page.wait_for_url(f"**/office/volunteers/{volunteer.pk}/")
    volunteer = Volunteer.objects.get(pk=volunteer.pk)
    assert (volunteer.name, volunteer.community_id, volunteer.phone) == ("赵新名", world.community_a2.pk, "13900001111")
    assert "姓名: 赵志愿 → 赵新名" in page.inner_text("body")  # the history reads like a clerk's log
    screenshot(page, "screens-volunteer-after-edit")
    with phone_page(chromium, live_server, username) as phone:
        phone.goto(f"/office/volunteers/{volunteer.pk}/edit/")
        assert _fits_a_phone(phone)
        screenshot(phone, "screens-volunteer-edit-phone")
    assert not page.console_errors


def test_team_edit_and_dissolve(page, chromium, live_server, browser_world):
    import datetime

    from apps.volunteers.models import Team, TeamMembership
    from apps.volunteers.services import team_membership_join
    from tests.personas import ORG_A_ADMIN
    from tests.volunteers.factories import make_volunteer

    world = browser_world
    volunteer = make_volunteer(world.community_a1, name="钱队员", organization=world.org_a)
    team = Team.objects.create(name="环保队", organization=world.org_a, founded_on=datetime.date(2024, 1, 1))
    team_membership_join(team=team, volunteer=volunteer, joined_on=datetime.date(2024, 2, 1))
    other = Team.objects.create(name="助老队", organization=world.org_a)
    # The back office edits a team and names its leader among the members.
    log_in(page, world.user(STREET_STAFF).username)
    page.goto(f"/office/teams/{team.pk}/")
    page.click("[data-testid=team-edit]")
    page.fill("#id_name", "环保服务队")
    page.select_option("#id_leader", str(volunteer.pk))
    screenshot(page, "screens-team-edit")
    page.click("form.gz-form button[type=submit]")
    page.wait_for_url(f"**/office/teams/{team.pk}/")
    assert "环保服务队" in page.inner_text("[data-testid=page-title]")
    # The back office dissolves it: the member leaves on the day.
    page.click("[data-testid=team-dissolve-link]")
    screenshot(page, "screens-team-dissolve")
    page.click("[data-testid=team-dissolve]")
    page.wait_for_url(f"**/office/teams/{team.pk}/")
    assert Team.objects.get(pk=team.pk).status == Team.Status.DISSOLVED
    assert TeamMembership.objects.get(team=team).left_on is not None
    # The organization's admin, on a phone, edits and dissolves another of its teams.
    code = world.org_a.code
    with phone_page(chromium, live_server, world.user(ORG_A_ADMIN).username) as phone:
        phone.goto(f"/portal/{code}/teams/{other.pk}/edit/")
        assert _fits_a_phone(phone)
        phone.fill("#id_name", "助老服务队")
        screenshot(phone, "screens-portal-team-edit-phone")
        phone.click("form button[type=submit].btn-danger")
        phone.wait_for_url(f"**/portal/{code}/teams/{other.pk}/")
        phone.click("[data-testid=team-dissolve-link]")
        assert _fits_a_phone(phone)
        screenshot(phone, "screens-portal-team-dissolve-phone")
        phone.click("[data-testid=team-dissolve]")
        phone.wait_for_url(f"**/portal/{code}/teams/{other.pk}/")
    other.refresh_from_db()
    assert (other.name, other.status) == ("助老服务队", Team.Status.DISSOLVED)
    assert not page.console_errors


def test_portal_training_and_awards(page, chromium, live_server, browser_world):
    import datetime
    from decimal import Decimal

    from apps.volunteers.consent import honour_record_add, training_record_add
    from tests.personas import ORG_A_VIEWER
    from tests.volunteers.factories import make_volunteer

    world = browser_world
    volunteer = make_volunteer(world.community_a1, name="孙志愿", organization=world.org_a)
    staff = world.user(STREET_STAFF)
    training_record_add(actor=staff, volunteer=volunteer, title="应急救护培训", organizer="区红十字会",
                        held_on=datetime.date(2026, 5, 1), hours=Decimal("4"))
    honour_record_add(actor=staff, volunteer=volunteer, title="优秀志愿者", granting_body="西湖区文明办",
                      granted_on=datetime.date(2026, 6, 1))
    code = world.org_a.code
    username = world.user(ORG_A_VIEWER).username
    log_in(page, username)
    page.goto(f"/portal/{code}/volunteers/")
    page.click("[data-testid=volunteer-records]")
    assert "应急救护培训" in page.inner_text("[data-testid=training-table]")
    screenshot(page, "screens-portal-training")
    page.click("[data-testid=volunteer-record-tabs] >> text=表彰")
    assert "优秀志愿者" in page.inner_text("[data-testid=honour-table]")
    screenshot(page, "screens-portal-honours")
    with phone_page(chromium, live_server, username) as phone:
        phone.goto(f"/portal/{code}/volunteers/training/")
        assert "孙志愿" in phone.inner_text("[data-testid=training-table]")
        assert _fits_a_phone(phone)
        screenshot(phone, "screens-portal-training-phone")
    assert not page.console_errors


def test_public_home_and_first_steps(page, chromium, live_server, browser_world):
    """The pages of 16.7 (public home, the log-in page's links) and 16.10 (a new organization's
    first steps), at both sizes."""
    from apps.accounts.models import Membership
    from tests.personas import ORG_A_ADMIN

    world = browser_world
    page.goto("/")
    for target in ("/accounts/login/", "/portal/signup/"):
        assert page.locator(f"a[href='{target}']").count() >= 1, target
    screenshot(page, "screens-public-home")
    page.goto("/accounts/login/")
    screenshot(page, "screens-login-links")
    phone_context = chromium.new_context(base_url=live_server.url, locale="zh-CN",
                                         viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        phone = phone_context.new_page()
        phone.goto("/")
        assert _fits_a_phone(phone)
        screenshot(phone, "screens-public-home-phone")
    finally:
        phone_context.close()
    Membership.objects.filter(organization=world.org_a).exclude(user=world.user(ORG_A_ADMIN)).delete()
    username = world.user(ORG_A_ADMIN).username
    log_in(page, username)
    page.goto(f"/portal/{world.org_a.code}/")
    assert page.locator("[data-testid=first-steps]").count() == 1
    screenshot(page, "screens-portal-first-steps")
    with phone_page(chromium, live_server, username) as phone:
        phone.goto(f"/portal/{world.org_a.code}/")
        assert _fits_a_phone(phone)
        screenshot(phone, "screens-portal-first-steps-phone")
    assert not page.console_errors
