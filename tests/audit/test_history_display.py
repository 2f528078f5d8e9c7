"""Histories read like a clerk's log (issue 16.11): field labels, local times to the minute, "—"
for nothing, related objects and choices by name, no internal dumps of auditlog's strings."""

import datetime
import re

import pytest
from auditlog.context import set_actor
from django.urls import reverse
from django.utils import timezone

from apps.audit.selectors import object_history
from apps.organizations.models import Organization, ServiceDomain
from apps.volunteers.models import Team
from apps.volunteers.services import volunteer_reveal
from tests.personas import STREET_STAFF, SUPERUSER
from tests.volunteers.factories import make_activity, make_volunteer

pytestmark = pytest.mark.django_db

#: What auditlog keeps and a clerk must never read.
INTERNALS = re.compile(r"\bNone\b|\bTrue\b|\bFalse\b|\.None|\d{2}:\d{2}:\d{2}\.\d+|\+00:00")


def _rows(obj):
    return [(item.action, [(c.label, c.old, c.new) for c in item.changes], item.note) for item in object_history(obj)]


def test_a_change_reads_by_label_and_name(world):
    domain = ServiceDomain.objects.first()
    with set_actor(world.user(STREET_STAFF)):
        org = Organization.objects.create(name="新组织", area=world.community_a1,
                                          founded_on=datetime.date(2020, 1, 1))
        org.domains.add(domain)
        org.name = "改名"
        org.founded_on = None
        org.save()
    rows = _rows(org)
    text = str(rows)
    assert not INTERNALS.search(text), text
    changes = [change for _, changes, _ in rows for change in changes]
    assert ("名称", "新组织", "改名") in changes
    assert ("成立日期", "2020-01-01", "—") in changes
    # The foreign key by the area's name, the many-to-many change by the domain's name.
    assert ("所属区域", "—", world.community_a1.name) in changes
    assert any(label == "服务领域" and new == domain.name for label, _, new in changes)
    # Automatic timestamps and the id are not changes a clerk made.
    assert not any(label in ("ID", "创建时间", "更新时间") for label, _, _ in changes)


def test_no_reverse_relations_or_internal_columns(world):
    """An area's creation once read "Children: areas.Area.None", "Path: /3301…/"."""
    from apps.areas.models import Area, AreaLevel

    with set_actor(world.user(STREET_STAFF)):
        grid = Area.objects.create(name="新网格", level=AreaLevel.GRID, parent=world.community_a1,
                                   code=world.community_a1.code + "009")
    rows = _rows(grid)
    assert not INTERNALS.search(str(rows)), rows
    labels = [label for _, changes, _ in rows for label, _, _ in changes]
    assert "上级区划" in labels and "名称" in labels
    assert not any(label in ("Path", "Children", "Staff_users") for label in labels)


def test_times_are_local_to_the_minute_and_booleans_read_yes_no(world):
    activity = make_activity(world.org_a)
    with set_actor(world.user(STREET_STAFF)):
        activity.is_risky = True
        activity.is_insured = True
        activity.starts_at = timezone.make_aware(datetime.datetime(2026, 3, 1, 8, 0))
        activity.save()
    update = next(changes for action, changes, _ in _rows(activity) if changes and changes[0][1] != "—")
    assert ("开始时间", "2026-03-01 09:00", "2026-03-01 08:00") in update  # Asia/Shanghai, no seconds
    assert ("风险作业", "否", "是") in update


def test_a_reveal_names_the_field_by_its_label(world):
    volunteer = make_volunteer(world.community_a1, organization=world.org_a)
    volunteer_reveal(actor=world.user(SUPERUSER), volunteer=volunteer, field="phone")
    notes = [note for _, _, note in _rows(volunteer) if note]
    assert notes and "手机" in notes[0] and "phone" not in notes[0]


def test_the_history_tab_shows_no_internals(world, client_for):
    volunteer = make_volunteer(world.community_a1, organization=world.org_a)
    with set_actor(world.user(STREET_STAFF)):
        team = Team.objects.create(name="清洁队", organization=world.org_a, leader=volunteer)
        team.leader = None
        team.save()
    content = client_for(STREET_STAFF).get(reverse("office:team_detail", args=[team.pk])).content.decode()
    history = content[content.index('data-testid="history-change"'):]
    assert f"{volunteer} → —" in history
    assert not INTERNALS.search(history.split("</table>")[0])
