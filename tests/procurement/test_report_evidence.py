"""Street staff reviewing a progress report see and download its evidence files (issue 16.12):
through the report (the contract's purchaser in their area), whatever the provider's own area;
another report's or another organization's file answers 404; every download is audited."""

import datetime

import pytest
from django.urls import reverse

from apps.audit.models import AuditAction, AuditEvent
from apps.organizations.models import Attachment
from apps.procurement.portal_services import progress_report_submit_with_evidence
from tests.personas import CITY_STAFF, COMMUNITY_WORKER, STREET_STAFF, SUPERUSER
from tests.portal_work.world import pdf, portal_world
from tests.procurement.factories import performing_contract

pytestmark = pytest.mark.django_db


def _download(client, report, attachment):
    return client.get(reverse("office:procurement_report_evidence", args=[report.pk, attachment.pk]))


def test_the_review_page_and_the_contract_list_the_evidence(world, client_for):
    work = portal_world(world)["a"]
    client = client_for(STREET_STAFF)
    review = client.get(reverse("office:procurement_report_review", args=[work.report.pk])).content.decode()
    link = reverse("office:procurement_report_evidence", args=[work.report.pk, work.evidence.pk])
    assert link in review and "jia-marker-evidence.pdf" in review
    contract = client.get(reverse("office:procurement_contract_detail", args=[work.contract.pk])).content.decode()
    assert link in contract


def test_a_download_is_the_file_and_is_audited(world, client_for):
    work = portal_world(world)["a"]
    response = _download(client_for(STREET_STAFF), work.report, work.evidence)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"
    assert "jia-marker-evidence.pdf" in response["Content-Disposition"]
    event = AuditEvent.objects.get(action=AuditAction.DOWNLOAD, object_id=str(work.report.pk))
    assert event.actor == world.user(STREET_STAFF) and event.detail["file"] == "jia-marker-evidence.pdf"


def test_only_the_reports_own_files_in_the_users_area(world, client_for):
    work = portal_world(world)
    client = client_for(STREET_STAFF)
    # Org B's report is street B's: not found for street A.
    assert _download(client, work["b"].report, work["b"].evidence).status_code == 404
    # Org B's file under org A's report, org A's annual report file under its report: not its evidence.
    assert _download(client, work["a"].report, work["b"].evidence).status_code == 404
    annual_file = Attachment.objects.filter(organization=world.org_a).exclude(pk=work["a"].evidence.pk).first()
    assert _download(client, work["a"].report, annual_file).status_code == 404
    assert _download(client_for(COMMUNITY_WORKER), work["a"].report, work["a"].evidence).status_code == 404
    assert _download(client_for(CITY_STAFF), work["b"].report, work["b"].evidence).status_code == 200


def test_a_provider_from_another_street(world, client_for):
    """Street A buys from organization B (street B): its staff read the evidence of B's report."""
    contract = performing_contract(world, provider=world.org_b, number="XH-2025-009")
    report = progress_report_submit_with_evidence(
        actor=world.user(SUPERUSER), contract=contract, period_start=datetime.date(2025, 3, 10),
        period_end=datetime.date(2025, 6, 9), summary="乙组织为甲街道服务", files=[pdf("visits.pdf")])
    evidence = Attachment.objects.get(organization=world.org_b, title__endswith="visits.pdf")
    client = client_for(STREET_STAFF)
    assert client.get(reverse("office:organization_attachment", args=[evidence.pk])).status_code == 404
    assert _download(client, report, evidence).status_code == 200
