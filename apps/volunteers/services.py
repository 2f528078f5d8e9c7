"""Volunteer workflows: registration with consent, reveal of personal data, memberships, stars."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.audit.models import AuditAction
from apps.audit.services import audit_batch_record, audit_event_record
from apps.core.crypto import keyed_hash

from .areas import volunteer_areas_refresh
from .duplicates import volunteers_duplicates_flag
from .id_numbers import age_on
from .models import (
    Consent, ConsentPurpose, StarAward, StarThreshold, Team, TeamMembership, Volunteer,
    VolunteerMembership,
)
from .permissions import can_reveal_personal_data

#: Under this age (always at least 14, by law) registration needs a guardian's consent.
LEGAL_GUARDIAN_AGE = 14


def guardian_consent_age() -> int:
    return max(LEGAL_GUARDIAN_AGE, settings.VOLUNTEER_GUARDIAN_CONSENT_AGE)


class DocumentAlreadyRegistered(ValidationError):
    """The document number belongs to a registered volunteer (``volunteer``). Staff read it next to
    the number; the portal turns it into its one neutral refusal (``portal_services``)."""

    def __init__(self, volunteer: Volunteer):
        super().__init__({"id_number": ValidationError(
            _("A volunteer with this document number is already registered."), code="duplicate")})
        self.volunteer = volunteer


def volunteer_find_by_document(*, document_type: str, id_number: str):
    """Exact look-up through the keyed hash; the clear number is never queried."""
    return Volunteer.objects.filter(document_type=document_type, id_number_hash=keyed_hash(id_number)).first()


@transaction.atomic
def volunteer_register(
    *, name: str, document_type: str, id_number: str, phone: str, community, consent_version: str,
    birth_date: datetime.date | None = None, sex: str = "", guardian_name: str = "", guardian_relation: str = "",
    **extra,
) -> Volunteer:
    volunteer = Volunteer(
        name=name, document_type=document_type, id_number=id_number, phone=phone, community=community,
        birth_date=birth_date, sex=sex, **extra,
    )
    volunteer.clean()  # derives birth date and sex from a resident ID before the fields are checked
    volunteer.full_clean(exclude=["number"], validate_unique=False)
    if age_on(volunteer.birth_date, timezone.localdate()) < guardian_consent_age() and not guardian_name.strip():
        raise ValidationError({"guardian_name": _(
            "A volunteer under %(age)d can only be registered with a guardian's consent."
        ) % {"age": guardian_consent_age()}})
    # Last of all the checks: any other error answers the same for a registered and a new number.
    existing = volunteer_find_by_document(document_type=document_type, id_number=volunteer.id_number)
    if existing is not None:
        raise DocumentAlreadyRegistered(existing)
    volunteer.save()
    volunteers_duplicates_flag(volunteers=[volunteer])  # the same person with another document: for staff
    volunteer_areas_refresh([volunteer.pk])
    Consent.objects.create(
        volunteer=volunteer, purpose=ConsentPurpose.REGISTRATION, version=consent_version,
        guardian_name=guardian_name.strip(), guardian_relation=guardian_relation.strip(),
    )
    return volunteer


def volunteer_is_minor(volunteer: Volunteer, on: datetime.date | None = None) -> bool:
    return age_on(volunteer.birth_date, on or timezone.localdate()) < 18


def volunteer_reveal(*, actor, volunteer: Volunteer, field: str, request=None) -> str:
    """Return a full ID number or phone to an authorised user and write the audit entry."""
    if field not in {"id_number", "phone"}:
        raise ValueError(field)
    if not can_reveal_personal_data(actor):
        raise PermissionDenied(_("Your role may not reveal personal data."))
    audit_event_record(actor=actor, action=AuditAction.REVEAL, obj=volunteer, detail={"field": field},
                       request=request)
    return getattr(volunteer, field)


@transaction.atomic
def membership_join(*, volunteer: Volunteer, organization, role=VolunteerMembership.Role.MEMBER,
                    joined_on=None) -> VolunteerMembership:
    membership = VolunteerMembership(volunteer=volunteer, organization=organization, role=role,
                                     joined_on=joined_on or timezone.localdate())
    membership.full_clean()
    membership.save()
    volunteer_areas_refresh([volunteer.pk])
    return membership


@transaction.atomic
def team_membership_join(*, team: Team, volunteer: Volunteer, role=TeamMembership.Role.MEMBER,
                         joined_on=None) -> TeamMembership:
    if team.status != Team.Status.ACTIVE:
        raise ValidationError(_("A dissolved team takes no new members."))
    membership = TeamMembership(team=team, volunteer=volunteer, role=role,
                                joined_on=joined_on or timezone.localdate())
    membership.full_clean()
    membership.save()
    return membership


@transaction.atomic
def team_membership_leave(*, actor, membership: TeamMembership, left_on=None) -> TeamMembership:
    """Record that a member left the team (DOMAIN §3: membership with joined/left dates). The
    row stays, with both dates; a member who left once is not "left" again (the first date
    would be lost), and the date lies between joining and today. auditlog records the change."""
    membership = TeamMembership.objects.select_for_update().select_related("volunteer").get(pk=membership.pk)
    left_on = left_on or timezone.localdate()
    if membership.left_on is not None:
        raise ValidationError(_("%(name)s already left the team on %(day)s.")
                              % {"name": membership.volunteer.name, "day": membership.left_on.isoformat()},
                              code="already_left")
    if left_on < membership.joined_on:
        raise ValidationError(_("The leaving date cannot be before joining (%(day)s).")
                              % {"day": membership.joined_on.isoformat()}, code="before_joining")
    if left_on > timezone.localdate():
        raise ValidationError(_("The leaving date cannot be in the future."), code="future")
    membership.left_on = left_on
    membership.full_clean()
    membership.save(update_fields=["left_on"])
    return membership


def membership_leave(*, membership, left_on=None):
    membership.left_on = left_on or timezone.localdate()
    membership.full_clean()
    membership.save(update_fields=["left_on"])
    return membership


def _thresholds_reached(hours):
    """The one rule from hours to a star level: the thresholds of the editable table that
    ``hours`` (a number, or ``OuterRef`` to a column) reach, highest level first; the level is
    the first one's, 0 below every threshold."""
    return StarThreshold.objects.filter(min_hours__lte=hours).order_by("-level")


