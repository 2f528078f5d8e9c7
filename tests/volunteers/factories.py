"""Builders for volunteers, activities and records used by the volunteer and activity tests."""

import datetime
import itertools
from decimal import Decimal

from django.utils import timezone

from apps.activities.models import Activity, OrganizerKind
from apps.volunteers.id_numbers import synthetic_resident_id
from apps.volunteers.areas import volunteer_areas_refresh
from apps.volunteers.models import DocumentType, Volunteer
from apps.volunteers.services import membership_join, volunteer_register

_sequence = itertools.count(1)


#: When test volunteers registered: before every activity of the tests, as service records never
#: precede the registration (apps.activities.rules).
REGISTERED_AT = datetime.datetime(2024, 1, 2, 9, 0)


def make_volunteer(community, *, name="测试志愿者", birth_date=datetime.date(1985, 6, 1), organization=None,
                   guardian_name="", phone=None, registered_at=REGISTERED_AT, **extra):
    """A volunteer registered through the service; ``registered_at`` (naive local time, None: now)
    backdates the registration, as if made then."""
    n = next(_sequence)
    volunteer = volunteer_register(
        name=name, document_type=DocumentType.RESIDENT_ID,
        id_number=synthetic_resident_id("330106", birth_date, n % 1000),
        phone=phone or f"138{n:08d}", community=community, consent_version="2026-01",
        guardian_name=guardian_name, **extra,
    )
    if registered_at is not None:
        registered_at = timezone.make_aware(max(registered_at, datetime.datetime.combine(birth_date, datetime.time(9))))
        Volunteer.objects.filter(pk=volunteer.pk).update(created_at=registered_at)
        volunteer.created_at = registered_at
        volunteer_areas_refresh([volunteer.pk])  # the kept registration month
    if organization is not None:
        membership_join(volunteer=volunteer, organization=organization)
    return volunteer


def make_activity(organization, *, start=None, hours=3, is_risky=False, is_insured=False, name="社区清洁活动"):
    start = start or timezone.make_aware(datetime.datetime(2026, 3, 1, 9, 0))
    return Activity.objects.create(
        name=name, organizer_kind=OrganizerKind.ORGANIZATION, organization=organization,
        community=organization.area, place="社区广场", starts_at=start,
        ends_at=start + datetime.timedelta(hours=hours), category="community", lead_person="王芳",
        is_risky=is_risky, is_insured=is_insured,
    )


def dec(value):
    return Decimal(str(value))
