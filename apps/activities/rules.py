"""The rules a service record must keep (DOMAIN §4), shared by entry, check-out, correction,
pending edits and the records import."""

import datetime
from decimal import ROUND_DOWN, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.volunteers.id_numbers import age_on

from .models import RISKY_UNINSURED, RecordStatus, ServiceRecord


def hours_between(started_at: datetime.datetime, ended_at: datetime.datetime) -> Decimal:
    """Service hours of an interval, two decimals, rounded down by the local policy."""
    minutes = Decimal((ended_at - started_at).total_seconds()) / 60
    step = settings.SERVICE_HOURS_ROUNDING_MINUTES
    if step:
        minutes = (minutes / step).to_integral_value(rounding=ROUND_DOWN) * step
    return (minutes / 60).quantize(Decimal("0.01"), rounding=ROUND_DOWN)


def record_check(record: ServiceRecord, *, ignore=()):
    """Raise ValidationError unless the record keeps every rule. ``ignore``: record pks that
    are being replaced in the same transaction (a correction's original)."""
    activity = record.activity
    errors = {}
    if record.ended_at <= record.started_at:
        errors["ended_at"] = _("The service must end after it starts.")
    elif record.started_at < activity.starts_at or record.ended_at > activity.ends_at:
        errors["started_at"] = _("The service time must lie within the activity's time.")
    if record.hours is None or record.hours <= 0:
        errors["hours"] = _("Hours must be more than zero.")
    elif record.hours > activity.duration_hours:
        errors["hours"] = _("%(hours)s h is more than the activity's duration of %(limit)s h.") % {
            "hours": record.hours, "limit": activity.duration_hours}
    elif record.ended_at > record.started_at and record.hours > hours_between(record.started_at, record.ended_at):
        errors["hours"] = _("The hours are more than the time between start and end.")
    # The local day: an activity at 07:00 in Shanghai starts on the previous day in UTC.
    starts_on = timezone.localtime(activity.starts_at).date()
    if activity.is_risky and age_on(record.volunteer.birth_date, starts_on) < 18:
        errors["volunteer"] = _("Minors are never assigned to risky work.")
    if activity.lacks_required_insurance:
        errors["activity"] = RISKY_UNINSURED
    _check_dates(record, errors)
    if errors:
        raise ValidationError(errors)
    _check_hours_per_day(record, ignore)
    overlapping = (
        ServiceRecord.objects.live()
        .filter(volunteer_id=record.volunteer_id, started_at__lt=record.ended_at, ended_at__gt=record.started_at)
        .exclude(pk__in=[pk for pk in [record.pk, *ignore] if pk])
        .select_related("activity")
        .first()
    )
    if overlapping is not None:
        raise ValidationError({"started_at": _(
            "%(volunteer)s already serves in “%(activity)s” at this time."
        ) % {"volunteer": record.volunteer.name, "activity": overlapping.activity.name}})


def _check_dates(record, errors):
    """Service lies in the past and on or after the day the volunteer registered (local days)."""
    if "ended_at" not in errors and record.ended_at > timezone.now():
        errors["ended_at"] = _("Service that has not ended yet cannot be recorded.")
    registered_on = timezone.localdate(record.volunteer.created_at)
    if "started_at" not in errors and timezone.localdate(record.started_at) < registered_on:
        errors["started_at"] = _("The service lies before the volunteer registered (%(date)s).") % {
            "date": registered_on.isoformat()}


def local_day_bounds(day: datetime.date):
    """The aware start of ``day`` and of the next day in the local time zone."""
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
    return start, timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min))


def _check_hours_per_day(record, ignore):
    """At most ``SERVICE_HOURS_MAX_PER_DAY`` pending and confirmed hours per volunteer on the local
    day the service starts, over all records (non-overlapping records can still add up when
    they cross midnight, and a city may set a lower limit)."""
    limit = Decimal(settings.SERVICE_HOURS_MAX_PER_DAY)
    day = timezone.localdate(record.started_at)
    start, end = local_day_bounds(day)
    others = (ServiceRecord.objects
              .filter(volunteer_id=record.volunteer_id, status__in=[RecordStatus.PENDING, RecordStatus.CONFIRMED],
                      started_at__gte=start, started_at__lt=end)
              .exclude(pk__in=[pk for pk in [record.pk, *ignore] if pk])
              .aggregate(hours=Sum("hours"))["hours"] or Decimal(0))
    if others + record.hours > limit:
        raise ValidationError({"hours": _(
            "With this record the volunteer would have %(total)s h of service on %(day)s; at most %(limit)s h a day "
            "can be recorded."
        ) % {"total": others + record.hours, "day": day.isoformat(), "limit": limit}})
