"""Writes of the working calendar: keyword-only, typed, atomic. Each checks that the actor may
change the calendar, validates the row (``full_clean``), saves it (django-auditlog records
the change), and, when the days of an entered year change, announces it
(``signals.working_days_changed``) inside the same transaction, so the deadlines counted on
those days are recomputed with it or not at all."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import DayKind, HolidayDay, HolidayYear
from .permissions import require_calendar_editor
from .signals import working_days_changed


def _year_for_update(year: int) -> HolidayYear:
    """The year's arrangement, locked; made (not entered) when it has no row yet."""
    arrangement = HolidayYear.objects.select_for_update().filter(year=year).first()
    if arrangement is None:
        arrangement = HolidayYear(year=year)
        arrangement.full_clean()
        arrangement.save()
    return arrangement


def _announce(*, actor, arrangement: HolidayYear, dates, reason: str):
    if arrangement.entered:
        dates = [day for day in dates if day is not None]
        working_days_changed.send(sender=HolidayYear, actor=actor, first=min(dates), last=max(dates),
                                  reason=reason)


@transaction.atomic
def holiday_day_add(*, actor, year: int, date: datetime.date, kind: DayKind, name: str) -> HolidayDay:
    """Add a day off or an adjusted working day to ``year``'s arrangement (made if missing)."""
    require_calendar_editor(actor)
    arrangement = _year_for_update(year)
    day = HolidayDay(arrangement=arrangement, date=date, kind=kind, name=name)
    day.full_clean()
    day.save()
    _announce(actor=actor, arrangement=arrangement, dates=[date], reason=f"holiday day added: {day}")
    return day


@transaction.atomic
def holiday_day_change(*, actor, day: HolidayDay, date: datetime.date, kind: DayKind, name: str) -> HolidayDay:
    require_calendar_editor(actor)
    day = HolidayDay.objects.select_for_update().select_related("arrangement").get(pk=day.pk)
    before = day.date
    day.date, day.kind, day.name = date, kind, name
    day.full_clean()
    day.save()
    _announce(actor=actor, arrangement=day.arrangement, dates=[before, date], reason=f"holiday day changed: {day}")
    return day


@transaction.atomic
def holiday_day_remove(*, actor, day: HolidayDay) -> None:
    require_calendar_editor(actor)
    day = HolidayDay.objects.select_for_update().select_related("arrangement").get(pk=day.pk)
    reason = f"holiday day removed: {day}"
    day.delete()
    _announce(actor=actor, arrangement=day.arrangement, dates=[day.date], reason=reason)


@transaction.atomic
def holiday_year_enter(*, actor, year: int, notice: str) -> HolidayYear:
    """Mark ``year``'s arrangement as entered: from now on its days count as the notice says,
    and every deadline counted provisionally across the year is recomputed (the receivers of
    ``working_days_changed``: contracts not yet published or filed)."""
    require_calendar_editor(actor)
    arrangement = _year_for_update(year)
    if arrangement.entered:
        raise ValidationError(_("The %(year)s arrangement is already entered.") % {"year": year})
    if not arrangement.days.filter(kind=DayKind.DAY_OFF).exists():
        raise ValidationError(_("Enter the days off of the %(year)s notice before marking the year as entered.")
                              % {"year": year})
    arrangement.notice = notice.strip()
    if not arrangement.notice:
        raise ValidationError({"notice": _("Name the State Council notice the days were taken from.")})
    arrangement.entered, arrangement.entered_at, arrangement.entered_by = True, timezone.now(), actor
    arrangement.full_clean()
    arrangement.save()
    _announce(actor=actor, arrangement=arrangement, dates=[arrangement.first_day, arrangement.last_day],
              reason=f"holiday arrangement {year} entered")
    return arrangement
