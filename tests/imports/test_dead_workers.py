"""Issue 14.12: a check or import whose worker died is found (no heartbeat for
IMPORT_WORKER_TIMEOUT_SECONDS), shown failed with nothing written, and can be retried or
cancelled from its page; a run that lost its job writes nothing, even if it comes back."""

import datetime
import io
import time
from unittest import mock

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from apps.audit.models import AuditAction, AuditEvent
from apps.imports import runs, services
from apps.imports.importers.volunteers import VolunteerImporter
from apps.imports.models import ImportJob, ImportStatus
from apps.volunteers.models import Volunteer
from tests.imports.helpers import VOLUNTEER_HEADER, csv_upload, id_number
from tests.personas import COMMUNITY_WORKER, STREET_STAFF

STOPPED = "后台任务已中断"
LONG_AGO = datetime.timedelta(minutes=10)


def _rows():
    return [VOLUNTEER_HEADER, ["王五", id_number(91), "13800000091", "宝石社区", "群众"],
            ["赵六", id_number(92), "13800000092", "宝石社区", "群众"]]


def _work_in_background():
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)


def _upload(client):
    client.post(reverse("office:import_upload"), {"kind": "volunteers", "file": csv_upload(_rows())})
    return ImportJob.objects.latest("pk")


def _worker_dies_at_work(job, stage):
    """What a worker killed in the middle of ``stage`` leaves: its task claimed for good, the
    job in the running status with the last beat long ago, nothing written."""
    job.refresh_from_db()
    run = runs.run_claim(job=job, stage=stage, attempt=job.attempt)
    assert run is not None
    DBTaskResult.objects.filter(id=job.task_id).update(status="RUNNING")
    ImportJob.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - LONG_AGO)


def _page(client, job):
    return client.get(reverse("office:import_detail", args=[job.pk])).content.decode()


@pytest.mark.django_db(transaction=True)  # the worker runs outside the test's transaction
@override_settings(IMPORT_INLINE_MAX_BYTES=1)
def test_a_check_whose_worker_died_is_shown_failed_and_retried(world, client_for):
    client = client_for(STREET_STAFF)
    job = _upload(client)
    _worker_dies_at_work(job, "check")
    page = _page(client, job)
    job.refresh_from_db()
    assert job.status == ImportStatus.STALLED and STOPPED in page and "data-import-busy" not in page
    assert 'data-testid="retry-form"' in page and 'data-testid="cancel-form"' in page
    unconfirmed = client.post(reverse("office:import_retry", args=[job.pk]), {})
    job.refresh_from_db()
    assert unconfirmed.status_code == 200 and job.status == ImportStatus.STALLED  # asks for confirmation
    client.post(reverse("office:import_retry", args=[job.pk]), {"retry-confirm": "on"})
    job.refresh_from_db()
    assert job.status == ImportStatus.QUEUED and job.attempt == 2
    _work_in_background()
    job.refresh_from_db()
    assert job.status == ImportStatus.CHECKED and job.valid_rows == 2
    event = AuditEvent.objects.get(action=AuditAction.IMPORT, detail__step="retry")
    assert event.actor == world.user(STREET_STAFF) and event.object_id == str(job.pk)


@pytest.mark.django_db(transaction=True)
@override_settings(IMPORT_INLINE_MAX_BYTES=1)
def test_an_import_whose_worker_died_wrote_nothing_and_is_retried(world, client_for):
    client = client_for(STREET_STAFF)
    job = _upload(client)
    _work_in_background()
    client.post(reverse("office:import_commit", args=[job.pk]), {"confirm": "on"})
    _worker_dies_at_work(job, "commit")
    out = io.StringIO()
    call_command("imports_reap", stdout=out)  # cron finds it before anyone looks
    job.refresh_from_db()
    assert "Marked 1 " in out.getvalue() and job.status == ImportStatus.STALLED
    assert STOPPED in _page(client, job) and not Volunteer.objects.exists()
    client.post(reverse("office:import_retry", args=[job.pk]), {"retry-confirm": "on"})
    job.refresh_from_db()
    assert job.status == ImportStatus.COMMIT_QUEUED
    _work_in_background()
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE and Volunteer.objects.count() == 2
    assert not job.file  # ended: deleted


