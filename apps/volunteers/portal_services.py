"""Volunteer workflows started from an organization's portal.

An organization never learns anything about a person who is not its member: adding an
existing volunteer needs the exact document number *and* the exact name, and a mismatch is
indistinguishable from "no such volunteer" (the caller shows one neutral message)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from apps.audit.services import audit_batch_record
from apps.core.crypto import keyed_hash

from .id_numbers import normalise_other_document
from .models import DocumentType, Volunteer, VolunteerMembership
from .services import membership_join, volunteer_register


@transaction.atomic
def volunteer_register_for_organization(*, actor, organization, request=None, **fields) -> Volunteer:
    """Register a new volunteer (with the consent recorded by ``volunteer_register``) who
    becomes a member of ``organization``."""
    volunteer = volunteer_register(**fields)
    membership_join(volunteer=volunteer, organization=organization)
    audit_batch_record(actor=actor, model=Volunteer, row_count=1, request=request,
                       detail={"action": "portal_register", "organization": organization.pk,
                               "volunteer": volunteer.pk})
    return volunteer


def _normalised(document_type: str, id_number: str) -> str | None:
    number = (id_number or "").replace(" ", "").strip().upper()
    if document_type != DocumentType.RESIDENT_ID:
        try:
            number = normalise_other_document(number)
        except ValidationError:
            return None
    return number or None


@transaction.atomic
def volunteer_add_existing(*, actor, organization, document_type: str, id_number: str, name: str,
                           request=None) -> VolunteerMembership | None:
    """Make an already registered volunteer a member when document number (through the keyed
    hash) and name both match exactly; otherwise return ``None`` and reveal nothing.
    An existing current membership is returned as it is."""
    number = _normalised(document_type, id_number)
    if number is None:
        return None
    volunteer = Volunteer.objects.filter(document_type=document_type, id_number_hash=keyed_hash(number)).first()
    if volunteer is None or volunteer.name.strip() != (name or "").strip():
        return None
    membership = VolunteerMembership.objects.current().filter(volunteer=volunteer, organization=organization).first()
    if membership is not None:
        return membership
    membership = membership_join(volunteer=volunteer, organization=organization)
    audit_batch_record(actor=actor, model=VolunteerMembership, row_count=1, request=request,
                       detail={"action": "portal_add_existing", "organization": organization.pk,
                               "volunteer": volunteer.pk})
    return membership
