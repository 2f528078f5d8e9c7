"""Rule (issue 14.5): an uploaded import file (a volunteer file holds thousands of ID numbers
and phones) is stored encrypted while its job waits, deleted once the job ends, and a retention
command removes whatever is left after ``IMPORT_FILE_RETENTION_HOURS``."""

import datetime
import importlib
import io
import os

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from apps.imports import services
from apps.imports.models import ImportJob, ImportStatus
from apps.volunteers.models import Volunteer
from apps.volunteers.services import volunteer_register
from tests.imports.helpers import VOLUNTEER_HEADER, csv_upload, id_number
from tests.personas import STREET_STAFF

pytestmark = pytest.mark.django_db
ID = id_number(71)
PHONE = "13800000071"


def _rows(bad=False):
    return [VOLUNTEER_HEADER, ["王五", "123" if bad else ID, PHONE, "宝石社区", "群众"],
            ["赵六", id_number(72), "13800000072", "宝石社区", "群众"]]


def _stored(job) -> bytes:
    with default_storage.open(job.file.name, "rb") as handle:
        return handle.read()


def _kept(job) -> list:
    """The files stored in the job's folder."""
    folder = f"imports/{job.uuid}"
    return default_storage.listdir(folder)[1] if default_storage.exists(folder) else []


def _upload(client, rows):
    client.post(reverse("office:import_upload"), {"kind": "volunteers", "file": csv_upload(rows)})
    return ImportJob.objects.latest("pk")


def test_a_waiting_file_is_encrypted_and_its_preview_and_import_work(world, client_for):
    client = client_for(STREET_STAFF)
    job = _upload(client, _rows())
    assert job.status == ImportStatus.CHECKED and job.valid_rows == 2
    stored = _stored(job)
    assert ID.encode() not in stored and PHONE.encode() not in stored and "王五".encode() not in stored
    assert client.get(reverse("office:import_detail", args=[job.pk])).status_code == 200  # the preview
    assert _kept(job) == ["upload.enc"]
    client.post(reverse("office:import_commit", args=[job.pk]), {"confirm": "on"})
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE and Volunteer.objects.count() == 2
    assert not job.file and _kept(job) == []  # deleted once the job ended


@pytest.mark.parametrize("ending", ["invalid", "cancelled", "failed"])
def test_the_file_is_deleted_whenever_the_job_ends(world, client_for, ending):
    client = client_for(STREET_STAFF)
    job = _upload(client, _rows(bad=ending == "invalid"))
    if ending == "cancelled":
        client.post(reverse("office:import_cancel", args=[job.pk]), {"cancel-confirm": "on"})
    elif ending == "failed":  # registered in another street between the check and the import
        volunteer_register(name="王五", document_type="resident_id", id_number=ID, phone=PHONE,
                           community=world.community_b1, consent_version="2026-01")
        client.post(reverse("office:import_commit", args=[job.pk]), {"confirm": "on"})
    job.refresh_from_db()
    assert job.status == ending
    assert not job.file and _kept(job) == []


def test_retention_command_removes_old_files_and_orphans(world, client_for, settings, tmp_path):
    settings.IMPORT_FILE_RETENTION_HOURS = 24
    settings.STORAGES = {**settings.STORAGES, "default": {  # this test's own folder: it counts every file
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}}}
    client = client_for(STREET_STAFF)
    old, fresh = _upload(client, _rows()), _upload(client, _rows())
    ImportJob.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(hours=25))
    orphan = default_storage.save("imports/left-behind/file.csv", ContentFile(f"{ID},{PHONE}".encode()))
    old_time = (timezone.now() - datetime.timedelta(hours=30)).timestamp()
    os.utime(default_storage.path(orphan), (old_time, old_time))
    old_name, fresh_name = old.file.name, fresh.file.name
    out = io.StringIO()
    call_command("purge_import_files", stdout=out)
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert not default_storage.exists(old_name) and not old.file
    assert old.status == ImportStatus.CANCELLED and old.message  # the clerk sees why
    assert not default_storage.exists(orphan)
    assert default_storage.exists(fresh_name) and fresh.status == ImportStatus.CHECKED
    assert "Removed 2 " in out.getvalue()


def test_files_stored_before_the_rule_are_encrypted_or_deleted_by_the_migration(world):
    actor = world.user(STREET_STAFF)
    waiting = services.import_check(job=services.import_job_create(actor=actor, kind="volunteers",
                                                                   upload=csv_upload(_rows())))
    finished = services.import_check(job=services.import_job_create(actor=actor, kind="volunteers",
                                                                    upload=csv_upload(_rows(bad=True))))
    plain = "\n".join(",".join(row) for row in _rows()).encode("utf-8")
    for job in (waiting, finished):  # as the old code kept them: the upload as it came
        name = default_storage.save(f"imports/{job.uuid}/file.csv", ContentFile(plain))
        ImportJob.objects.filter(pk=job.pk).update(file=name)
    migration = importlib.import_module("apps.imports.migrations.0002_import_files_encrypted")
    migration.encrypt_or_delete_files(apps, None)
    waiting.refresh_from_db()
    finished.refresh_from_db()
    assert not finished.file and not default_storage.exists(f"imports/{finished.uuid}/file.csv")
    assert ID.encode() not in _stored(waiting) and not default_storage.exists(f"imports/{waiting.uuid}/file.csv")
    job = services.import_commit(job=waiting)
    assert job.status == ImportStatus.DONE and Volunteer.objects.count() == 2
