"""Activity and service-record workflows. Each is atomic and writes its audit entry inside.

Status flow of a record: 待确认 → 已确认 / 有异议 / 作废. Confirmed records are locked; a
correction marks the original 已更正 and creates a new pending version that points to it.
Totals move only when a record enters or leaves 已确认 (see totals.py).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.audit.services import audit_batch_record
from apps.volunteers.services import volunteer_is_minor

from .models import RISKY_UNINSURED, Activity, ActivityPosition, CheckIn, OrganizerKind, RecordStatus, ServiceRecord
from .rules import hours_between, record_check
from .totals import totals_apply


@transaction.atomic
def activity_create(*, actor, positions=(), **fields) -> Activity:
    activity = Activity(created_by=actor, **fields)
    if activity.organizer_kind == OrganizerKind.TEAM and activity.team_id and activity.team.organization_id:
        # A team's hours are recorded and certified by its organization.
        activity.organization_id = activity.team.organization_id
    if activity.organizer_kind == OrganizerKind.COMMUNITY:
        activity.organization = None
    activity.full_clean()
    activity.save()
    for name, quota in positions:
        ActivityPosition.objects.create(activity=activity, name=name, quota=quota)
    return activity


@transaction.atomic
def records_enter(*, actor, activity: Activity, entries, request=None) -> list[ServiceRecord]:
    """Bulk entry for an activity's participants. ``entries``: dicts with ``volunteer`` and
    optionally ``hours``, ``started_at``, ``ended_at``, ``content``, ``position``. All or none:
    the first rule broken raises ValidationError naming the volunteer."""
    created = []
    for entry in entries:
        started_at = entry.get("started_at") or activity.starts_at
        ended_at = entry.get("ended_at") or activity.ends_at
        record = ServiceRecord(
            volunteer=entry["volunteer"], activity=activity, position=entry.get("position"),
            started_at=started_at, ended_at=ended_at,
            hours=entry.get("hours") or hours_between(started_at, ended_at),
            content=entry.get("content", ""), recorded_by=actor,
        )
        try:
            record_check(record)
        except ValidationError as error:
            # Each message names the volunteer; a field's messages stay on that field (the API's
            # field errors; the pages show them in one line).
            # A message that names the volunteer already (the overlap rule) is not prefixed again.
            name = record.volunteer.name

            def named(message):
                return message if name in message else f"{name}: {message}"

            if hasattr(error, "error_dict"):
                raise ValidationError({field: [named(message) for message in messages]
                                       for field, messages in error.message_dict.items()}) from None
            raise ValidationError("; ".join(named(message) for message in error.messages)) from None
        record.save()
        created.append(record)
    audit_batch_record(actor=actor, model=ServiceRecord, row_count=len(created),
                       detail={"action": "enter", "activity": activity.pk}, request=request)
    return created


@transaction.atomic
def records_confirm(*, actor, records, request=None) -> int:
    """Confirm the pending ones among ``records`` (a queryset already scoped to the actor);
    others are left alone. Returns how many were confirmed."""
    pending = list(
        records.filter(status=RecordStatus.PENDING).select_for_update().select_related("activity__community")
    )
    now = timezone.now()
    for record in pending:
        record.status, record.confirmed_by, record.confirmed_at = RecordStatus.CONFIRMED, actor, now
        record.updated_at = now  # bulk_update leaves auto_now alone (apps/core/updates.py)
    ServiceRecord.objects.bulk_update(pending, ["status", "confirmed_by", "confirmed_at", "updated_at"])
    totals_apply(pending, +1)
    if pending:
        audit_batch_record(actor=actor, model=ServiceRecord, row_count=len(pending),
                           detail={"action": "confirm", "records": [r.pk for r in pending][:500]}, request=request)
    return len(pending)


def _change_status(record, allowed, status, note, actor, request, action):
    if record.status not in allowed:
        raise ValidationError(_("A record in status “%(status)s” cannot be changed this way.")
                              % {"status": record.get_status_display()})
    record.status, record.note = status, note
    record.save(update_fields=["status", "note"])
    audit_batch_record(actor=actor, model=ServiceRecord, row_count=1,
                       detail={"action": action, "record": record.pk, "reason": note}, request=request)
    return record


@transaction.atomic
def record_dispute(*, actor, record: ServiceRecord, reason: str, request=None) -> ServiceRecord:
    if not reason.strip():
        raise ValidationError(_("Give the reason for the dispute."))
    return _change_status(record, [RecordStatus.PENDING], RecordStatus.DISPUTED, reason, actor, request, "dispute")


@transaction.atomic
def record_void(*, actor, record: ServiceRecord, reason: str, request=None) -> ServiceRecord:
    """Void a record that was never confirmed (a confirmed record is corrected instead)."""
    if not reason.strip():
        raise ValidationError(_("Give the reason for voiding."))
    return _change_status(record, [RecordStatus.PENDING, RecordStatus.DISPUTED], RecordStatus.VOID, reason,
                          actor, request, "void")


@transaction.atomic
def record_update_pending(*, actor, record: ServiceRecord, **changes) -> ServiceRecord:
    """Edit a record before confirmation; a confirmed one is locked."""
    record = ServiceRecord.objects.select_for_update().get(pk=record.pk)
    if record.status != RecordStatus.PENDING:
        raise ValidationError(_("Only records awaiting confirmation can be edited; correct a confirmed one."))
    for name, value in changes.items():
        setattr(record, name, value)
    record_check(record)
    record.save()
    return record


@transaction.atomic
def record_correct(*, actor, record: ServiceRecord, reason: str, request=None, **changes) -> ServiceRecord:
    """Correct a confirmed or disputed record: the original stays (已更正), a new pending
    version carries the changes and points to it."""
    original = ServiceRecord.objects.select_for_update().select_related("activity__community").get(pk=record.pk)
    if original.status not in (RecordStatus.CONFIRMED, RecordStatus.DISPUTED):
        raise ValidationError(_("Only confirmed or disputed records are corrected; edit a pending one."))
    if not reason.strip():
        raise ValidationError(_("Give the reason for the correction."))
    was_confirmed = original.status == RecordStatus.CONFIRMED
    fields = {name: getattr(original, name) for name in
              ["volunteer", "activity", "position", "started_at", "ended_at", "hours", "content", "evaluation"]}
    fields.update(changes)
    version = ServiceRecord(**fields, supersedes=original, recorded_by=actor, note=reason)
    record_check(version, ignore=[original.pk])
    original.status, original.note = RecordStatus.CORRECTED, reason
    original.save(update_fields=["status", "note"])
    version.save()
    if was_confirmed:
        totals_apply([original], -1, actor=actor)
    audit_batch_record(actor=actor, model=ServiceRecord, row_count=1, request=request,
                       detail={"action": "correct", "record": original.pk, "new": version.pk, "reason": reason})
    return version


@transaction.atomic
def checkin_sign_in(*, activity: Activity, volunteer, at=None) -> CheckIn:
    at = at or timezone.now()
    if activity.is_cancelled or at > activity.ends_at:
        raise ValidationError(_("Sign-in for this activity is closed."))
    # The rules record_check applies at sign-out, told at the door instead of after the service.
    if activity.lacks_required_insurance:
        raise ValidationError(RISKY_UNINSURED)
    if activity.is_risky and volunteer_is_minor(volunteer, timezone.localdate(activity.starts_at)):
        raise ValidationError(_("Minors are never assigned to risky work."))
    checkin, created = CheckIn.objects.get_or_create(activity=activity, volunteer=volunteer,
                                                     defaults={"checked_in_at": at})
    if not created:
        raise ValidationError(_("You have already signed in to this activity."))
    return checkin


@transaction.atomic
def checkin_sign_out(*, activity: Activity, volunteer, at=None) -> ServiceRecord:
    """Sign out: the time between sign-in and sign-out, within the activity's time, becomes a
    pending service record for the organizer to confirm."""
    at = at or timezone.now()
    checkin = CheckIn.objects.select_for_update().filter(activity=activity, volunteer=volunteer).first()
    if checkin is None:
        raise ValidationError(_("You have not signed in to this activity."))
    if checkin.checked_out_at is not None:
        raise ValidationError(_("You have already signed out."))
    started_at = max(checkin.checked_in_at, activity.starts_at)
    ended_at = min(at, activity.ends_at)
    if ended_at <= started_at:
        raise ValidationError(_("No service time lies between your sign-in and the activity's time."))
    record = ServiceRecord(volunteer=volunteer, activity=activity, started_at=started_at, ended_at=ended_at,
                           hours=hours_between(started_at, ended_at), checked_in_at=checkin.checked_in_at)
    if record.hours <= 0:
        raise ValidationError(_("The service time is too short to record."))
    record_check(record)
    record.save()
    checkin.checked_out_at, checkin.record = at, record
    checkin.save(update_fields=["checked_out_at", "record"])
    return record
