"""Issue 16.3: an organization imports its own volunteers and service records in the portal, with
the back office's preview and all-or-nothing import, scoped to the organization: new volunteers
join it, registered people are updated only if they are its members (anybody else gets the portal's
one neutral refusal), records name only its members and its own activities."""

import pytest
from django.urls import reverse

from apps.activities.models import RecordStatus, ServiceRecord
from apps.imports.models import ImportJob
from apps.volunteers.models import Volunteer, VolunteerMembership
from apps.volunteers.portal_services import REGISTRATION_REFUSED
from tests.imports.helpers import VOLUNTEER_HEADER, id_number, xlsx_upload
from tests.imports.test_orgs_records import RECORD_HEADER
from tests.personas import ORG_A_EDITOR
from tests.volunteers.factories import make_activity, make_volunteer

pytestmark = pytest.mark.django_db


def _url(world, name, *args):
    return reverse(f"portal:work_import_{name}", args=[world.org_a.code, *args])


def _upload(client, world, kind, rows):
    response = client.post(_url(world, "upload"), {"kind": kind, "file": xlsx_upload(rows)})
    job = ImportJob.objects.latest("pk")
    assert response.url == _url(world, "detail", job.pk)
    return job


def _commit(client, world, job):
    client.post(_url(world, "commit", job.pk), {"confirm": "on"})
    job.refresh_from_db()
    return job


def test_an_organization_imports_new_volunteers_as_its_members(world, client_for):
    client = client_for(ORG_A_EDITOR)
    rows = [VOLUNTEER_HEADER, ["张三", id_number(81), "13800000081", "宝石社区", "群众"],
            ["李四", id_number(82), "13800000082", "白乐桥社区", "群众"]]  # another street of the district
    job = _upload(client, world, "volunteers", rows)
    assert (job.status, job.new_rows, job.organization, job.area) == ("checked", 2, world.org_a, None)
    assert _commit(client, world, job).status == "done"
    members = VolunteerMembership.objects.current().filter(organization=world.org_a, volunteer__name__in=["张三", "李四"])
    assert members.count() == 2


def test_a_person_registered_elsewhere_gets_the_neutral_refusal_and_nothing_is_written(world, client_for):
    other = make_volunteer(world.community_b1, name="乙组织志愿者", organization=world.org_b)
    client = client_for(ORG_A_EDITOR)
    rows = [VOLUNTEER_HEADER, ["张三", id_number(83), "13800000083", "宝石社区", "群众"],
            ["乙组织志愿者", other.id_number, "13900000000", "宝石社区", "群众"]]
    job = _upload(client, world, "volunteers", rows)
    assert job.status == "invalid" and [error["message"] for error in job.errors] == [str(REGISTRATION_REFUSED)]
    page = client.get(_url(world, "detail", job.pk)).content.decode()
    assert world.org_b.name not in page and other.id_number not in page
    _commit(client, world, job)
    assert not Volunteer.objects.filter(name="张三").exists()
    assert not VolunteerMembership.objects.filter(organization=world.org_a, volunteer=other).exists()


def test_a_member_is_updated_and_the_preview_shows_the_change_masked(world, client_for):
    member = make_volunteer(world.community_a1, name="甲成员", organization=world.org_a, phone="13800000084")
    client = client_for(ORG_A_EDITOR)
    rows = [VOLUNTEER_HEADER, ["甲成员", member.id_number, "13700000084", "宝石社区", "群众"]]
    job = _upload(client, world, "volunteers", rows)
    assert (job.new_rows, job.update_rows) == (0, 1)
    page = client.get(_url(world, "detail", job.pk)).content.decode()
    assert "138****0084" in page and "137****0084" in page and "13700000084" not in page
    assert _commit(client, world, job).status == "done"
    assert Volunteer.objects.get(pk=member.pk).phone == "13700000084"


def test_records_name_only_the_organizations_members_and_activities(world, client_for):
    member = make_volunteer(world.community_a1, name="甲成员", organization=world.org_a)
    stranger = make_volunteer(world.community_b1, name="乙成员", organization=world.org_b)
    make_activity(world.org_a, name="甲活动")
    make_activity(world.org_b, name="乙活动")
    client = client_for(ORG_A_EDITOR)
    rows = [RECORD_HEADER, [member.id_number, "甲成员", "甲活动", "2026-03-01", "9:00", "11:00", "2"],
            [stranger.id_number, "乙成员", "甲活动", "2026-03-01", "9:00", "11:00", "2"],
            [member.id_number, "甲成员", "乙活动", "2026-03-01", "9:00", "11:00", "2"]]
    job = _upload(client, world, "records", rows)
    assert job.status == "invalid"
    assert {(error["row"], error["column"]) for error in job.errors} == {(3, "证件号码"), (4, "活动名称")}
    _commit(client, world, job)
    assert not ServiceRecord.objects.exists()  # all rows or none

    job = _upload(client, world, "records", rows[:2])
    assert _commit(client, world, job).status == "done"
    record = ServiceRecord.objects.get()
    assert (record.volunteer, record.activity.name, record.status) == (member, "甲活动", RecordStatus.PENDING)


def test_organizations_are_not_imported_in_the_portal(world, client_for):
    client = client_for(ORG_A_EDITOR)
    response = client.post(_url(world, "upload"), {"kind": "organizations", "file": xlsx_upload([["名称"]])})
    assert response.status_code == 200 and not ImportJob.objects.exists()
    page = client.get(_url(world, "list")).content.decode()
    assert 'data-testid="template-volunteers"' in page and 'data-testid="template-organizations"' not in page


def test_refusals_spend_the_look_up_budget_and_a_spent_budget_refuses_the_whole_file(world, client_for, settings):
    """Like the portal's registration, each row refused because its person is registered elsewhere
    spends one of the uploader's hourly look-ups (and is audited); past the budget the whole file is
    refused, and so is the next file, before any row is checked (no row's answer is shown)."""
    from apps.audit.models import AuditAction, AuditEvent

    settings.VOLUNTEER_ADD_EXISTING_PER_HOUR = 2
    others = [make_volunteer(world.community_b1, name=f"乙{n}", organization=world.org_b) for n in range(3)]
    client = client_for(ORG_A_EDITOR)
    rows = [VOLUNTEER_HEADER, *([other.name, other.id_number, "13900000000", "宝石社区", "群众"] for other in others)]
    job = _upload(client, world, "volunteers", rows)
    assert job.status == "invalid" and len(job.errors) == 1 and job.errors[0]["row"] in (0, None, "")
    assert AuditEvent.objects.filter(action=AuditAction.LOOKUP).count() == 2
    job = _upload(client, world, "volunteers", [VOLUNTEER_HEADER, ["张三", id_number(85), "13800000085", "宝石社区", "群众"]])
    assert job.status == "invalid" and len(job.errors) == 1 and not Volunteer.objects.filter(name="张三").exists()
    assert str(REGISTRATION_REFUSED) not in job.errors[0]["message"]
