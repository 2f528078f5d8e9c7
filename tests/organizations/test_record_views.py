"""Status changes, annual reports, grades, credit listings, Party building, incubation and
attachments through the back-office pages."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.audit.models import AuditAction, AuditEvent
from apps.organizations.models import (
    AnnualReport, Attachment, CreditListing, CreditListKind, EvaluationGrade, IncubationRecord, OrgStatus,
    StatusChange,
)
from tests.organizations.helpers import make_org
from tests.personas import CITY_STAFF, COMMUNITY_WORKER, STREET_STAFF

D = datetime.date


@pytest.fixture
def org(world):
    return make_org(world.community_a1, name="宝石社区文体协会", founded_on=D(2018, 3, 1))


@pytest.fixture
def street(client_for):
    return client_for(STREET_STAFF)


def url(name, org, *args):
    return reverse(f"office:{name}", args=[org.pk, *args])


def pdf(name="report.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4 test", content_type="application/pdf")


def test_detail_page_shows_every_tab(org, street):
    response = street.get(reverse("office:organization_detail", args=[org.pk]) + "?tab=credit")
    html = response.content.decode()
    for tab in ["profile", "reports", "grades", "credit", "party", "history"]:
        assert f'data-testid="tab-{tab}"' in html
    assert 'id="tab-credit" role="tabpanel"' in html
    assert 'class="tab-pane fade show active" id="tab-credit"' in html


def test_status_change_with_reason(org, street):
    response = street.post(url("organization_status", org), {
        "to_status": OrgStatus.DEREGISTERED, "changed_on": "2026-10-01", "reason": "理事会决议注销",
        "document": "西民注〔2026〕8号"})
    assert response.status_code == 302
    org.refresh_from_db()
    assert org.status == OrgStatus.DEREGISTERED
    assert StatusChange.objects.get(organization=org, to_status=OrgStatus.DEREGISTERED).reason == "理事会决议注销"
    # Closed organizations stay in the registry and can change no further.
    assert street.get(reverse("office:organization_detail", args=[org.pk])).status_code == 200
    again = street.post(url("organization_status", org), {
        "to_status": OrgStatus.NORMAL, "changed_on": "2026-10-02", "reason": "x"})
    assert again.status_code == 200 and again.context["form"].has_error("to_status")


def test_status_change_without_reason_keeps_the_form(org, street):
    response = street.post(url("organization_status", org), {"to_status": OrgStatus.CHANGING,
                                                              "changed_on": "2026-10-01", "reason": ""})
    assert response.context["form"].has_error("reason")


def test_community_worker_reads_but_does_not_decide(org, client_for):
    worker = client_for(COMMUNITY_WORKER)
    assert worker.get(reverse("office:organization_detail", args=[org.pk])).status_code == 200
    assert worker.post(url("organization_status", org), {"to_status": OrgStatus.CHANGING, "changed_on": "2026-10-01",
                                                        "reason": "r"}).status_code == 403
    assert worker.post(url("organization_grade_create", org), {}).status_code == 403


def test_annual_report_with_file(org, street):
    response = street.post(url("organization_report_create", org), {
        "year": 2025, "result": "qualified", "submitted_on": "2026-04-20", "note": "", "file": pdf()})
    assert response.status_code == 302
    report = AnnualReport.objects.get(organization=org, year=2025)
    assert report.attachment.kind == "annual_report" and report.attachment.organization == org
    duplicate = street.post(url("organization_report_create", org), {
        "year": 2025, "result": "qualified", "submitted_on": "2026-04-20"})
    assert duplicate.context["form"].has_error("year", "duplicate")
    edit = street.post(url("organization_report_update", org, report.pk), {
        "year": 2025, "result": "basically_qualified", "submitted_on": "2026-04-20"})
    assert edit.status_code == 302
    report.refresh_from_db()
    assert report.result == "basically_qualified"


def test_annual_report_dates_follow_the_result(org, street):
    missing_date = street.post(url("organization_report_create", org), {"year": 2025, "result": "qualified"})
    assert missing_date.context["form"].has_error("submitted_on")
    response = street.post(url("organization_report_create", org), {"year": 2025, "result": "overdue"})
    assert response.status_code == 302


def test_report_upload_refuses_other_file_types(org, street):
    response = street.post(url("organization_report_create", org), {
        "year": 2025, "result": "qualified", "submitted_on": "2026-04-20",
        "file": SimpleUploadedFile("run.exe", b"MZ")})
    assert response.context["form"].has_error("file")


def test_grade_must_match_the_score_cut_offs(org, street):
    # Eligible on the grade date: the 2025 report (due 31 May 2026) is filed.
    AnnualReport.objects.create(organization=org, year=2025, result="qualified", submitted_on=D(2026, 4, 20))
    data = {"grade": 5, "score": "850", "evaluated_on": "2026-06-01", "certificate_number": "西民评〔2026〕12号",
            "evaluator": "西湖区社会组织评估委员会"}
    assert street.post(url("organization_grade_create", org), data).context["form"].has_error("score")
    assert street.post(url("organization_grade_create", org), {**data, "grade": 4, "file": pdf("cert.pdf")}).status_code == 302
    grade = EvaluationGrade.objects.get(organization=org)
    assert grade.valid_until == D(2031, 6, 1)
    assert grade.attachment.kind == "grade_certificate"


def test_serious_listing_cannot_be_removed_early_through_the_page(org, street):
    assert street.post(url("organization_listing_create", org), {
        "kind": CreditListKind.SERIOUS, "listed_on": "2024-06-01", "reason": "弄虚作假",
        "decision_document": "西民严〔2024〕1号", "decided_by": "西湖区民政局"}).status_code == 302
    listing = CreditListing.objects.get(organization=org)
    early = street.post(url("organization_listing_remove", org, listing.pk),
                        {"removed_on": "2026-05-31", "reason": "信用修复"})
    assert early.status_code == 200 and early.context["form"].non_field_errors()
    # (Dates in the past: a removal dated after today is refused, see test_rule_credit_status_dates.)
    assert street.post(url("organization_listing_remove", org, listing.pk),
                       {"removed_on": "2026-06-01", "reason": "信用修复"}).status_code == 302
    listing.refresh_from_db()
    assert listing.removed_on == D(2026, 6, 1)


def test_second_open_listing_on_the_same_list_is_refused(org, street):
    data = {"kind": CreditListKind.ABNORMAL, "listed_on": "2026-06-01", "reason": "未年报", "decision_document": "1"}
    assert street.post(url("organization_listing_create", org), data).status_code == 302
    assert street.post(url("organization_listing_create", org), data).status_code == 200


def test_penalty_party_building_and_incubation(org, street):
    assert street.post(url("organization_penalty_create", org), {
        "decided_on": "2026-02-01", "kind": "警告", "reason": "未按规定换届", "decision_document": "西民罚〔2026〕2号",
    }).status_code == 302
    assert street.post(url("organization_party", org), {"party_org_type": "joint",
                                                        "party_member_count": 4}).status_code == 302
    org.refresh_from_db()
    assert (org.party_org_type, org.party_member_count) == ("joint", 4)
    bad = street.post(url("organization_incubation_create", org), {
        "base": "北山街道孵化园", "mode": "on_site", "entered_on": "2025-03-01", "exited_on": "2026-03-01"})
    assert bad.context["form"].has_error("exit_type")
    assert street.post(url("organization_incubation_create", org), {
        "base": "北山街道孵化园", "mode": "on_site", "entered_on": "2025-03-01", "planned_exit_on": "2026-03-01",
        "exited_on": "2026-03-01", "exit_type": "graduated", "support": "场地"}).status_code == 302
    assert IncubationRecord.objects.get(organization=org).exit_type == "graduated"


def test_attachment_download_is_scoped_and_audited(world, org, street, client_for):
    assert street.post(url("organization_attachment_create", org), {
        "kind": "charter", "title": "章程", "file": pdf("charter.pdf")}).status_code == 302
    attachment = Attachment.objects.get(organization=org)
    assert not attachment.file.name.startswith(("static", "/"))
    download = reverse("office:organization_attachment", args=[attachment.pk])
    response = street.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"
    assert "attachment" in response["Content-Disposition"]
    event = AuditEvent.objects.get(action=AuditAction.DOWNLOAD)
    assert (event.actor, event.object_id) == (world.user(STREET_STAFF), str(org.pk))
    other = make_org(world.community_b1, name="灵隐协会")
    foreign = Attachment.objects.create(organization=other, title="x", file=attachment.file.name)
    assert street.get(reverse("office:organization_attachment", args=[foreign.pk])).status_code == 404
    assert client_for(CITY_STAFF).get(reverse("office:organization_attachment", args=[foreign.pk])).status_code == 200
    assert AuditEvent.objects.filter(action=AuditAction.DOWNLOAD).count() == 2


def test_history_tab_shows_changes(org, street):
    street.post(url("organization_party", org), {"party_org_type": "independent", "party_member_count": 7})
    response = street.get(reverse("office:organization_detail", args=[org.pk]) + "?tab=history")
    assert response.context["history"]
