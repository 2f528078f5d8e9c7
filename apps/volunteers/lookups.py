"""Finding a person by a full document number or phone: limited per user and audited.

Every such answer tells whether a number is registered, so repeated answers would rebuild a
masked number (a masked phone hides 4 digits: 10,000 tries). Two budgets, counted per user in
``apps.core.ratelimit`` (shared by every app process):

- staff's exact search of the volunteer list, for roles that may reveal personal data
  (``VOLUNTEER_EXACT_LOOKUPS_PER_HOUR``);
- an organization's attempts to find a registered person (``VOLUNTEER_ADD_EXISTING_PER_HOUR``):
  every "add a registered volunteer" attempt and every registration refused because the number
  is taken. Once spent, both portal flows refuse everything before checking anything, so the
  refusal itself says nothing about a number.

Each look-up writes an ``AuditAction.LOOKUP`` event: the masked value, how many matched, and
the volunteer found (so the look-up shows in that person's history); never the value itself.
"""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.audit.models import AuditAction
from apps.audit.services import audit_event_record
from apps.core.crypto import keyed_hash
from apps.core.masking import mask_document_or_phone
from apps.core.ratelimit import Limit, hit, is_limited

from .models import Volunteer
from .permissions import can_reveal_personal_data

WINDOW = datetime.timedelta(hours=1)
#: Matches kept in an audit event (a phone may be shared by a family; a document number is unique).
AUDITED_MATCHES = 20


class LookupLimited(ValidationError):
    """The user's look-ups of this hour are spent: nothing was searched."""

    def __init__(self, limit: int, state: Limit):
        until = timezone.localtime(timezone.now() + state.retry_after)
        super().__init__(_("Too many look-ups by document number or phone: at most %(limit)d per hour. Nothing was "
                           "searched; try again after %(time)s.") % {"limit": limit, "time": f"{until:%H:%M}"},
                         code="rate_limited")


def _exact_key(actor) -> str:
    return f"volunteers:exact-lookup:user:{actor.pk}"


def _portal_key(actor) -> str:
    return f"volunteers:find-registered:user:{actor.pk}"


def _spend(key: str, limit: int):
    """Count one attempt; refuse it once the hour's ``limit`` is spent. Counted first, in one
    atomic upsert, so concurrent requests cannot both take the last attempt."""
    state = hit(key, limit=limit, window=WINDOW)
    if state.count > limit:
        raise LookupLimited(limit, state)


def volunteer_exact_lookup(*, actor, queryset, value: str, request=None):
    """The volunteers of ``queryset`` whose document number or phone is exactly ``value``
    (through the keyed hashes), for a user who may reveal personal data; counted and audited.
    Raises ``PermissionDenied`` for other users and ``LookupLimited`` once the hour's look-ups
    are spent."""
    if not can_reveal_personal_data(actor):
        raise PermissionDenied(_("Your role may not reveal personal data."))
    _spend(_exact_key(actor), settings.VOLUNTEER_EXACT_LOOKUPS_PER_HOUR)
    digest = keyed_hash(value)
    with transaction.atomic():
        matches = list(queryset.filter(Q(id_number_hash=digest) | Q(phone_hash=digest))
                       .order_by().values_list("pk", flat=True).distinct())
        found = Volunteer.objects.only("pk", "name", "number").get(pk=matches[0]) if len(matches) == 1 else None
        audit_event_record(actor=actor, action=AuditAction.LOOKUP, model=Volunteer, obj=found, row_count=len(matches),
                           detail={"search": "volunteer_list", "value": mask_document_or_phone(value),
                                   "volunteers": matches[:AUDITED_MATCHES]}, request=request)
    return queryset.filter(pk__in=matches)


def find_registered_allowed(*, actor):
    """Refuse (``LookupLimited``) when the user's portal budget is spent; counts nothing."""
    limit = settings.VOLUNTEER_ADD_EXISTING_PER_HOUR
    state = is_limited(_portal_key(actor), limit=limit, window=WINDOW)
    if state.limited:
        raise LookupLimited(limit, state)


def find_registered_spend(*, actor):
    """Count one attempt of the portal budget; ``LookupLimited`` when it is spent."""
    _spend(_portal_key(actor), settings.VOLUNTEER_ADD_EXISTING_PER_HOUR)


def find_registered_count(*, actor):
    """Count a refusal that told the user something (a registration refused because the number is
    taken) against the same budget, without refusing anything more."""
    limit = settings.VOLUNTEER_ADD_EXISTING_PER_HOUR
    hit(_portal_key(actor), limit=limit, window=WINDOW)


def find_registered_record(*, actor, organization, action: str, volunteer, matched: bool, request=None):
    """The audit event of one attempt: which organization tried, whether it matched, and the
    registered person whose number was given (``None`` for an unknown number)."""
    audit_event_record(actor=actor, action=AuditAction.LOOKUP, model=Volunteer, obj=volunteer,
                       row_count=1 if matched else 0, request=request,
                       detail={"search": action, "organization": organization.pk, "matched": matched})