def star_level_for_hours(hours: Decimal) -> int:
    """The star level ``hours`` reach (one query)."""
    return _thresholds_reached(hours).values_list("level", flat=True).first() or 0


def star_level_of(hours_field: str = "confirmed_hours"):
    """The same level as an expression over a volunteer column: set-based, for bulk writes."""
    return Coalesce(Subquery(_thresholds_reached(OuterRef(hours_field)).values("level")[:1]), Value(0))


@transaction.atomic
def star_award_grant(*, actor, volunteer: Volunteer, granting_body: str, granted_on=None) -> list[StarAward]:
    """Grant every star level the volunteer's confirmed hours reach and that is not granted yet."""
    volunteer = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
    eligible = star_level_for_hours(volunteer.confirmed_hours)
    if eligible <= volunteer.star_level:
        raise ValidationError(_("The volunteer's confirmed hours do not reach a new star level."))
    granted = [
        StarAward.objects.create(volunteer=volunteer, level=level, hours_at_grant=volunteer.confirmed_hours,
                                 granted_on=granted_on or timezone.localdate(), granting_body=granting_body,
                                 granted_by=actor)
        for level in range(volunteer.star_level + 1, eligible + 1)
    ]
    volunteer.star_level = eligible
    volunteer.save(update_fields=["star_level", "updated_at"])
    return granted


@transaction.atomic
def star_awards_grant_bulk(*, actor, volunteers, granting_body: str, granted_on=None) -> int:
    """``star_award_grant`` for a whole queryset of volunteers at once (the city-scale seed has
    200,000): one SELECT of those whose hours reach a new level, the awards in batches, one
    UPDATE of their star level, one audit entry. Returns how many volunteers gained a star."""
    eligible = star_level_of("confirmed_hours")
    rising = volunteers.annotate(eligible=eligible).filter(eligible__gt=F("star_level"))
    rows = list(rising.values_list("pk", "star_level", "eligible", "confirmed_hours"))
    if not rows:
        return 0
    granted_on = granted_on or timezone.localdate()
    awards = [StarAward(volunteer_id=pk, level=level, hours_at_grant=hours, granted_on=granted_on,
                        granting_body=granting_body, granted_by=actor)
              for pk, current, reached, hours in rows for level in range(current + 1, reached + 1)]
    StarAward.objects.bulk_create(awards, batch_size=5000)
    Volunteer.objects.filter(pk__in=rising.values("pk")).update(star_level=eligible, updated_at=timezone.now())
    audit_batch_record(actor=actor, model=StarAward, row_count=len(awards),
                       detail={"granting_body": granting_body, "volunteers": len(rows)})
    return len(rows)
