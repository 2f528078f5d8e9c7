import io

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from openpyxl import load_workbook

from apps.audit.models import AuditAction, AuditEvent
from apps.imports.models import ImportJob
from apps.volunteers.models import Volunteer
from tests.imports.helpers import VOLUNTEER_HEADER, id_number, xlsx_upload
from tests.personas import COMMUNITY_WORKER, STREET_STAFF

pytestmark = pytest.mark.django_db


def _rows(bad=False):
    return [VOLUNTEER_HEADER, ["王五", "123" if bad else id_number(61), "13800000061", "宝石社区", "群众"],
            ["赵六", id_number(62), "13800000062", "宝石社区", "群众"]]


def test_template_has_chinese_headers(world, client_for):
    response = client_for(STREET_STAFF).get(reverse("office:import_template", args=["volunteers"]))
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert [c.value for c in next(sheet.iter_rows(max_row=1))][:4] == ["姓名*", "证件类型", "证件号码*", "手机号码*"]


def test_upload_preview_fix_and_import(world, client_for):
    client = client_for(STREET_STAFF)
    response = client.post(reverse("office:import_upload"), {"kind": "volunteers", "file": xlsx_upload(_rows(True))})
    job = ImportJob.objects.get()
    assert response.url == reverse("office:import_detail", args=[job.pk])
    page = client.get(response.url).content.decode()
    assert "证件号码" in page and "身份证" in page and job.status == "invalid"
    assert client.post(reverse("office:import_commit", args=[job.pk]), {"confirm": "on"}).status_code == 302
    assert not Volunteer.objects.exists()  # an invalid file is never imported
    response = client.post(reverse("office:import_upload"), {"kind": "volunteers", "file": xlsx_upload(_rows())})
    job = ImportJob.objects.latest("pk")
    assert job.status == "checked"
    unconfirmed = client.post(reverse("office:import_commit", args=[job.pk]), {})
    assert unconfirmed.status_code == 200 and not Volunteer.objects.exists()  # asks for confirmation
    client.post(reverse("office:import_commit", args=[job.pk]), {"confirm": "on"})
    assert Volunteer.objects.count() == 2
    assert AuditEvent.objects.get(action=AuditAction.IMPORT).row_count == 2


def test_other_area_cannot_see_or_commit_a_job(world, client_for):
    client_for(STREET_STAFF).post(reverse("office:import_upload"), {"kind": "volunteers", "file": xlsx_upload(_rows())})
    job = ImportJob.objects.get()
    job.area = world.community_a2
    job.save()
    worker = client_for(COMMUNITY_WORKER)
    assert worker.get(reverse("office:import_detail", args=[job.pk])).status_code == 404
    assert worker.post(reverse("office:import_commit", args=[job.pk]), {"confirm": "on"}).status_code == 404
    assert not Volunteer.objects.exists()


def test_a_checked_job_can_be_cancelled_and_then_not_imported(world, client_for):
    client = client_for(STREET_STAFF)
    client.post(reverse("office:import_upload"), {"kind": "volunteers", "file": xlsx_upload(_rows())})
    job = ImportJob.objects.get()
    response = client.post(reverse("office:import_cancel", args=[job.pk]), {"cancel-confirm": "on"})
    assert response.url == reverse("office:import_detail", args=[job.pk])
    job.refresh_from_db()
    assert job.status == "cancelled"
    client.post(reverse("office:import_commit", args=[job.pk]), {"confirm": "on"})
    assert not Volunteer.objects.exists()


# The worker runs as it does in production, outside the test's transaction: it closes
# connections it finds in a transaction, which inside an atomic block fails on PostgreSQL.
@pytest.mark.django_db(transaction=True)
@override_settings(IMPORT_INLINE_MAX_BYTES=1)
def test_large_files_run_in_the_background_worker(world, client_for):
    client = client_for(STREET_STAFF)
    client.post(reverse("office:import_upload"), {"kind": "volunteers", "file": xlsx_upload(_rows())})
    job = ImportJob.objects.get()
    assert job.status == "queued" and DBTaskResult.objects.filter(id=job.task_id).exists()
    page = client.get(reverse("office:import_detail", args=[job.pk])).content.decode()
    assert "data-import-busy" in page and "import-progress.js" in page
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    job.refresh_from_db()
    assert job.status == "checked" and job.processed_rows == 2
    client.post(reverse("office:import_commit", args=[job.pk]), {"confirm": "on"})
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    job.refresh_from_db()
    assert job.status == "done" and Volunteer.objects.count() == 2
