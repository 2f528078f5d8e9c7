"""One person, one registration (DOMAIN §3) across document types.

The unique constraint stops a second registration with the same document; a person who holds a
resident ID and also a passport or permit could still register twice. Such a registration is
not refused (the message would tell an organization that someone with that name and birth date
is registered): it is registered and flagged "likely duplicate" for street staff, who confirm a
different person (``volunteer_duplicate_resolve``). Merging two registrations is not built yet.

Same person = same ``person_key`` (keyed hash of name and birth date), registered earlier, and
not both with resident IDs: a resident ID number is one person's for life, so two different
resident IDs are two people who share a name and a birthday.
"""

from collections import defaultdict

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from apps.audit.services import audit_batch_record

from .models import DocumentType, DuplicateReview, Volunteer
from .permissions import can_decide_volunteer_reviews


def volunteers_duplicates_flag(*, volunteers, actor=None, request=None) -> list[Volunteer]:
    """Flag the just registered ``volunteers`` (saved, with ``person_hash``) that are likely an
    earlier registration of the same person. One SELECT, and one UPDATE when any is flagged;
    called in the registering transaction (registration service, the volunteer import's chunks)."""
    volunteers = [v for v in volunteers if v.person_hash]
    if not volunteers:
        return []
    earlier = defaultdict(list)  # person hash -> [(pk, document type)] in registration order
    rows = (Volunteer.objects.filter(person_hash__in={v.person_hash for v in volunteers}).order_by("pk")
            .values_list("pk", "person_hash", "document_type"))
    for pk, person_hash, document_type in rows:
        earlier[person_hash].append((pk, document_type))
    flagged = []
    for volunteer in volunteers:
        both_resident_ids = volunteer.document_type == DocumentType.RESIDENT_ID
        match = next((pk for pk, document_type in earlier[volunteer.person_hash] if pk < volunteer.pk
                      and not (both_resident_ids and document_type == DocumentType.RESIDENT_ID)), None)
        if match is not None:
            volunteer.duplicate_review, volunteer.duplicate_of_id = DuplicateReview.LIKELY, match
            flagged.append(volunteer)
    if flagged:
        Volunteer.objects.bulk_update(flagged, ["duplicate_review", "duplicate_of"])
        audit_batch_record(actor=actor, model=Volunteer, row_count=len(flagged), request=request, detail={
            "action": "duplicate_flag", "volunteers": [[v.pk, v.duplicate_of_id] for v in flagged][:500]})
    return flagged


@transaction.atomic
def volunteer_duplicate_resolve(*, actor, volunteer: Volunteer, reason: str, request=None) -> Volunteer:
    """Staff checked a likely duplicate: a different person. The registration it resembled stays
    named in ``duplicate_of`` (history); the reason goes to the audit entry."""
    if not can_decide_volunteer_reviews(actor):
        raise PermissionDenied(_("Only staff of a street office or above may decide on likely duplicates."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the decision.")})
    volunteer = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
    if volunteer.duplicate_review != DuplicateReview.LIKELY:
        raise ValidationError(_("This volunteer is not flagged as a likely duplicate."))
    volunteer.duplicate_review = DuplicateReview.DIFFERENT
    volunteer.save(update_fields=["duplicate_review", "updated_at"])
    audit_batch_record(actor=actor, model=Volunteer, row_count=1, request=request, detail={
        "action": "duplicate_different", "volunteer": volunteer.pk, "duplicate_of": volunteer.duplicate_of_id,
        "reason": reason.strip()})
    return volunteer
