"""Consents beyond registration, their withdrawal, and the five record categories' training and
honour records. Every write is atomic; auditlog records the rows, AuditEvent the decisions.

Withdrawal is honoured: without an "extra fields" consent in force the extra personal fields
(``models.EXTRA_FIELDS``) are cleared and never shown; without a "publication" consent the
volunteer is left out of anything published (``publishable_volunteers``).
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .id_numbers import age_on
from .models import EXTRA_FIELDS, Consent, ConsentPurpose, Volunteer
from .models import HonourRecord, TrainingRecord
from .services import guardian_consent_age, volunteer_is_minor

#: Version of the privacy notice a volunteer (or guardian) agrees to at registration and for
#: later consents; every registration path (back office, portal, import) records it.
PRIVACY_NOTICE_VERSION = "2026-01"

#: Purposes a volunteer may withdraw on their own; withdrawing the registration consent means
#: leaving the registry, which is a different workflow.
WITHDRAWABLE = {ConsentPurpose.EXTRA_FIELDS, ConsentPurpose.PUBLICATION}


#: Said when a minor's consent lacks the guardian (shown on the guardian fields).
GUARDIAN_REQUIRED = gettext_lazy("The volunteer is a minor: enter the guardian who consents and their relation.")


def needs_guardian(volunteer: Volunteer) -> bool:
    """A minor's consents beyond registration are given by a guardian (DOMAIN §3: "guardian if a
    minor"; 个人信息保护法 §31 asks it under 14, the local guardian age may be higher)."""
    return volunteer_is_minor(volunteer) or age_on(volunteer.birth_date, timezone.localdate()) < guardian_consent_age()


def consent_in_force(volunteer: Volunteer, purpose: str) -> bool:
    return any(c.purpose == purpose and c.in_force for c in volunteer.consents.all())


def extra_fields_visible(volunteer: Volunteer) -> dict:
    """{field label: value} of the extra personal fields, empty without a consent in force."""
    if not consent_in_force(volunteer, ConsentPurpose.EXTRA_FIELDS):
        return {}
    return {Volunteer._meta.get_field(name).verbose_name: getattr(volunteer, name) for name in EXTRA_FIELDS}


def publishable_volunteers(queryset=None):
    """Volunteers who may appear on honour rolls and star lists (DOMAIN §6)."""
    queryset = Volunteer.objects.all() if queryset is None else queryset
    return queryset.filter(consents__purpose=ConsentPurpose.PUBLICATION,
                           consents__withdrawn_at__isnull=True).distinct()


@transaction.atomic
def consent_give(*, actor, volunteer: Volunteer, purpose: str, version: str, extra: dict | None = None,
                 guardian_name: str = "", guardian_relation: str = "") -> Consent:
    """Record a consent for ``purpose``; for "extra fields" the values come with it."""
    if purpose not in WITHDRAWABLE:
        raise ValidationError({"purpose": _("Choose what the volunteer consents to.")})
    if consent_in_force(volunteer, purpose):
        raise ValidationError({"purpose": _("This consent is already in force.")})
    if needs_guardian(volunteer):
        missing = {name: GUARDIAN_REQUIRED for name, value in
                   [("guardian_name", guardian_name), ("guardian_relation", guardian_relation)] if not value.strip()}
        if missing:
            raise ValidationError(missing)
    consent = Consent(volunteer=volunteer, purpose=purpose, version=version, guardian_name=guardian_name.strip(),
                      guardian_relation=guardian_relation.strip())
    consent.full_clean()
    consent.save()
    if purpose == ConsentPurpose.EXTRA_FIELDS and extra:
        for name in EXTRA_FIELDS:
            setattr(volunteer, name, (extra.get(name) or "").strip())
        volunteer.save(update_fields=[*EXTRA_FIELDS, "updated_at"])
    return consent


@transaction.atomic
def consent_withdraw(*, actor, consent: Consent, reason: str, on: datetime.datetime | None = None) -> Consent:
    """Record the withdrawal (date, reason) and honour it at once."""
    consent = Consent.objects.select_for_update().select_related("volunteer").get(pk=consent.pk)
    if consent.purpose not in WITHDRAWABLE:
        raise ValidationError(_("The registration consent is withdrawn by leaving the registry."))
    if not consent.in_force:
        raise ValidationError(_("This consent was already withdrawn."))
    if not reason.strip():
        raise ValidationError({"withdrawal_reason": _("Give the reason for the withdrawal.")})
    consent.withdrawn_at, consent.withdrawal_reason = on or timezone.now(), reason.strip()
    consent.full_clean()
    consent.save(update_fields=["withdrawn_at", "withdrawal_reason"])
    volunteer = consent.volunteer
    if consent.purpose == ConsentPurpose.EXTRA_FIELDS:
        for name in EXTRA_FIELDS:
            setattr(volunteer, name, "")
        volunteer.save(update_fields=[*EXTRA_FIELDS, "updated_at"])
    return consent


@transaction.atomic
def training_record_add(*, actor, volunteer: Volunteer, title: str, organizer: str, held_on: datetime.date,
                        hours) -> TrainingRecord:
    record = TrainingRecord(volunteer=volunteer, title=title.strip(), organizer=organizer.strip(), held_on=held_on,
                            hours=hours)
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def honour_record_add(*, actor, volunteer: Volunteer, title: str, granting_body: str,
                      granted_on: datetime.date) -> HonourRecord:
    record = HonourRecord(volunteer=volunteer, title=title.strip(), granting_body=granting_body.strip(),
                          granted_on=granted_on)
    record.full_clean()
    record.save()
    return record
