import datetime

import pytest

from apps.activities.models import ServiceRecord
from apps.audit.models import AuditAction, AuditEvent
from apps.imports import services
from apps.imports.importers.volunteers import VolunteerImporter
from apps.volunteers.models import Consent, Volunteer
from tests.imports.helpers import (
    VOLUNTEER_HEADER, check, check_and_commit, csv_upload, errors_by_column, id_number, xlsx_upload,
)
from tests.personas import COMMUNITY_WORKER, STREET_STAFF

pytestmark = pytest.mark.django_db


def messy_rows():
    """A clerk's spreadsheet: full-width digits, stray spaces, lower-case x, a CPC label."""
    x_number = next(id_number(n) for n in range(1, 999) if id_number(n).endswith("X"))
    return [
        [" 姓名 ", "证件号码*", "手机号码", "居住社区", "政治面貌"],
        ["张　三", "  " + id_number(11), "１３８００００００１１", " 宝石社区 ", "群众"],
        ["李四", x_number.lower(), "13800000012", "330106001002", "中共党员"],
    ]


def test_messy_spreadsheet_is_accepted_and_normalised(world):
    job = check_and_commit(world.user(STREET_STAFF), "volunteers", xlsx_upload(messy_rows()))
    assert job.status == "done" and job.new_rows == 2 and job.total_rows == 2  # blank trailing rows skipped
    zhang = Volunteer.objects.get(name="张 三")
    assert zhang.id_number == id_number(11) and zhang.phone == "13800000011"
    assert zhang.community == world.community_a1 and zhang.birth_date == datetime.date(1985, 6, 1)
    li = Volunteer.objects.get(name="李四")
    assert li.id_number.endswith("X") and li.political_status == "cpc"
    assert Consent.objects.filter(volunteer__in=[zhang, li]).count() == 2
    event = AuditEvent.objects.get(action=AuditAction.IMPORT)
    assert event.row_count == 2 and event.detail["new"] == 2 and event.content_type.model == "volunteer"


def test_gb18030_csv_is_read(world):
    job = check_and_commit(world.user(STREET_STAFF), "volunteers",
                           csv_upload(messy_rows(), encoding="gb18030"))
    assert job.new_rows == 2 and Volunteer.objects.filter(name="李四").exists()


def test_reimport_updates_instead_of_duplicating(world):
    actor = world.user(STREET_STAFF)
    check_and_commit(actor, "volunteers", xlsx_upload(messy_rows()))
    rows = messy_rows()
    rows[1][2] = "13900000000"
    job = check_and_commit(actor, "volunteers", xlsx_upload(rows))
    assert (job.new_rows, job.update_rows, job.unchanged_rows) == (0, 1, 1)  # 李四's row is unchanged
    assert Volunteer.objects.count() == 2
    assert Volunteer.objects.get(name="张 三").phone == "13900000000"
    assert AuditEvent.objects.filter(action=AuditAction.IMPORT).count() == 2


@pytest.mark.parametrize(("cells", "column", "fragment"), [
    ({"姓名": ""}, "姓名", "empty"),
    ({"证件号码": "330106198506010010"}, "证件号码", "check"),
    ({"证件号码": "33010619850601"}, "证件号码", "18"),
    ({"手机号码": "2380000"}, "手机号码", "11"),
    ({"居住社区": "白乐桥社区"}, "居住社区", "outside"),
    ({"居住社区": "火星社区"}, "居住社区", "no area"),
    ({"政治面貌": "外星人"}, "政治面貌", "allowed"),
])
def test_each_cell_error_names_row_column_and_expectation(world, cells, column, fragment):
    with_language = {"姓名": "王五", "证件号码": id_number(21), "手机号码": "13800000021", "居住社区": "宝石社区",
                     "政治面貌": "群众"} | cells
    rows = [VOLUNTEER_HEADER, [with_language[h] for h in VOLUNTEER_HEADER]]
    from django.utils import translation

    with translation.override("en"):
        job = check(world.user(STREET_STAFF), "volunteers", xlsx_upload(rows))
    assert job.status == "invalid" and job.error_count >= 1
    error = errors_by_column(job)[(2, column)]
    assert fragment.lower() in error["message"].lower() and error["expected"]
    assert not Volunteer.objects.exists()


