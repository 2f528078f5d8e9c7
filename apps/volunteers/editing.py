"""Editing a registered volunteer (issue 16.13): the same rules as registration and consents.

The identity (document type and number, hence birth date and sex) is not edited here: it is what
duplicates and look-ups are keyed on. The extra personal fields (``EXTRA_FIELDS``) are kept only
while an "extra fields" consent is in force (``consent.consent_give`` / withdrawal clear them).
auditlog records the changed fields with the actor, but never the phone (encrypted, not tracked);
a new phone is written as an event without the number. The kept areas and the duplicate check follow
a changed community, political status or name in the same transaction.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from apps.audit.models import AuditAction
from apps.audit.services import audit_event_record

from .areas import volunteer_areas_refresh
from .consent import consent_in_force
from .duplicates import volunteers_duplicates_flag
from .models import EXTRA_FIELDS, ConsentPurpose, Volunteer

#: What an edit may change besides the extra fields.
EDITABLE_FIELDS = ("name", "phone", "community", "political_status", "skills", "availability", "service_intention")


@transaction.atomic
def volunteer_update(*, actor, volunteer: Volunteer, changes: dict, request=None) -> Volunteer:
    unknown = set(changes) - set(EDITABLE_FIELDS) - set(EXTRA_FIELDS)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    extra = {name: (changes[name] or "").strip() for name in EXTRA_FIELDS if name in changes}
    if any(extra.values()) and not consent_in_force(volunteer, ConsentPurpose.EXTRA_FIELDS):
        raise ValidationError({name: _("Kept only while the volunteer's consent to extra fields is in force.")
                               for name, value in extra.items() if value})
    before = {name: getattr(volunteer, name) for name in ("name", "community_id", "political_status", "phone")}
    for name, value in changes.items():
        setattr(volunteer, name, value.strip() if isinstance(value, str) else value)
    volunteer.full_clean(exclude=["number"], validate_unique=False)
    volunteer.save()
    if (volunteer.community_id, volunteer.political_status) != (before["community_id"], before["political_status"]):
        volunteer_areas_refresh([volunteer.pk])
    if volunteer.name != before["name"]:
        volunteers_duplicates_flag(volunteers=[volunteer], actor=actor, request=request)
    if volunteer.phone != before["phone"]:
        audit_event_record(actor=actor, action=AuditAction.CHANGE_PERSONAL, obj=volunteer, detail={"field": "phone"},
                           request=request)
    return volunteer
