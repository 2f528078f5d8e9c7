"""Issue 14.11: what an upload may hold is decided from the archive's directory before anything
parses it. A zip bomb (a 1 MB workbook whose shared strings inflate to 1 GB) is refused with a
clear message while the uploading process stays small; CSV files are bounded by their cells."""

import json
import os
import sqlite3
import subprocess
import sys
import zipfile

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse

from apps.imports import services
from apps.imports.inspection import content_bytes
from apps.imports.models import ImportJob, ImportStatus
from apps.imports.reading import FileFormatError
from tests.imports.archives import bomb_upload, with_encrypted_flag, workbook_with, write_bomb
from tests.imports.helpers import VOLUNTEER_HEADER, csv_upload, xlsx_upload
from tests.personas import STREET_STAFF

pytestmark = pytest.mark.django_db
TOO_LARGE = "该文件解压后过大"
ODD = "该工作簿部件过多"
GB = 2**30


def _refusal(upload):
    with pytest.raises(FileFormatError) as refused:
        content_bytes(upload, upload.name)
    return str(refused.value)


def test_a_plain_workbook_passes_and_its_content_is_its_uncompressed_size():
    upload = xlsx_upload([VOLUNTEER_HEADER, ["王五", "1", "2", "3", "4"]])
    with zipfile.ZipFile(upload) as archive:
        expected = sum(info.file_size for info in archive.infolist())
    assert content_bytes(upload, upload.name) == expected > upload.size


def test_too_much_content_in_all_is_refused(settings):
    upload = workbook_with({"xl/media/a.bin": os.urandom(2**16)})
    assert content_bytes(upload, upload.name)
    settings.IMPORT_XLSX_MAX_UNCOMPRESSED_BYTES = 2**16
    assert TOO_LARGE in _refusal(upload)


def test_a_large_part_compressed_too_well_is_refused():
    assert TOO_LARGE in _refusal(bomb_upload(5 * 2**20))  # about 1,000:1
    small = bomb_upload(2**20)  # as well compressed, but it stays small whatever it is
    assert content_bytes(small, small.name) > 2**20


def test_shared_strings_are_limited_on_their_own(settings):
    settings.IMPORT_XLSX_MAX_SHARED_STRINGS_BYTES = 2**19
    assert TOO_LARGE in _refusal(bomb_upload(2**20))


@pytest.mark.parametrize("odd", ["parts", "nested zip", "nested gzip", "encrypted"])
def test_odd_archives_are_refused(settings, odd):
    settings.IMPORT_XLSX_MAX_PARTS = 20
    if odd == "parts":
        upload = workbook_with({f"xl/media/{n}.txt": b"x" for n in range(20)})
    elif odd == "nested zip":
        upload = workbook_with({"xl/embeddings/inner.bin": xlsx_upload([VOLUNTEER_HEADER]).read()})
    elif odd == "nested gzip":
        upload = workbook_with({"xl/media/data.bin": b"\x1f\x8b\x08\x00" + b"\x00" * 20})
    else:
        upload = with_encrypted_flag(xlsx_upload([VOLUNTEER_HEADER]))
    assert ODD in _refusal(upload)


def test_the_check_refuses_a_bomb_it_is_given_without_the_form(world):
    """The worker inspects the stored file again before openpyxl opens it (a file stored by
    another way, or before a limit was lowered)."""
    job = services.import_job_create(actor=world.user(STREET_STAFF), kind="volunteers",
                                     upload=bomb_upload(5 * 2**20))
    job = services.import_check(job=job)
    assert job.status == ImportStatus.INVALID and TOO_LARGE in job.errors[0]["message"]


def test_the_upload_form_refuses_a_bomb(world, client_for):
    response = client_for(STREET_STAFF).post(reverse("office:import_upload"),
                                             {"kind": "volunteers", "file": bomb_upload(5 * 2**20)})
    assert response.status_code == 200 and TOO_LARGE in response.content.decode()
    assert not ImportJob.objects.exists()