def test_errors_are_in_chinese_by_default(world):
    rows = [VOLUNTEER_HEADER, ["王五", "123", "13800000021", "宝石社区", "群众"]]
    job = check(world.user(STREET_STAFF), "volunteers", xlsx_upload(rows))
    assert "身份证" in job.errors[0]["message"]


def test_repeated_person_in_one_file_is_an_error(world):
    row = ["王五", id_number(31), "13800000031", "宝石社区", "群众"]
    job = check(world.user(STREET_STAFF), "volunteers", xlsx_upload([VOLUNTEER_HEADER, row, row]))
    assert job.status == "invalid" and job.errors[0]["row"] == 3 and "2" in job.errors[0]["message"]


def test_minor_without_guardian_is_refused(world):
    minor = id_number(41, birth=datetime.date.today().replace(year=datetime.date.today().year - 10))
    job = check(world.user(STREET_STAFF), "volunteers",
                xlsx_upload([VOLUNTEER_HEADER, ["小明", minor, "13800000041", "宝石社区", ""]]))
    assert errors_by_column(job)[(2, "监护人")]


def test_missing_required_column_and_wrong_format_are_file_errors(world):
    job = check(world.user(STREET_STAFF), "volunteers", xlsx_upload([["姓名", "手机号码"], ["王五", "13800000000"]]))
    assert job.status == "invalid" and "证件号码" in job.errors[0]["message"]
    job = check(world.user(STREET_STAFF), "volunteers", csv_upload([["x"]], name="file.xlsx"))
    assert job.status == "invalid" and job.errors[0]["row"] == 0


def test_community_worker_imports_only_into_their_community(world):
    rows = messy_rows()  # row 3 names 葛岭社区 (A2), outside community A1
    job = check(world.user(COMMUNITY_WORKER), "volunteers", xlsx_upload(rows))
    assert job.status == "invalid" and (3, "居住社区") in errors_by_column(job)


def test_failed_commit_writes_nothing(world, monkeypatch):
    """A row that fails while writing rolls back every row written before it (here: one row per
    chunk, so row 2 is written in its own chunk before row 3's chunk fails)."""
    job = check(world.user(STREET_STAFF), "volunteers", xlsx_upload(messy_rows()))
    assert job.status == "checked"
    original = VolunteerImporter.write_many
    calls = []

    def failing_second_write(self, prepared):
        calls.append(prepared)
        if len(calls) == 2:
            from django.core.exceptions import ValidationError
            raise ValidationError("simulated failure")
        return original(self, prepared)

    monkeypatch.setattr(VolunteerImporter, "chunk_rows", 1)
    monkeypatch.setattr(VolunteerImporter, "write_many", failing_second_write)
    before = (Volunteer.objects.count(), Consent.objects.count(), ServiceRecord.objects.count())
    job = services.import_commit(job=job)
    assert job.status == "failed" and job.errors[0]["row"] == 3
    assert (Volunteer.objects.count(), Consent.objects.count(), ServiceRecord.objects.count()) == before
    assert not AuditEvent.objects.filter(action=AuditAction.IMPORT).exists()


def test_commit_revalidates_a_changed_database(world):
    """Between preview and import someone registers one of the people elsewhere: nothing is written."""
    job = check(world.user(STREET_STAFF), "volunteers", xlsx_upload(messy_rows()))
    from apps.volunteers.services import volunteer_register

    volunteer_register(name="他人", document_type="resident_id", id_number=id_number(11), phone="13700000000",
                       community=world.community_b1, consent_version="2026-01")
    job = services.import_commit(job=job)
    assert job.status == "failed" and Volunteer.objects.count() == 1


def test_a_clashing_random_volunteer_number_is_retried(world, monkeypatch):
    from tests.volunteers.factories import make_volunteer

    taken = make_volunteer(world.community_a1).number
    monkeypatch.setattr(Volunteer._meta.get_field("number"), "_get_default", lambda: taken)  # always clashes
    monkeypatch.setattr("apps.imports.importers.volunteers.new_volunteer_number", lambda: "209912345678")
    job = check_and_commit(world.user(STREET_STAFF), "volunteers", xlsx_upload(messy_rows()[:2]))
    assert job.status == "done" and Volunteer.objects.filter(number="209912345678").exists()
