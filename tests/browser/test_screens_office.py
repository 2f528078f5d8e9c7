"""The back-office pages changed for issue 16.14 and 16.15, in Chromium at desktop and phone
size: amounts with thousands separators and ISO dates, the catalogue's yes/no filter, an empty
list that says why, a refusal that says why, English page titles."""

from django.urls import reverse

from apps.procurement.models import CatalogueItem
from tests.browser.conftest import log_in, screenshot
from tests.personas import STREET_STAFF
from tests.portal_work.world import portal_world

PHONE = {"width": 390, "height": 844}


WIDE_JS = r'''() => { const w = document.documentElement.clientWidth; const out = [];
  for (const el of document.querySelectorAll('body *')) { const r = el.getBoundingClientRect();
    if (r.right > w + 1 && r.width > 0) out.push(el.tagName + '.' + el.className + '#' + (el.getAttribute('data-testid')||'') + ' ' + Math.round(r.right) + ' ' + (el.innerText||'').slice(0,40).replace(/\n/g,' ')); }
  return out.slice(0, 15); }
'''

def _both_sizes(page, name, fits_a_phone=True):
    screenshot(page, f"desktop-{name}")
    page.set_viewport_size(PHONE)
    if fits_a_phone:
        assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth"), (name, page.evaluate(WIDE_JS))
    screenshot(page, f"phone-{name}")
    page.set_viewport_size({"width": 1366, "height": 900})


def test_office_screens_read_alike_and_say_why(page, browser_world):
    world = browser_world
    contract = portal_world(world)["a"].contract
    log_in(page, world.user(STREET_STAFF).username)

    page.goto(reverse("office:procurement_contract_detail", args=[contract.pk]))
    body = page.inner_text("main")
    assert "¥100,000.00" in body and "2025-03-03" in body and "元" not in body.split("¥")[0][-3:]
    _both_sizes(page, "office-contract-detail")

    page.goto(reverse("office:procurement_contract_list"))
    assert "¥100,000.00" in page.inner_text(".table-container")
    _both_sizes(page, "office-contract-list")

    page.goto(reverse("office:procurement_catalogue"))
    options = page.locator("#id_on_negative_list option").all_inner_texts()
    assert options == ["全部", "是", "否"]
    page.select_option("#id_on_negative_list", "true")
    page.fill("#id_keyword", "没有这样的目录项")
    page.get_by_role("button", name="查询", exact=True).click()
    page.wait_for_load_state("networkidle")
    assert "没有符合筛选条件的" in page.inner_text(".table-container")
    page.locator("[data-testid=empty-reset]").wait_for()
    _both_sizes(page, "office-catalogue-empty")

    # Other pages whose dates and amounts changed: the back office's detail pages fit a phone too
    # (their tables scroll inside their own box).
    work = portal_world(world)["a"]
    for name, url in [("office-home", reverse("office:home")),
                      ("office-organization", reverse("office:organization_detail", args=[world.org_a.pk])),
                      ("office-volunteer", reverse("office:volunteer_detail", args=[work.volunteer.pk])),
                      ("office-project", reverse("office:procurement_project_detail", args=[contract.project.pk]))]:
        page.goto(url)
        _both_sizes(page, name)
    page.goto(reverse("office:procurement_project_detail", args=[contract.project.pk]))
    assert "¥200,000.00" in page.inner_text("main")

    general = CatalogueItem.objects.filter(area=None).first()
    response = page.goto(reverse("office:procurement_catalogue_update", args=[general.pk]))
    assert response.status == 403
    assert page.inner_text("[data-testid=refusal-reason]") == "只有市级工作人员可以修改通用目录。"
    _both_sizes(page, "office-refusal")

    page.goto(reverse("office:home"))
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state("networkidle")
    page.goto(reverse("office:onboarding_application_list"))
    assert page.title().startswith("Sign-up applications")
    _both_sizes(page, "office-applications-english")
    # (the refused page itself is logged as a 403 resource)
    assert [error for error in page.console_errors if "403" not in error] == []
