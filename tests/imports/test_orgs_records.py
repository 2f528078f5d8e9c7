import datetime

import pytest
from django.utils import timezone

from apps.activities.models import RecordStatus, ServiceRecord
from apps.activities.services import records_confirm
from apps.organizations.models import Organization, StatusChange
from tests.imports.helpers import check, check_and_commit, errors_by_column, id_number, xlsx_upload
from tests.personas import STREET_STAFF
from tests.volunteers.factories import make_activity, make_volunteer

pytestmark = pytest.mark.django_db

ORG_HEADER = ["名称", "组织类型", "统一社会信用代码", "备案编号", "所在社区", "成立日期"]


def credit_code(body="51330106MJ000000"):
    from stdnum.cn import uscc

    body = body + "1"
    return body + uscc.calc_check_digit(body)


def test_organizations_import_and_reimport(world):
    code = credit_code()
    rows = [ORG_HEADER,
            ["新协会", "社会团体", code.lower(), "", "宝石社区", "2020年5月1日"],
            ["新队伍", "社区社会组织（备案）", "", "BA-001", "葛岭社区", 43952]]
    actor = world.user(STREET_STAFF)
    job = check_and_commit(actor, "organizations", xlsx_upload(rows))
    assert job.new_rows == 2
    org = Organization.objects.get(credit_code=code)
    assert org.founded_on == datetime.date(2020, 5, 1) and org.area == world.community_a1
    assert StatusChange.objects.filter(organization=org).count() == 1
    filed = Organization.objects.get(filing_number="BA-001")
    assert filed.management_mode == "filed" and filed.founded_on == datetime.date(2020, 5, 1)
    rows[1][0] = "新协会（更名）"
    job = check_and_commit(actor, "organizations", xlsx_upload(rows))
    assert (job.new_rows, job.update_rows, job.unchanged_rows) == (0, 1, 1)
    assert job.changes == [{"row": 2, "subject": "新协会", "changes": [
        {"column": "名称", "old": "新协会", "new": "新协会（更名）"}]}]
    assert Organization.objects.get(credit_code=code).name == "新协会（更名）"


def test_organization_code_errors_and_checksum_warning(world):
    bad_check = credit_code()[:-1] + ("0" if credit_code()[-1] != "0" else "1")
    rows = [ORG_HEADER,
            ["甲", "社会团体", "51330106MJ00", "", "宝石社区", ""],
            ["乙", "社会团体", "", "", "宝石社区", ""],
            ["丙", "社区社会组织（备案）", credit_code(), "X1", "宝石社区", ""],
            ["丁", "社会团体", bad_check, "", "宝石社区", ""]]
    job = check(world.user(STREET_STAFF), "organizations", xlsx_upload(rows))
    errors = errors_by_column(job)
    assert {(2, "统一社会信用代码"), (3, "统一社会信用代码"), (4, "统一社会信用代码")} <= set(errors)
    assert job.warnings and job.warnings[0]["row"] == 5  # checksum: a warning, not an error
    assert not Organization.objects.filter(name__in=["甲", "乙", "丙", "丁"]).exists()


RECORD_HEADER = ["证件号码", "姓名", "活动名称", "服务日期", "开始时间", "结束时间", "服务时长（小时）"]


def test_records_import_update_and_locked_confirmed(world):
    volunteer = make_volunteer(world.community_a1, name="赵六", organization=world.org_a)
    activity = make_activity(world.org_a, start=timezone.make_aware(datetime.datetime(2026, 3, 1, 9, 0)))
    actor = world.user(STREET_STAFF)
    rows = [RECORD_HEADER, [volunteer.id_number.lower(), "赵六", "社区清洁活动", "2026/3/1", "9:00", "11:00", "２"]]
    job = check_and_commit(actor, "records", xlsx_upload(rows))
    record = ServiceRecord.objects.get(volunteer=volunteer, activity=activity)
    assert job.new_rows == 1 and record.hours == 2 and record.status == RecordStatus.PENDING
    rows[1][6] = "1.5"
    job = check_and_commit(actor, "records", xlsx_upload(rows))
    assert job.update_rows == 1 and ServiceRecord.objects.get(pk=record.pk).hours == 1.5
    assert job.changes == [{"row": 2, "subject": "赵六 · 社区清洁活动", "changes": [
        {"column": "服务时长（小时）", "old": "2", "new": "1.5"}]}]
    assert ServiceRecord.objects.count() == 1
    records_confirm(actor=actor, records=ServiceRecord.objects.filter(pk=record.pk))
    job = check_and_commit(actor, "records", xlsx_upload(rows))  # unchanged: accepted, nothing changes
    assert (job.update_rows, job.unchanged_rows) == (0, 1)
    rows[1][6] = "1"
    job = check(actor, "records", xlsx_upload(rows))
    assert job.status == "invalid" and "更正" in job.errors[0]["message"]


def test_record_rules_come_from_the_domain(world):
    volunteer = make_volunteer(world.community_a1, name="赵六", organization=world.org_a)
    make_activity(world.org_a)
    rows = [RECORD_HEADER,
            [volunteer.id_number, "赵六", "社区清洁活动", "2026-03-01", "", "", "5"],  # more than 3 h activity
            [id_number(500), "", "社区清洁活动", "2026-03-01", "", "", ""],  # unknown volunteer
            [volunteer.id_number, "钱七", "不存在的活动", "2026-03-01", "", "", ""]]
    job = check(world.user(STREET_STAFF), "records", xlsx_upload(rows))
    errors = errors_by_column(job)
    assert (2, "服务时长（小时）") in errors and (3, "证件号码") in errors
    assert (4, "姓名") in errors and (4, "活动名称") in errors
    assert not ServiceRecord.objects.exists()
