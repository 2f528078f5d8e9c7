"""The organization's own work through its portal pages, and constant query counts."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from apps.activities.models import RecordStatus, ServiceRecord
from apps.organizations.models import AnnualReport
from apps.volunteers.id_numbers import synthetic_resident_id
from apps.volunteers.models import Consent, Volunteer, VolunteerMembership
from tests.personas import ORG_A_ADMIN, ORG_A_VIEWER, ORG_B_ADMIN
from tests.portal_work.world import pdf, portal_world
from tests.volunteers.factories import make_activity, make_volunteer


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def url(world, name, *args, org=None):
    return reverse(f"portal:{name}", args=[(org or world.org_a).code, *args])


def test_register_volunteer_with_consent_becomes_member(world, client_for):
    number = synthetic_resident_id("330106", datetime.date(1990, 5, 5), 11)
    data = {"name": "新志愿者", "document_type": "resident_id", "id_number": number, "phone": "13900001111",
            "community": world.community_a1.pk, "political_status": "masses", "consent": "on"}
    response = client_for(ORG_A_ADMIN).post(url(world, "work_volunteer_register"), data)
    assert response.status_code == 302
    volunteer = Volunteer.objects.get(name="新志愿者")
    assert VolunteerMembership.objects.current().filter(volunteer=volunteer, organization=world.org_a).exists()
    consent = Consent.objects.get(volunteer=volunteer)
    assert consent.version and consent.purpose == "registration"
    page = client_for(ORG_A_ADMIN).get(url(world, "work_volunteer_list")).content.decode()
    assert "新志愿者" in page and number not in page and "13900001111" not in page and "139****1111" in page


def test_minor_needs_a_guardian_and_the_typed_values_stay(world, client_for):
    number = synthetic_resident_id("330106", datetime.date.today().replace(year=datetime.date.today().year - 10)
                                   .replace(day=1), 12)
    data = {"name": "小志愿者", "document_type": "resident_id", "id_number": number, "phone": "13900002222",
            "community": world.community_a1.pk, "political_status": "masses", "consent": "on"}
    response = client_for(ORG_A_ADMIN).post(url(world, "work_volunteer_register"), data)
    assert response.status_code == 200 and not Volunteer.objects.filter(name="小志愿者").exists()
    assert "guardian_name" in response.context["form"].errors and 'value="小志愿者"' in response.content.decode()


def test_add_existing_volunteer_needs_number_and_name_and_reveals_nothing(world, client_for):
    existing = make_volunteer(world.community_b1, name="老志愿者", organization=world.org_b)
    client = client_for(ORG_A_ADMIN)
    add = url(world, "work_volunteer_add")
    wrong_name = client.post(add, {"document_type": "resident_id", "id_number": existing.id_number, "name": "别人"})
    unknown = client.post(add, {"document_type": "resident_id", "id_number": "110105199001011234", "name": "老志愿者"})
    assert wrong_name.status_code == unknown.status_code == 200
    from apps.portal.views.volunteers import NO_MATCH

    with translation.override("zh-hans"):
        message = str(NO_MATCH)
    assert message in wrong_name.content.decode() and message in unknown.content.decode()
    assert wrong_name.context["form"].non_field_errors() == unknown.context["form"].non_field_errors()
    assert "老志愿者" not in wrong_name.content.decode().replace('value="老志愿者"', "")
    assert not VolunteerMembership.objects.filter(volunteer=existing, organization=world.org_a).exists()
    ok = client.post(add, {"document_type": "resident_id", "id_number": existing.id_number.lower(),
                           "name": "老志愿者"})
    assert ok.status_code == 302
    assert VolunteerMembership.objects.current().filter(volunteer=existing, organization=world.org_a).exists()


def test_viewer_cannot_write(world, client_for):
    response = client_for(ORG_A_VIEWER).post(url(world, "work_team_create"), {"name": "只读队"})
    assert response.status_code == 403


def test_team_create_and_add_member(world, client_for):
    volunteer = make_volunteer(world.community_a1, name="队员甲", organization=world.org_a)
    client = client_for(ORG_A_ADMIN)
    response = client.post(url(world, "work_team_create"), {"name": "新服务队", "contact_name": "李"})
    assert response.status_code == 302
    team = world.org_a.teams.get(name="新服务队")
    client.post(url(world, "work_team_member_add", team.pk), {"volunteer": volunteer.pk, "role": "member"})
    assert team.memberships.filter(volunteer=volunteer).exists()


def test_activity_entry_confirm_correct_and_certificate(world, client_for):
    volunteer = make_volunteer(world.community_a1, name="服务者", organization=world.org_a)
    client = client_for(ORG_A_ADMIN)
    response = client.post(url(world, "work_activity_create"), {
        "name": "门户活动", "community": world.community_a1.pk, "place": "广场", "starts_at": "2026-03-01T09:00",
        "ends_at": "2026-03-01T12:00", "category": "community", "lead_person": "王"})
    assert response.status_code == 302, response.content.decode()[:2000]
    activity = world.org_a.activities.get(name="门户活动")
    assert activity.organizer_kind == "organization"
    detail = client.get(url(world, "work_activity_detail", activity.pk)).content.decode()
    assert activity.checkin_code in detail and "data:image/svg+xml" in detail
    client.post(url(world, "work_activity_records", activity.pk), {"volunteers": [volunteer.pk], "content": "引导"})
    record = ServiceRecord.objects.get(activity=activity)
    assert record.hours == 3 and record.status == RecordStatus.PENDING
    assert client_for(ORG_A_VIEWER).post(url(world, "work_records_confirm"), {"select": [record.pk]}).status_code == 403
    client.post(url(world, "work_records_confirm"), {"select": [record.pk]})
    record.refresh_from_db()
    assert record.status == RecordStatus.CONFIRMED
    client.post(url(world, "work_record_correct", record.pk), {
        "started_at": "2026-03-01T09:00", "ended_at": "2026-03-01T11:00", "hours": "2", "reason": "早退"})
    record.refresh_from_db()
    assert record.status == RecordStatus.CORRECTED and record.superseded_by.hours == 2
    client.post(url(world, "work_activity_confirm", activity.pk))
    response = client.post(url(world, "work_certificate_request"), {
        "volunteer": volunteer.pk, "period_start": "2026-01-01", "period_end": "2026-12-31"})
    certificate = world.org_a.certificates.get(volunteer=volunteer)
    client.post(url(world, "work_certificate_accept", certificate.pk))
    client.post(url(world, "work_certificate_issue", certificate.pk),
                {"responsible_person": "陈", "handler": "王", "contact": "0571-1"})
    certificate.refresh_from_db()
    assert certificate.status == "issued" and certificate.snapshot["total_hours"] == "2.00"
    pdf_response = client.get(url(world, "work_certificate_pdf", certificate.pk))
    assert pdf_response["Content-Type"] == "application/pdf" and pdf_response.content.startswith(b"%PDF")
    client.post(url(world, "work_certificate_revoke", certificate.pk), {"reason": "错误"})
    certificate.refresh_from_db()
    assert certificate.status == "revoked"


def test_progress_report_with_evidence_and_returned_comment(world, client_for):
    from apps.procurement.services import progress_report_review

    work = portal_world(world)["a"]
    client = client_for(ORG_A_ADMIN)
    response = client.post(url(world, "work_progress_report", work.contract.pk), {
        "period_start": "2025-06-10", "period_end": "2025-09-09", "summary": "第二期", "evidence": [pdf("photo.pdf")]})
    assert response.status_code == 302
    report = work.contract.reports.get(summary="第二期")
    progress_report_review(actor=world.user("superuser"), report=report, accept=False, comment="补充签到表")
    page = client.get(url(world, "work_contract_detail", work.contract.pk)).content.decode()
    assert "补充签到表" in page and "photo.pdf" in page and "探访" in page
    bad = client.post(url(world, "work_progress_report", work.contract.pk), {
        "period_start": "2025-09-10", "period_end": "2025-09-01", "summary": "倒序"})
    assert bad.status_code == 200 and "倒序" in bad.content.decode()


def test_annual_report_submission(world, client_for):
    client = client_for(ORG_A_ADMIN)
    year = datetime.date.today().year - 1
    missing = client.post(url(world, "work_annual_report_submit"), {"year": year, "note": "无文件"})
    assert missing.status_code == 200 and not AnnualReport.objects.filter(organization=world.org_a).exists()
    client.post(url(world, "work_annual_report_submit"), {"year": year, "note": "已报", "file": pdf("nb.pdf")})
    report = AnnualReport.objects.get(organization=world.org_a, year=year)
    assert report.result == "submitted" and report.submitted_on and report.attachment.organization == world.org_a
    AnnualReport.objects.filter(pk=report.pk).update(result="qualified")
    again = client.post(url(world, "work_annual_report_submit"), {"year": year, "file": pdf("nb2.pdf")})
    assert again.status_code == 200
    report.refresh_from_db()
    assert report.result == "qualified"


def test_filter_dropdowns_are_scoped(world, client_for):
    portal_world(world)
    page = client_for(ORG_B_ADMIN).get(url(world, "work_record_list", org=world.org_b)).content.decode()
    assert "乙标记环保活动" not in page and "乙标记文艺活动" in page


LIST_PAGES = ["work_volunteer_list", "work_team_list", "work_activity_list", "work_record_list",
              "work_certificate_list", "work_contract_list"]


def _grow(world, n):
    volunteers = [make_volunteer(world.community_a1, name=f"量{i}", organization=world.org_a) for i in range(n)]
    start = datetime.datetime(2026, 4, 1, 9, 0, tzinfo=datetime.UTC)
    for i, volunteer in enumerate(volunteers):
        activity = make_activity(world.org_a, start=start + datetime.timedelta(days=i), name=f"量活动{i}")
        from apps.activities.services import records_enter

        records_enter(actor=world.user("superuser"), activity=activity, entries=[{"volunteer": volunteer}])


@pytest.mark.parametrize("name", LIST_PAGES)
def test_list_query_count_does_not_grow(world, client_for, name, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(ORG_A_ADMIN)
    portal_world(world)
    _grow(world, 1)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url(world, name)).status_code == 200
    _grow(world, 12)
    with CaptureQueriesContext(connection) as large:
        assert client.get(url(world, name)).status_code == 200
    assert len(large) == len(small), name
