"""A street-office clerk takes a purchased-service project from 立项 to 已结项: award, one
payment, one progress report, acceptance and one evaluation (issue 5)."""

import pytest

from apps.procurement.models import CatalogueItem, Project, ProjectStatus
from tests.browser.conftest import log_in, screenshot

pytestmark = pytest.mark.browser

NAME = "北山街道居家养老上门服务"


def _submit(page):
    page.click("[data-testid=submit]")
    page.wait_for_load_state("networkidle")


def _transition(page, project, status, reason=""):
    page.goto(f"/office/procurement/projects/{project.pk}/status/")
    page.select_option("#id_to_status", status)
    if reason:
        page.fill("#id_reason", reason)
    page.check("#id_confirm")
    _submit(page)


def test_project_from_approval_to_closing(page, browser_world):
    world = browser_world
    log_in(page, "street")

    page.goto("/office/procurement/projects/")
    page.click("[data-testid=new-project]")
    page.select_option("#id_purchaser", str(world.street_a.pk))
    page.fill("#id_name", NAME)
    page.select_option("#id_catalogue_item", str(CatalogueItem.objects.get(code="01.01").pk))
    page.fill("#id_fiscal_year", "2025")
    page.fill("#id_budget_amount", "200000")
    page.fill("#id_budget_reference", "西财预〔2025〕12号")
    page.select_option("#id_funding_source", "own_budget")
    page.select_option("#id_procurement_method", "consultation")
    _submit(page)
    project = Project.objects.get(name=NAME)
    assert page.locator("[data-testid=page-title]").inner_text().startswith(NAME)

    _transition(page, project, "procuring")
    page.click("[data-testid=award]")
    page.select_option("#id_provider", str(world.org_a.pk))
    page.fill("#id_number", "XH-2025-001")
    page.fill("#id_amount", "180000")
    page.fill("#id_signed_on", "2025-09-30")
    page.fill("#id_start_date", "2025-10-09")
    page.fill("#id_end_date", "2026-09-30")
    page.fill("#id_performance_bond", "9000")
    page.fill("#id_content", "为辖区独居老人提供助餐、助洁服务")
    _submit(page)
    contract = project.contracts.get()
    assert str(contract.publication_due) == "2025-10-10"  # across National Day on working days
    screenshot(page, "procurement-contract")

    _transition(page, project, "performing")
    page.goto(f"/office/procurement/contracts/{contract.pk}/")
    page.click("[data-testid=plan-payment]")
    page.fill("#id_name", "首期款")
    page.select_option("#id_condition", "signing")
    page.fill("#id_planned_amount", "180000")
    page.fill("#id_planned_on", "2025-10-15")
    _submit(page)
    page.click("[data-testid=pay]")
    page.fill("#id_paid_amount", "180000")
    page.fill("#id_paid_on", "2025-10-15")
    _submit(page)

    page.click("[data-testid=add-report]")
    page.fill("#id_period_start", "2025-10-09")
    page.fill("#id_period_end", "2025-12-31")
    page.fill("#id_summary", "完成助餐服务 1200 人次")
    _submit(page)
    page.click("[data-testid=review]")
    page.select_option("#id_decision", "accept")
    _submit(page)
    assert "已通过" in page.locator("[data-testid=reports]").inner_text()

    _transition(page, project, "awaiting_acceptance")
    page.goto(f"/office/procurement/contracts/{contract.pk}/")
    page.click("[data-testid=add-acceptance]")
    page.fill("#id_accepted_on", "2026-10-10")
    page.select_option("#id_result", "passed")
    page.fill("#id_beneficiaries_consulted", "40")
    page.fill("#id_beneficiary_opinions", "服务对象满意度 96%")
    page.fill("#id_summary", "全部指标完成")
    page.fill("#id_published_on", "2026-10-12")
    _submit(page)
    page.click("[data-testid=add-evaluation]")
    page.select_option("#id_evaluator_kind", "purchaser")
    page.fill("#id_evaluator_name", "北山街道")
    page.fill("#id_evaluated_on", "2026-10-20")
    page.fill("#id_score", "92")
    page.fill("#id_report", "服务规范，成效明显")
    _submit(page)
    assert page.locator("[data-testid=weighted-total]").inner_text() == "92.00"

    _transition(page, project, "closed")
    project.refresh_from_db()
    assert project.status == ProjectStatus.CLOSED
    assert page.locator("[data-testid=project-status]").inner_text() == "已结项"
    assert "¥180,000.00" in page.locator("[data-testid=paid]").inner_text()
    screenshot(page, "procurement-closed")
