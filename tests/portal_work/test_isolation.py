"""Organization B's pages, exports and dropdowns never show organization A's data, and every
POST with another organization's object ids answers 404 and changes nothing."""

import pytest
from django.urls import reverse

from apps.activities.models import RecordStatus, ServiceRecord
from apps.audit.models import AuditAction, AuditEvent
from tests.personas import ORG_A_ADMIN, ORG_B_ADMIN
from tests.portal_work.world import MARKERS, portal_world

LISTS = ["work_volunteer_list", "work_team_list", "work_activity_list", "work_record_list", "work_certificate_list",
         "work_contract_list"]
PAGES = LISTS + ["work_annual_reports", "work_volunteer_register", "work_team_create", "work_activity_create",
                 "work_certificate_request"]


def _pages(world, key):
    code = getattr(world, f"org_{key}").code
    work = portal_world(world)[key]
    urls = [reverse(f"portal:{name}", args=[code]) for name in PAGES]
    urls += [reverse(f"portal:{name}", args=[code]) + f"?_export={fmt}" for name in LISTS for fmt in ("csv", "xlsx")]
    urls += [reverse(f"portal:{name}", args=[code, getattr(work, attr).pk]) for name, attr in [
        ("work_team_detail", "team"), ("work_activity_detail", "activity"), ("work_record_detail", "record"),
        ("work_certificate_detail", "certificate"), ("work_contract_detail", "contract"),
        ("work_progress_report", "contract")]]
    return urls


def _text(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if response["Content-Type"].startswith("application/vnd.openxmlformats"):
        import io

        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(content))
        return " ".join(str(c.value) for sheet in book for row in sheet.iter_rows() for c in row if c.value)
    return content.decode("utf-8-sig")


@pytest.mark.parametrize(("viewer_key", "other_key", "persona"), [("b", "a", ORG_B_ADMIN), ("a", "b", ORG_A_ADMIN)])
def test_no_marker_of_the_other_organization_appears(world, client_for, viewer_key, other_key, persona):
    client = client_for(persona)
    own_seen = set()
    for url in _pages(world, viewer_key):
        response = client.get(url)
        assert response.status_code == 200, url
        text = _text(response)
        for marker in MARKERS[other_key].values():
            assert marker not in text, (url, marker)
        own_seen |= {m for m in MARKERS[viewer_key].values() if m in text}
    # The test can fail: the organization's own markers do show on the same pages.
    assert own_seen >= {MARKERS[viewer_key][k] for k in ("volunteer", "team", "activity", "record", "contract",
                                                         "report", "annual", "evidence")}


def _post_cases(world):
    a, b = portal_world(world)["a"], portal_world(world)["b"]
    return [
        ("work_team_member_add", b.team, {"volunteer": b.volunteer.pk, "role": "member"}),
        ("work_activity_records", b.activity, {"volunteers": [b.volunteer.pk]}),
        ("work_activity_confirm", b.activity, {}),
        ("work_record_correct", b.record, {"started_at": "2026-02-10T09:00", "ended_at": "2026-02-10T10:00",
                                           "hours": "1", "reason": "x"}),
        ("work_record_status", b.record, {"action": "void", "reason": "x"}),
        ("work_certificate_accept", b.certificate, {}),
        ("work_certificate_issue", b.certificate, {"responsible_person": "x", "handler": "x", "contact": "x"}),
        ("work_certificate_revoke", b.certificate, {"reason": "x"}),
        ("work_progress_report", b.contract, {"period_start": "2025-06-10", "period_end": "2025-07-01",
                                              "summary": "x"}),
        ("work_file", b.evidence, None),
        ("work_certificate_pdf", b.certificate, None),
    ], a


def test_posts_with_another_organizations_ids_answer_404_and_change_nothing(world, client_for):
    cases, _a = _post_cases(world)
    client = client_for(ORG_A_ADMIN)
    before = list(ServiceRecord.objects.order_by("pk").values_list("pk", "status"))
    for name, obj, data in cases:
        url = reverse(f"portal:{name}", args=[world.org_a.code, obj.pk])
        response = client.get(url) if data is None else client.post(url, data)
        assert response.status_code == 404, name
    assert list(ServiceRecord.objects.order_by("pk").values_list("pk", "status")) == before
    b = portal_world(world)["b"]
    b.certificate.refresh_from_db()
    assert b.certificate.status == "issued" and b.contract.reports.count() == 1


def test_bulk_confirm_ignores_another_organizations_record_ids(world, client_for):
    b = portal_world(world)["b"]
    ServiceRecord.objects.filter(pk=b.record.pk).update(status=RecordStatus.PENDING, confirmed_at=None)
    response = client_for(ORG_A_ADMIN).post(reverse("portal:work_records_confirm", args=[world.org_a.code]),
                                            {"select": [b.record.pk]})
    assert response.status_code == 302
    b.record.refresh_from_db()
    assert b.record.status == RecordStatus.PENDING


def test_forms_cannot_pick_another_organizations_volunteer(world, client_for):
    a, b = portal_world(world)["a"], portal_world(world)["b"]
    client = client_for(ORG_A_ADMIN)
    client.post(reverse("portal:work_team_member_add", args=[world.org_a.code, a.team.pk]),
                {"volunteer": b.volunteer.pk, "role": "member"})
    assert not a.team.memberships.filter(volunteer=b.volunteer).exists()
    client.post(reverse("portal:work_activity_records", args=[world.org_a.code, a.activity.pk]),
                {"volunteers": [b.volunteer.pk]})
    assert not ServiceRecord.objects.filter(activity=a.activity, volunteer=b.volunteer).exists()


def test_exports_are_streamed_and_audited(world, client_for):
    portal_world(world)
    url = reverse("portal:work_volunteer_list", args=[world.org_a.code])
    for fmt in ("csv", "xlsx"):
        response = client_for(ORG_A_ADMIN).get(f"{url}?_export={fmt}")
        assert response.streaming  # written row by row, as the back office's exports are
    events = AuditEvent.objects.filter(action=AuditAction.EXPORT)
    assert events.count() == 2
    event = events.first()
    assert event.row_count == 1 and event.actor == world.user(ORG_A_ADMIN)
    assert event.detail["portal"] is True and event.detail["organization"] == world.org_a.pk
