"""The volunteer import in chunks: a few queries per chunk, one audit entry per file, and the same
rules (errors, consents, numbers, all-or-nothing) as the one-row registration service."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.audit.models import AuditEvent
from apps.core.crypto import keyed_hash
from apps.imports import services
from apps.imports.importers.volunteers import VolunteerImporter
from apps.volunteers.models import Consent, Volunteer
from tests.imports.helpers import VOLUNTEER_HEADER, check, check_and_commit, id_number, xlsx_upload
from tests.personas import STREET_STAFF

pytestmark = pytest.mark.django_db

GUARDIAN_HEADER = [*VOLUNTEER_HEADER, "监护人", "监护人关系"]


def volunteer_rows(count, *, start=0, phone_prefix="138"):
    return [VOLUNTEER_HEADER] + [
        [f"志愿者{n}", id_number(n), f"{phone_prefix}{n:08d}", "宝石社区", "群众"] for n in range(start, start + count)
    ]


def commit_queries(actor, upload):
    job = check(actor, "volunteers", upload)
    assert job.status == "checked", job.errors
    with CaptureQueriesContext(connection) as queries:
        job = services.import_commit(job=job)
    assert job.status == "done", job.errors
    return job, len(queries)


def test_commit_queries_do_not_grow_with_the_rows(world):
    """50 and 200 rows (one chunk each) take the same queries: new volunteers, then a re-import
    that changes every phone (updates)."""
    actor = world.user(STREET_STAFF)
    ContentType.objects.get_for_model(Volunteer)  # the content-type cache's one query, before counting
    small_job, small = commit_queries(actor, xlsx_upload(volunteer_rows(50)))
    large_job, large = commit_queries(actor, xlsx_upload(volunteer_rows(200, start=100)))
    assert (small_job.new_rows, large_job.new_rows) == (50, 200)
    assert small == large, (small, large)

    small_job, small = commit_queries(actor, xlsx_upload(volunteer_rows(50, phone_prefix="139")))
    large_job, large = commit_queries(actor, xlsx_upload(volunteer_rows(200, start=100, phone_prefix="139")))
    assert (small_job.update_rows, large_job.update_rows) == (50, 200)
    assert small == large, (small, large)


def test_check_queries_do_not_grow_with_the_rows(world):
    actor = world.user(STREET_STAFF)
    counts = []
    for rows in (volunteer_rows(50), volunteer_rows(200, start=100)):
        job = services.import_job_create(actor=actor, kind="volunteers", upload=xlsx_upload(rows))
        with CaptureQueriesContext(connection) as queries:
            job = services.import_check(job=job)
        assert job.status == "checked"
        counts.append(len(queries))
    # 200 rows report progress once more than 50 (every 200 rows).
    assert counts[1] - counts[0] <= 1, counts


def test_a_file_of_several_chunks_is_one_audit_entry_and_one_history_entry_per_volunteer(world, monkeypatch):
    monkeypatch.setattr(VolunteerImporter, "chunk_rows", 3)
    actor = world.user(STREET_STAFF)
    log_entries = LogEntry.objects.count()
    job = check_and_commit(actor, "volunteers", xlsx_upload(volunteer_rows(7)))
    assert job.status == "done" and job.new_rows == 7
    event = AuditEvent.objects.get()
    assert event.action == "import" and event.row_count == 7 and event.detail["new"] == 7
    assert event.content_type == ContentType.objects.get_for_model(Volunteer)
    # The bulk insert writes each volunteer's history entry itself (issue 16.2).
    assert LogEntry.objects.count() == log_entries + 7

    rows = volunteer_rows(7, phone_prefix="139")
    job = check_and_commit(actor, "volunteers", xlsx_upload(rows))
    assert (job.new_rows, job.update_rows) == (0, 7)
    assert LogEntry.objects.count() == log_entries + 14
    assert AuditEvent.objects.filter(action="import").count() == 2
    assert Volunteer.objects.count() == 7 and Consent.objects.count() == 7


@pytest.mark.parametrize("chunk_rows", [1, 2, 500])
def test_errors_are_the_same_whatever_the_chunk_size(world, monkeypatch, chunk_rows):
    monkeypatch.setattr(VolunteerImporter, "chunk_rows", chunk_rows)
    rows = volunteer_rows(5)
    rows[2][1] = "330106198506010010"  # wrong check character
    rows.append(list(rows[3]))  # row 7 repeats row 4
    rows[4][2] = "2380000"  # bad phone
    job = check(world.user(STREET_STAFF), "volunteers", xlsx_upload(rows))
    assert job.status == "invalid" and job.valid_rows == 3 and job.error_count == 3
    assert [(e["row"], e["column"]) for e in job.errors] == [(3, "证件号码"), (5, "手机号码"), (7, "")]


def test_new_volunteers_get_hashes_numbers_and_consents_like_the_service(world):
    minor_birth = datetime.date.today().replace(year=datetime.date.today().year - 12, month=1, day=1)
    minor = id_number(51, birth=minor_birth)
    rows = [GUARDIAN_HEADER,
            ["小明", minor, "13800000051", "宝石社区", "", " 王芳 ", "母亲"],
            ["成年人", id_number(52), "13800000052", "宝石社区", "", "", ""]]
    job = check_and_commit(world.user(STREET_STAFF), "volunteers", xlsx_upload(rows))
    assert job.status == "done" and job.new_rows == 2
    child = Volunteer.objects.get(id_number_hash=keyed_hash(minor))
    assert child.phone_hash == keyed_hash("13800000051") and child.phone == "13800000051"
    assert child.birth_date == minor_birth and child.sex == "male"
    assert child.created_at and child.updated_at and len(child.number) == 12
    consent = child.consents.get()
    assert consent.purpose == "registration" and consent.version
    assert (consent.guardian_name, consent.guardian_relation) == ("王芳", "母亲")
    adult = Volunteer.objects.get(name="成年人")
    assert adult.consents.get().guardian_name == ""
    assert adult.number != child.number


def test_numbers_drawn_twice_in_one_chunk_are_drawn_again(world, monkeypatch):
    """Every new volunteer of the chunk draws the same number: all but the first draw again."""
    number_field = Volunteer._meta.get_field("number")
    monkeypatch.setattr(number_field, "_get_default", lambda: "202600000001")
    fresh = iter(f"20269{n:07d}" for n in range(100))
    monkeypatch.setattr("apps.imports.importers.volunteers.new_volunteer_number", lambda: next(fresh))
    job = check_and_commit(world.user(STREET_STAFF), "volunteers", xlsx_upload(volunteer_rows(4)))
    assert job.status == "done"
    numbers = set(Volunteer.objects.values_list("number", flat=True))
    assert numbers == {"202600000001", "202690000000", "202690000001", "202690000002"}


def test_unchanged_rows_are_not_written_again(world):
    actor = world.user(STREET_STAFF)
    check_and_commit(actor, "volunteers", xlsx_upload(volunteer_rows(3)))
    before = dict(Volunteer.objects.values_list("name", "updated_at"))
    rows = volunteer_rows(3)
    rows[2][2] = "13999999999"
    job = check_and_commit(actor, "volunteers", xlsx_upload(rows))
    assert (job.new_rows, job.update_rows, job.unchanged_rows) == (0, 1, 2)
    after = dict(Volunteer.objects.values_list("name", "updated_at"))
    assert after["志愿者0"] == before["志愿者0"] and after["志愿者2"] == before["志愿者2"]
    changed = Volunteer.objects.get(name="志愿者1")
    assert changed.updated_at > before["志愿者1"]
    assert changed.phone == "13999999999" and changed.phone_hash == keyed_hash("13999999999")


def test_a_registration_between_look_up_and_insert_names_the_row(world, monkeypatch):
    """Someone registers row 3's person after the chunk was looked up: the bulk insert fails on
    the unique document constraint, the row-by-row retry names row 3, nothing is kept."""
    job = check(world.user(STREET_STAFF), "volunteers", xlsx_upload(volunteer_rows(3)))
    assert job.status == "checked"
    original = VolunteerImporter.prepare_many

    def prepare_then_someone_registers(self, raws):
        prepared = original(self, raws)
        from apps.volunteers.services import volunteer_register

        volunteer_register(name="他人", document_type="resident_id", id_number=id_number(1), phone="13700000000",
                           community=world.community_a1, consent_version="2026-01")
        return prepared

    monkeypatch.setattr(VolunteerImporter, "prepare_many", prepare_then_someone_registers)
    job = services.import_commit(job=job)
    assert job.status == "failed" and job.error_count == 1
    assert job.errors[0]["row"] == 3 and "证件号码" in job.errors[0]["message"]
    assert not Volunteer.objects.exists() and not Consent.objects.exists()
    assert not AuditEvent.objects.filter(action="import").exists()


def test_the_row_limit_holds_across_chunks(world, monkeypatch, settings):
    settings.IMPORT_MAX_ROWS = 4
    monkeypatch.setattr(VolunteerImporter, "chunk_rows", 3)
    job = check(world.user(STREET_STAFF), "volunteers", xlsx_upload(volunteer_rows(5)))
    assert job.status == "invalid" and job.errors[0]["row"] == 0 and "4" in job.errors[0]["message"]
    assert not Volunteer.objects.exists()
