"""Volunteer-side objects added to the shared test world, made once per world on first use."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from apps.activities.certificates import certificate_accept, certificate_issue, certificate_request
from apps.activities.models import ServiceRecord
from apps.activities.services import records_confirm, records_enter
from apps.volunteers.models import Team
from apps.volunteers.services import team_membership_join
from tests.personas import SUPERUSER
from tests.volunteers.factories import make_activity, make_volunteer


@dataclass
class VolunteerWorld:
    volunteer_a: object  # lives in A1, serves with org A
    volunteer_a2: object  # lives in A2, no organization
    volunteer_b: object  # lives in B1, serves with org B
    volunteer_b_serving_a: object  # lives in B1, serves with org A
    team_a: object
    team_b: object
    activity_a: object
    activity_b: object
    record_a: object
    record_b: object
    certificate_a: object
    certificate_b: object


def volunteer_world(world) -> VolunteerWorld:
    if getattr(world, "_volunteers", None) is None:
        world._volunteers = _build(world)
    return world._volunteers


def _build(world):
    root = world.user(SUPERUSER)
    volunteer_a = make_volunteer(world.community_a1, name="张志愿", organization=world.org_a)
    volunteer_a2 = make_volunteer(world.community_a2, name="葛志愿")
    volunteer_b = make_volunteer(world.community_b1, name="白志愿", organization=world.org_b)
    volunteer_b_serving_a = make_volunteer(world.community_b1, name="跨街志愿", organization=world.org_a)
    team_a = Team.objects.create(name="宝石志愿服务队", organization=world.org_a)
    team_b = Team.objects.create(name="白乐桥志愿服务队", community=world.community_b1)
    team_membership_join(team=team_a, volunteer=volunteer_a)
    start = timezone.make_aware(datetime.datetime(2026, 2, 10, 9, 0))
    activity_a = make_activity(world.org_a, start=start)
    activity_b = make_activity(world.org_b, start=start, name="白乐桥文艺汇演")
    [record_a] = records_enter(actor=root, activity=activity_a, entries=[{"volunteer": volunteer_a}])
    [record_b] = records_enter(actor=root, activity=activity_b, entries=[{"volunteer": volunteer_b}])
    records_confirm(actor=root, records=ServiceRecord.objects.all())
    certificates = []
    for volunteer, org in [(volunteer_a, world.org_a), (volunteer_b, world.org_b)]:
        certificate = certificate_request(actor=root, volunteer=volunteer, organization=org, community=None,
                                          period_start=datetime.date(2026, 1, 1),
                                          period_end=datetime.date(2026, 12, 31))
        certificate_accept(actor=root, certificate=certificate)
        certificates.append(certificate_issue(actor=root, certificate=certificate, responsible_person="陈伟",
                                              handler="王芳", contact="0571-88888888"))
    for record in (record_a, record_b):
        record.refresh_from_db()
    return VolunteerWorld(volunteer_a, volunteer_a2, volunteer_b, volunteer_b_serving_a, team_a, team_b,
                          activity_a, activity_b, record_a, record_b, *certificates)
