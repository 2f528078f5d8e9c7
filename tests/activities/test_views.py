"""Activity and record pages, phone sign-in, national export, certificate PDF and verification."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from apps.activities.certificates import certificate_revoke
from apps.activities.models import Activity, CheckIn, RecordStatus, ServiceRecord
from apps.activities.services import records_enter
from apps.audit.models import AuditAction, AuditEvent
from config.settings import base as base_settings
from tests.personas import ANONYMOUS, COMMUNITY_WORKER, STREET_STAFF, SUPERUSER
from tests.volunteers.factories import make_activity, make_volunteer
from tests.volunteers.world import volunteer_world

pytestmark = pytest.mark.django_db


def _pdf_text(content: bytes) -> str:
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    # The CJK font's text comes out with spaces or NULs between glyphs.
    return "".join(text.replace("\x00", "").split())


@pytest.mark.parametrize("font", ["test", "production"])
def test_certificate_pdf_holds_number_and_masked_id_only(world, client_for, settings, font):
    if font == "production":  # the test settings print with a small subset of this font
        settings.CERTIFICATE_FONT_PATH = base_settings.CERTIFICATE_FONT_PATH
        settings.CERTIFICATE_FONT_INDEX = base_settings.CERTIFICATE_FONT_INDEX
    vworld = volunteer_world(world)
    certificate, volunteer = vworld.certificate_a, vworld.volunteer_a
    response = client_for(STREET_STAFF).get(reverse("office:certificate_pdf", args=[certificate.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content)
    assert certificate.number in text and certificate.verification_code in text
    assert volunteer.id_number_public in text and "志愿服务记录证明" in text and volunteer.name in text
    assert volunteer.id_number not in text and volunteer.id_number[6:14] not in text
    assert b"/FontFile" in response.content  # the CJK font is embedded
    assert AuditEvent.objects.filter(action=AuditAction.DOWNLOAD, object_id=str(certificate.pk)).exists()


def test_certificate_is_a_snapshot(world):
    vworld = volunteer_world(world)
    certificate = vworld.certificate_a
    vworld.volunteer_a.name = "改名"
    vworld.volunteer_a.save()
    certificate.refresh_from_db()
    assert certificate.snapshot["volunteer_name"] == "张志愿" and certificate.snapshot["total_hours"] == "3.00"


def test_verification_accepts_the_real_code_and_rejects_a_forged_one(world, client_for):
    vworld = volunteer_world(world)
    client = client_for(ANONYMOUS)
    code = vworld.certificate_a.verification_code
    page = client.get(reverse("public:verify_code", args=[code]))
    body = page.content.decode()
    assert page.status_code == 200 and vworld.certificate_a.number in body and "张**" in body
    assert vworld.volunteer_a.id_number not in body and vworld.volunteer_a.id_number_masked not in body
    forged = client.get(reverse("public:verify_code", args=[code[:-1] + ("2" if code[-1] != "2" else "3")]))
    assert forged.status_code == 404 and vworld.certificate_a.number not in forged.content.decode()
    assert client.get(reverse("public:verify"), {"code": code.lower()}).url == reverse("public:verify_code",
                                                                                        args=[code])


def test_a_revoked_certificate_says_so(world, client_for):
    vworld = volunteer_world(world)
    certificate_revoke(actor=world.user(SUPERUSER), certificate=vworld.certificate_a, reason="记录有误")
    body = client_for(ANONYMOUS).get(reverse("public:verify_code", args=[vworld.certificate_a.verification_code]))
    assert "记录有误" in body.content.decode()


def test_certificate_steps_through_the_back_office(world, client_for):
    vworld = volunteer_world(world)
    client = client_for(STREET_STAFF)
    volunteer = vworld.volunteer_a
    client.post(reverse("office:certificate_request", args=[volunteer.pk]),
                {"organization": world.org_a.pk, "period_start": "2026-01-01", "period_end": "2026-06-30"})
    certificate = volunteer.certificates.latest("pk")
    client.post(reverse("office:certificate_accept", args=[certificate.pk]))
    client.post(reverse("office:certificate_issue", args=[certificate.pk]),
                {"responsible_person": "陈伟", "handler": "王芳", "contact": "0571-1234567"})
    certificate.refresh_from_db()
    assert certificate.status == "issued" and certificate.number.startswith("ZM")


def test_national_export_masked_unless_the_user_may_reveal(world, client_for):
    vworld = volunteer_world(world)
    url = reverse("office:record_national_export")
    masked = client_for(COMMUNITY_WORKER).get(url).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(masked)))
    assert rows[0][:4] == ["志愿者编号", "姓名", "证件类型", "证件号码"]
    assert rows[1][3] == vworld.volunteer_a.id_number_masked and rows[1][10] == "3.00"
    full = client_for(STREET_STAFF).get(url).content.decode("utf-8-sig")
    assert vworld.volunteer_a.id_number in full and vworld.volunteer_b.id_number not in full  # scope
    details = list(AuditEvent.objects.filter(action=AuditAction.EXPORT).values_list("detail__full_id_numbers",
                                                                                    flat=True))
    assert sorted(details) == [False, True]


def test_bulk_confirm_from_the_record_list(world, client_for):
    activity = make_activity(world.org_a)
    volunteers = [make_volunteer(world.community_a1) for _ in range(3)]
    records = records_enter(actor=None, activity=activity, entries=[{"volunteer": v} for v in volunteers])
    other = make_activity(world.org_b, name="B")
    [foreign] = records_enter(actor=None, activity=other, entries=[{"volunteer": make_volunteer(world.community_b1)}])
    response = client_for(STREET_STAFF).post(reverse("office:records_confirm"),
                                             {"select": [records[0].pk, records[1].pk, foreign.pk]})
    assert response.status_code == 302
    statuses = dict(ServiceRecord.objects.values_list("pk", "status"))
    assert [statuses[r.pk] for r in records] == ["confirmed", "confirmed", "pending"]
    assert statuses[foreign.pk] == "pending"  # outside the user's street: untouched
    assert AuditEvent.objects.get(action=AuditAction.BATCH, detail__action="confirm").row_count == 2


def test_record_list_query_count_does_not_grow(world, client_for):
    client = client_for(STREET_STAFF)

    def add(n):
        # In the past: service that has not ended is not recorded.
        activity = make_activity(world.org_a, start=timezone.now() - datetime.timedelta(days=n))
        records_enter(actor=None, activity=activity,
                      entries=[{"volunteer": make_volunteer(world.community_a1)} for _ in range(n)])

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("office:record_list")).status_code == 200
        return len(queries)

    add(3)
    few = count()
    add(30)
    assert count() == few


def test_correction_through_the_record_page(world, client_for):
    vworld = volunteer_world(world)
    record = vworld.record_a
    client = client_for(STREET_STAFF)
    response = client.post(reverse("office:record_correct", args=[record.pk]), {
        "started_at": "2026-02-10T09:00", "ended_at": "2026-02-10T11:00", "hours": "2", "reason": "实际2小时"})
    version = ServiceRecord.objects.get(supersedes=record)
    assert response.url == reverse("office:record_detail", args=[version.pk])
    record.refresh_from_db()
    assert record.status == RecordStatus.CORRECTED
    page = client.get(reverse("office:record_detail", args=[version.pk])).content.decode()
    assert "实际2小时" in page


def test_activity_creation_form(world, client_for):
    response = client_for(STREET_STAFF).post(reverse("office:activity_create"), {
        "name": "敬老助餐", "organizer_kind": "organization", "organization": world.org_a.pk,
        "community": world.community_a1.pk, "place": "宝石社区食堂", "starts_at": "2026-04-01T10:00",
        "ends_at": "2026-04-01T12:00", "category": "elderly", "lead_person": "王芳", "positions": "送餐员: 4\n引导员：2",
    })
    activity = Activity.objects.get(name="敬老助餐")
    assert response.url == reverse("office:activity_detail", args=[activity.pk])
    assert list(activity.positions.values_list("name", "quota")) == [("送餐员", 4), ("引导员", 2)]
    assert len(activity.checkin_code) == 6 and activity.checkin_code.isdigit()


def test_phone_check_in_and_out(world, client_for):
    start = timezone.now() - datetime.timedelta(hours=1)
    activity = make_activity(world.org_a, start=start, hours=3)
    volunteer = make_volunteer(world.community_a1, phone="13700001111")
    client = client_for(ANONYMOUS)
    url = reverse("public:checkin", args=[activity.checkin_token])
    wrong = client.post(url, {"phone": "13700001111", "code": "000000" if activity.checkin_code != "000000"
                              else "111111", "action": "in"})
    assert "wrong" in wrong.content.decode() or "错误" in wrong.content.decode()
    unknown = client.post(url, {"phone": "13799999999", "code": activity.checkin_code, "action": "in"})
    assert unknown.context["form"].non_field_errors()  # the same answer as for a registered number
    signed_in = client.post(url, {"phone": "13700001111", "code": activity.checkin_code, "action": "in"})
    assert signed_in.context["result"]["kind"] == "in"
    CheckIn.objects.filter(volunteer=volunteer).update(checked_in_at=start)  # an hour of service
    signed_out = client.post(url, {"phone": "13700001111", "code": activity.checkin_code, "action": "out"})
    assert signed_out.context["result"]["kind"] == "out"
    record = ServiceRecord.objects.get(volunteer=volunteer, activity=activity)
    assert record.status == RecordStatus.PENDING and 0.99 <= record.hours <= 1.01
