"""Volunteer workflows started from an organization's portal.

An organization never learns anything about a person who is not its member beyond what
"add a registered volunteer" deliberately allows: adding needs the exact document number *and*
the exact name, and a mismatch is indistinguishable from "no such volunteer" (the caller shows
one neutral message). Registering a number that is already registered gets one neutral refusal
(``REGISTRATION_REFUSED``) after every other check. Both flows share one per-user budget and are
audited (``apps.volunteers.lookups``)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from apps.audit.services import audit_batch_record
from apps.core.crypto import keyed_hash

from . import lookups
from .id_numbers import normalise_other_document
from .models import DocumentType, Volunteer, VolunteerMembership
from .services import DocumentAlreadyRegistered, membership_join, volunteer_register

#: The one answer to registering a number that is taken: it claims nothing about the number and
#: names the flow meant for people who are registered.
REGISTRATION_REFUSED = _("This volunteer cannot be registered here. If the person is already registered, use "
                         "“Add a registered volunteer” with their document number and name.")


def volunteer_register_for_organization(*, actor, organization, request=None, **fields) -> Volunteer:
    """Register a new volunteer (with the consent recorded by ``volunteer_register``) who
    becomes a member of ``organization``. Refused before any check once the user's budget of
    look-ups is spent; a number that is taken gets ``REGISTRATION_REFUSED``, counted and audited."""
    lookups.find_registered_allowed(actor=actor)
    try:
        with transaction.atomic():
            volunteer = volunteer_register(**fields)
            membership_join(volunteer=volunteer, organization=organization)
            audit_batch_record(actor=actor, model=Volunteer, row_count=1, request=request,
                               detail={"action": "portal_register", "organization": organization.pk,
                                       "volunteer": volunteer.pk})
    except DocumentAlreadyRegistered as taken:
        # Outside the registration's transaction, which rolled back: the refusal told the user
        # that the number is registered, so it is counted and audited all the same.
        lookups.find_registered_count(actor=actor)
        lookups.find_registered_record(actor=actor, organization=organization, action="portal_register",
                                       volunteer=taken.volunteer, matched=True, request=request)
        raise ValidationError(REGISTRATION_REFUSED, code="cannot_register") from None
    return volunteer


def _normalised(document_type: str, id_number: str) -> str | None:
    number = (id_number or "").replace(" ", "").strip().upper()
    if document_type != DocumentType.RESIDENT_ID:
        try:
            number = normalise_other_document(number)
        except ValidationError:
            return None
    return number or None


def volunteer_add_existing(*, actor, organization, document_type: str, id_number: str, name: str,
                           request=None) -> VolunteerMembership | None:
    """Make an already registered volunteer a member when document number (through the keyed
    hash) and name both match exactly; otherwise return ``None`` and reveal nothing.
    An existing current membership is returned as it is. Every attempt counts against the
    user's budget (``lookups.LookupLimited`` once spent: nothing is looked up) and is audited."""
    lookups.find_registered_spend(actor=actor)
    with transaction.atomic():
        number = _normalised(document_type, id_number)
        volunteer = (Volunteer.objects.filter(document_type=document_type, id_number_hash=keyed_hash(number)).first()
                     if number is not None else None)
        matched = volunteer is not None and volunteer.name.strip() == (name or "").strip()
        lookups.find_registered_record(actor=actor, organization=organization, action="portal_add_existing",
                                       volunteer=volunteer, matched=matched, request=request)
        if not matched:
            return None
        membership = VolunteerMembership.objects.current().filter(volunteer=volunteer,
                                                                  organization=organization).first()
        if membership is not None:
            return membership
        membership = membership_join(volunteer=volunteer, organization=organization)
        audit_batch_record(actor=actor, model=VolunteerMembership, row_count=1, request=request,
                           detail={"action": "portal_add_existing", "organization": organization.pk,
                                   "volunteer": volunteer.pk})
        return membership