def test_a_csv_cell_beyond_the_field_limit_is_a_file_error(world):
    """An unclosed quotation mark swallows the rest of the file into one cell: refused at the
    field size limit (131,072 characters) with the line, not a crash of the check."""
    upload = csv_upload([VOLUNTEER_HEADER])
    upload = type(upload)(upload.name, upload.read() + b'"' + b"x" * 200_000 + b"\n")
    job = services.import_check(job=services.import_job_create(actor=world.user(STREET_STAFF), kind="volunteers",
                                                               upload=upload))
    assert job.status == ImportStatus.INVALID
    assert "第 2 行" in job.errors[0]["message"] and "131072" in job.errors[0]["message"]


# --- The zip bomb of the issue, uploaded through the real view in a process of its own. ---

CHILD = r"""
import json, os, resource, sys

# A regression must fail the test, not take the machine down: 2 GB of address space at most.
resource.setrlimit(resource.RLIMIT_AS, (2 * 2**30, 2 * 2**30))
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
from django.conf import settings

settings.DATABASES["default"].update(json.loads(os.environ["GZ_DATABASE"]))
import django

django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
from django.urls import reverse

from apps.accounts.models import User
from apps.imports.models import ImportJob

setup_test_environment()
client = Client()
client.force_login(User.objects.get(username=os.environ["GZ_USER"]),
                   backend="django.contrib.auth.backends.ModelBackend")
with open(os.environ["GZ_BOMB"], "rb") as bomb:
    response = client.post(reverse("office:import_upload"), {"kind": "volunteers", "file": bomb})
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over exec from the forking parent (a pytest worker
# that has grown to 400 MB), while VmHWM is this program's own peak.
with open("/proc/self/status") as status:
    peak_kb = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
print(json.dumps({"status": response.status_code, "page": response.content.decode(),
                  "jobs": ImportJob.objects.count(), "peak_mb": peak_kb / 1024}))
"""


@pytest.fixture(scope="module")
def gigabyte_bomb(tmp_path_factory):
    """A real workbook of about 1 MB whose shared strings inflate to 1 GB (deflate level 9)."""
    path = tmp_path_factory.mktemp("bomb") / "volunteers.xlsx"
    write_bomb(path, GB)
    return path


def _database_for_another_process(tmp_path):
    """Settings by which a new process opens this test's (committed) data."""
    connection.ensure_connection()
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        path = tmp_path / "copy.sqlite3"
        copy = sqlite3.connect(path)
        connection.connection.backup(copy)
        copy.close()
        return {"NAME": str(path)}
    return {"NAME": connection.settings_dict["NAME"]}


@pytest.mark.django_db(transaction=True)
def test_a_gigabyte_bomb_is_refused_while_the_process_stays_small(world, gigabyte_bomb, tmp_path):
    with zipfile.ZipFile(gigabyte_bomb) as archive:
        inflated = archive.getinfo("xl/sharedStrings.xml").file_size
    assert gigabyte_bomb.stat().st_size < 1.5 * 2**20 and inflated >= GB
    child = subprocess.run(
        [sys.executable, "-c", CHILD], cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=600,
        env={**os.environ, "GZ_DATABASE": json.dumps(_database_for_another_process(tmp_path)),
             "GZ_USER": world.user(STREET_STAFF).username, "GZ_BOMB": str(gigabyte_bomb)})
    assert child.returncode == 0, child.stderr[-3000:]
    outcome = json.loads(child.stdout.strip().splitlines()[-1])
    print(f"\nzip-bomb upload ({gigabyte_bomb.stat().st_size / 2**20:.2f} MB file, {inflated / GB:.2f} GB of "
          f"shared strings): peak RSS of the uploading process {outcome['peak_mb']:.1f} MB")
    assert outcome["status"] == 200 and TOO_LARGE in outcome["page"]
    assert outcome["jobs"] == 0
    assert outcome["peak_mb"] < 300