@pytest.mark.django_db(transaction=True)
@override_settings(IMPORT_INLINE_MAX_BYTES=1)
def test_a_stalled_job_is_cancelled_and_its_file_deleted(world, client_for):
    client = client_for(STREET_STAFF)
    job = _upload(client)
    _worker_dies_at_work(job, "check")
    _page(client, job)
    stored = ImportJob.objects.get(pk=job.pk).file.name
    assert default_storage.exists(stored)
    client.post(reverse("office:import_cancel", args=[job.pk]), {"cancel-confirm": "on"})
    job.refresh_from_db()
    assert job.status == ImportStatus.CANCELLED and not job.file and not default_storage.exists(stored)
    assert AuditEvent.objects.filter(action=AuditAction.IMPORT, detail__step="cancel").count() == 1
    retried = client.post(reverse("office:import_retry", args=[job.pk]), {"retry-confirm": "on"})
    job.refresh_from_db()
    assert retried.status_code == 302 and job.status == ImportStatus.CANCELLED  # refused with a message
    _work_in_background()  # the dead run's task, had it been left in the queue, finds nothing to do
    assert ImportJob.objects.get(pk=job.pk).status == ImportStatus.CANCELLED


@pytest.mark.django_db
def test_only_the_jobs_area_may_retry_or_cancel(world, client_for):
    job = _upload(client_for(STREET_STAFF))
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.STALLED, stage="check",
                                               area=world.community_a2)
    worker = client_for(COMMUNITY_WORKER)
    assert worker.post(reverse("office:import_retry", args=[job.pk]), {"retry-confirm": "on"}).status_code == 404
    assert worker.post(reverse("office:import_cancel", args=[job.pk]), {"cancel-confirm": "on"}).status_code == 404
    assert ImportJob.objects.get(pk=job.pk).status == ImportStatus.STALLED


@pytest.mark.django_db
def test_a_job_at_work_is_left_alone(world, client_for):
    client = client_for(STREET_STAFF)
    job = _upload(client)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.CHECKING, heartbeat_at=timezone.now())
    assert runs.import_jobs_reap() == 0
    assert "data-import-busy" in _page(client, job)
    assert ImportJob.objects.get(pk=job.pk).status == ImportStatus.CHECKING
    assert client.post(reverse("office:import_cancel", args=[job.pk]), {"cancel-confirm": "on"}).status_code == 302
    assert ImportJob.objects.get(pk=job.pk).status == ImportStatus.CHECKING  # a running stage is never cut short


@pytest.mark.django_db
def test_a_run_that_lost_its_job_writes_nothing(world, monkeypatch):
    """A worker that only seemed dead (given up after it started, e.g. stuck before its first
    beat) goes on: it writes the rows, but its transaction ends with the job's final status,
    written only while the job is still its own, so everything is rolled back."""
    job = services.import_check(job=services.import_job_create(actor=world.user(STREET_STAFF), kind="volunteers",
                                                               upload=csv_upload(_rows())))
    enter = runs.Run.__enter__

    def given_up_once_started(run):
        enter(run)
        ImportJob.objects.filter(pk=run.job.pk).update(heartbeat_at=timezone.now() - LONG_AGO)
        assert runs.import_jobs_reap() == 1
        return run

    monkeypatch.setattr(runs.Run, "__enter__", given_up_once_started)
    with mock.patch.object(VolunteerImporter, "write_many", autospec=True,
                           side_effect=VolunteerImporter.write_many) as write_many:
        job = services.import_commit(job=job)
    assert write_many.called
    assert job.status == ImportStatus.STALLED and not Volunteer.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditAction.IMPORT).exists()
    assert job.file  # kept for the retry


@pytest.mark.django_db(transaction=True)
@override_settings(IMPORT_INLINE_MAX_BYTES=1)
def test_an_error_in_the_worker_stops_the_job_at_once(world, client_for, monkeypatch):
    client = client_for(STREET_STAFF)
    job = _upload(client)

    def broken(self, rows):
        raise RuntimeError("a bug")

    monkeypatch.setattr(VolunteerImporter, "prepare_many", broken)
    _work_in_background()
    job.refresh_from_db()
    assert job.status == ImportStatus.STALLED and DBTaskResult.objects.get(id=job.task_id).status == "FAILED"


@pytest.mark.django_db(transaction=True)  # the heartbeat thread writes on a connection of its own
@override_settings(IMPORT_WORKER_TIMEOUT_SECONDS=0.6)  # a beat every 0.1 s
def test_the_heartbeat_beats_while_a_run_works_and_notices_a_lost_job(world):
    job = services.import_job_create(actor=world.user(STREET_STAFF), kind="volunteers", upload=csv_upload(_rows()))
    run = runs.run_claim(job=job, stage="check")
    first = ImportJob.objects.get(pk=job.pk).heartbeat_at
    with run:
        deadline = time.monotonic() + 5
        while ImportJob.objects.get(pk=job.pk).heartbeat_at == first and time.monotonic() < deadline:
            time.sleep(0.05)
        assert ImportJob.objects.get(pk=job.pk).heartbeat_at > first
        ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.CANCELLED)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            try:
                run.check()
            except runs.RunLost:
                break
            time.sleep(0.05)
        else:
            pytest.fail("the run did not notice that its job was taken away")
