"""Issue 16.2: the preview names, per row, what a re-import changes in a registered volunteer (old →
new, personal values masked); rows that change nothing are counted as unchanged, not as updates;
what an import writes appears in each volunteer's history, naming the file."""

import pytest
from django.urls import reverse

from apps.audit.selectors import object_history
from apps.volunteers.models import Volunteer
from tests.imports.helpers import VOLUNTEER_HEADER, check, check_and_commit, id_number, xlsx_upload
from tests.personas import STREET_STAFF

pytestmark = pytest.mark.django_db


def _rows():
    return [VOLUNTEER_HEADER,
            ["张三", id_number(71), "13800000071", "宝石社区", "群众"],
            ["李四", id_number(72), "13800000072", "宝石社区", "群众"],
            ["王五", id_number(73), "13800000073", "宝石社区", "群众"]]


def test_the_preview_shows_old_and_new_values_masked_and_counts_unchanged_rows(world, client_for):
    actor = world.user(STREET_STAFF)
    check_and_commit(actor, "volunteers", xlsx_upload(_rows()))
    rows = _rows()
    rows[1][2] = "13912345678"  # 张三: new phone
    rows[2][3] = "葛岭社区"  # 李四: moved
    rows[2][4] = "中共党员"
    job = check(actor, "volunteers", xlsx_upload(rows, name="花名册.xlsx"))
    assert job.status == "checked"
    assert (job.new_rows, job.update_rows, job.unchanged_rows) == (0, 2, 1)
    masked_id = id_number(71)[:6] + "********" + id_number(71)[-4:]
    assert job.changes == [
        {"row": 2, "subject": f"张三 {masked_id}", "changes": [
            {"column": "手机号码", "old": "138****0071", "new": "139****5678"}]},
        {"row": 3, "subject": f"李四 {id_number(72)[:6]}********{id_number(72)[-4:]}", "changes": [
            {"column": "居住社区", "old": "宝石社区", "new": "葛岭社区"},
            {"column": "政治面貌", "old": "群众", "new": "中共党员"}]},
    ]

    page = client_for(STREET_STAFF).get(reverse("office:import_detail", args=[job.pk])).content.decode()
    assert 'data-testid="changes"' in page and "139****5678" in page and "葛岭社区" in page
    assert "13912345678" not in page and "13800000071" not in page and id_number(71) not in page
    assert 'data-testid="unchanged-rows">1<' in page


def test_an_import_writes_each_volunteers_history_naming_the_file(world, client_for):
    actor = world.user(STREET_STAFF)
    check_and_commit(actor, "volunteers", xlsx_upload(_rows(), name="一月花名册.xlsx"))
    zhang = Volunteer.objects.get(name="张三")
    [created] = object_history(zhang)
    assert created.actor == actor and "一月花名册.xlsx" in created.note

    rows = _rows()
    rows[1][2] = "13912345678"
    rows[1][3] = "葛岭社区"
    check_and_commit(actor, "volunteers", xlsx_upload(rows, name="二月花名册.xlsx"))
    updated, _created = object_history(zhang)
    assert updated.actor == actor and "二月花名册.xlsx" in updated.note
    assert [(change.old, change.new) for change in updated.changes] == [("宝石社区", "葛岭社区")]  # by name
    assert "手机" in updated.note and "不保留" in updated.note  # changed, its values not kept in the history
    assert len(object_history(Volunteer.objects.get(name="王五"))) == 1  # unchanged: no entry

    page = client_for(STREET_STAFF).get(reverse("office:volunteer_detail", args=[zhang.pk])).content.decode()
    assert "二月花名册.xlsx" in page and "13912345678" not in page
    # The back office's audit log names the file too.
    log = client_for(STREET_STAFF).get(reverse("office:audit_log") + "?record=张三").content.decode()
    assert "二月花名册.xlsx" in log and "13912345678" not in log
