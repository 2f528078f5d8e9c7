"""Issue 14.11: the upload request never counts or parses a large file. It stores the file,
reads the archive's directory and queues the check; the worker counts and parses, and its
preview is the one the request would have made. Small files are still checked in the request."""

from unittest import mock

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from stdnum.cn import uscc

from apps.imports import reading
from apps.imports.models import ImportJob, ImportStatus
from tests.imports.helpers import VOLUNTEER_HEADER, csv_upload, id_number, xlsx_upload
from tests.personas import STREET_STAFF

PREVIEW = ["status", "total_rows", "processed_rows", "valid_rows", "new_rows", "update_rows", "error_count",
           "errors", "warnings", "message"]


def _rows():
    return [VOLUNTEER_HEADER,
            ["王五", id_number(81), "13800000081", "宝石社区", "群众"],
            ["赵六", "123", "13800000082", "宝石社区", "群众"],  # an error
            [None, None, None, None, None],
            ["孙七", id_number(83), "13800000083", "葛岭社区", "中共党员"]]


def _organization_rows():
    """One error, one warning (a credit code failing its checksum) and a valid row."""
    body = "51330106MJ0000001"
    code = body + uscc.calc_check_digit(body)
    bad_check = code[:-1] + ("0" if code[-1] != "0" else "1")
    return [["名称", "组织类型", "统一社会信用代码", "备案编号", "所在社区", "成立日期"],
            ["甲", "社会团体", "51330106MJ00", "", "宝石社区", ""],
            ["丁", "社会团体", bad_check, "", "宝石社区", "2020年5月1日"],
            ["新队伍", "社区社会组织（备案）", "", "BA-001", "葛岭社区", 43952]]


def _work_in_background():
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)


def _parsing_forbidden():
    return mock.patch.object(reading, "raw_rows", side_effect=AssertionError("parsed in the request"))


@pytest.mark.django_db
@pytest.mark.parametrize("upload", [xlsx_upload, csv_upload])
def test_a_small_file_is_still_checked_in_the_request(world, client_for, upload):
    client_for(STREET_STAFF).post(reverse("office:import_upload"), {"kind": "volunteers", "file": upload(_rows())})
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.INVALID and job.total_rows == 3 and not job.task_id


@pytest.mark.django_db(transaction=True)  # the worker runs outside the test's transaction
@pytest.mark.parametrize("upload", [xlsx_upload, csv_upload])
def test_a_large_file_is_stored_and_queued_without_being_parsed(world, client_for, upload):
    client = client_for(STREET_STAFF)
    with override_settings(IMPORT_INLINE_MAX_BYTES=100), _parsing_forbidden() as raw_rows:
        response = client.post(reverse("office:import_upload"), {"kind": "volunteers", "file": upload(_rows())})
        job = ImportJob.objects.get()
        assert response.url == reverse("office:import_detail", args=[job.pk])
        assert client.get(response.url).status_code == 200  # the page while it waits: no parsing either
    assert not raw_rows.called
    assert job.status == ImportStatus.QUEUED and job.total_rows == 0 and job.content_bytes > 100
    assert DBTaskResult.objects.filter(id=job.task_id).exists()
    _work_in_background()
    job.refresh_from_db()
    assert job.status == ImportStatus.INVALID and job.total_rows == 3


@pytest.mark.django_db(transaction=True)
def test_the_content_size_decides_not_the_file_size(world, client_for):
    """An XLSX counts uncompressed: a file that compresses well does not slip into the request."""
    upload = xlsx_upload(_rows())
    with override_settings(IMPORT_INLINE_MAX_BYTES=upload.size + 1), _parsing_forbidden():
        client_for(STREET_STAFF).post(reverse("office:import_upload"), {"kind": "volunteers", "file": upload})
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.QUEUED and job.content_bytes > upload.size


@pytest.mark.django_db(transaction=True)
def test_the_worker_makes_the_same_preview_as_the_request(world, client_for):
    client = client_for(STREET_STAFF)
    client.post(reverse("office:import_upload"), {"kind": "organizations", "file": xlsx_upload(_organization_rows())})
    inline = ImportJob.objects.get()
    with override_settings(IMPORT_INLINE_MAX_BYTES=1):
        client.post(reverse("office:import_upload"),
                    {"kind": "organizations", "file": xlsx_upload(_organization_rows())})
    background = ImportJob.objects.exclude(pk=inline.pk).get()
    assert background.status == ImportStatus.QUEUED
    _work_in_background()
    background.refresh_from_db()
    assert {field: getattr(background, field) for field in PREVIEW} == {field: getattr(inline, field)
                                                                        for field in PREVIEW}
    assert inline.errors and inline.warnings  # the comparison covers both
    page = client.get(reverse("office:import_detail", args=[background.pk])).content.decode()
    assert "data-import-busy" not in page and "统一社会信用代码" in page


@pytest.mark.django_db(transaction=True)
def test_the_import_of_a_large_file_is_queued_too(world, client_for):
    rows = [row for row in _rows() if row[1] != "123"]
    client = client_for(STREET_STAFF)
    with override_settings(IMPORT_INLINE_MAX_BYTES=1):
        client.post(reverse("office:import_upload"), {"kind": "volunteers", "file": csv_upload(rows)})
        job = ImportJob.objects.get()
        _work_in_background()
        with _parsing_forbidden():
            client.post(reverse("office:import_commit", args=[job.pk]), {"confirm": "on"})
        job.refresh_from_db()
        assert job.status == ImportStatus.COMMIT_QUEUED, job.errors
        page = client.get(reverse("office:import_detail", args=[job.pk])).content.decode()
        assert "data-import-busy" in page and "等待导入" in page
        _work_in_background()
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE and job.new_rows == 2


@pytest.mark.django_db
def test_a_file_with_too_many_rows_is_refused_while_counting(world, settings):
    """The count stops at IMPORT_MAX_ROWS instead of walking millions of rows first."""
    from apps.imports import services

    settings.IMPORT_MAX_ROWS = 2
    with mock.patch.object(reading, "is_blank_row", wraps=reading.is_blank_row) as looked_at:
        job = services.import_check(job=services.import_job_create(
            actor=world.user(STREET_STAFF), kind="volunteers",
            upload=csv_upload([VOLUNTEER_HEADER] + [["王五", id_number(n), "13800000000", "宝石社区", "群众"]
                                                    for n in range(1, 200)])))
    assert job.status == ImportStatus.INVALID and "2" in job.errors[0]["message"]
    assert looked_at.call_count < 10
