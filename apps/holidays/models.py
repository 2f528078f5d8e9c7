"""The official working calendar: each year's holiday arrangement as the State Council publishes
it (国务院办公厅关于××××年部分节假日安排的通知), kept by city staff in the back office.

A ``HolidayYear`` is one year's notice; its ``HolidayDay`` rows are the days off (放假) and the
adjusted working days (调休上班, always a Saturday or Sunday) it announces. A notice may reach
into the December before its year (元旦 2019 began on 30 December 2018, and Saturday 29
December 2018 was worked). Until a year is marked as entered, its rows are a draft: working
days of that year are counted Monday to Friday minus the days fixed by law (``statutory``),
and every deadline that relied on it is provisional.
"""

import datetime

from auditlog.registry import auditlog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.audit.registration import own_fields

from .statutory import fixed_day_off

#: Years an arrangement may be entered for (the current holiday law dates from 1999).
FIRST_YEAR, LAST_YEAR = 2000, 2100


class DayKind(models.TextChoices):
    DAY_OFF = "day_off", _("Day off")
    WORKING_DAY = "working_day", _("Adjusted working day")


class CalendarQuerySet(models.QuerySet):
    """National reference data: every member of staff reads it (it belongs to no area);
    organization users and strangers see nothing."""

    def visible_to(self, user):
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser or user.area_id is not None:
            return self
        return self.none()


class HolidayYearQuerySet(CalendarQuerySet):
    def entered(self):
        return self.filter(entered=True)


class HolidayYear(models.Model):
    """One year's arrangement (one State Council notice) and whether it has been entered."""

    year = models.PositiveSmallIntegerField(
        _("year"), unique=True, validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)],
    )
    notice = models.CharField(
        _("State Council notice"), max_length=200, blank=True,
        help_text=_("Document number or title of the notice, e.g. 国办发明电〔2025〕7号."),
    )
    entered = models.BooleanField(
        _("arrangement entered"), default=False,
        help_text=_("All days of the notice are in the table; deadlines in this year are final."),
    )
    entered_at = models.DateTimeField(_("entered at"), null=True, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("entered by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    source = models.CharField(
        _("source"), max_length=100, blank=True,
        help_text=_("Where the days came from when they were not typed in from the notice."),
    )

    objects = HolidayYearQuerySet.as_manager()

    class Meta:
        verbose_name = _("holiday arrangement")
        verbose_name_plural = _("holiday arrangements")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(condition=Q(year__gte=FIRST_YEAR) & Q(year__lte=LAST_YEAR),
                                   name="holiday_year_in_range",
                                   violation_error_message=_("Enter a year between 2000 and 2100.")),
            models.CheckConstraint(condition=Q(entered=False) | Q(entered_at__isnull=False),
                                   name="holiday_year_entered_has_time",
                                   violation_error_message=_("A year marked as entered needs the time it was "
                                                             "entered.")),
        ]

    def __str__(self):
        return str(self.year)

    @property
    def first_day(self):
        """A notice may start in the December before its year (元旦 holidays)."""
        return datetime.date(self.year - 1, 12, 1)

    @property
    def last_day(self):
        return datetime.date(self.year, 12, 31)


class HolidayDay(models.Model):
    """A day off or an adjusted working day of one year's arrangement."""

    arrangement = models.ForeignKey(
        HolidayYear, verbose_name=_("arrangement"), on_delete=models.PROTECT, related_name="days",
    )
    # The unique index also serves the range reads of every deadline computation.
    date = models.DateField(_("date"), unique=True, error_messages={
        "unique": _("This day is already in the table: change that entry instead of adding it again."),
    })
    kind = models.CharField(_("kind"), max_length=20, choices=DayKind.choices)
    name = models.CharField(
        _("festival"), max_length=60,
        help_text=_("The festival the day belongs to, e.g. 春节; for an adjusted working day, the festival it "
                    "makes up for."),
    )

    objects = CalendarQuerySet.as_manager()

    class Meta:
        verbose_name = _("holiday or adjusted working day")
        verbose_name_plural = _("holidays and adjusted working days")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.name} ({self.get_kind_display()})"

    def clean(self):
        errors = {}
        arrangement = self.arrangement if self.arrangement_id else None
        if self.date is not None and arrangement is not None and \
                not arrangement.first_day <= self.date <= arrangement.last_day:
            errors["date"] = _("A day of the %(year)s arrangement lies in %(year)s (or in December %(before)s for "
                               "New Year's Day).") % {"year": arrangement.year, "before": arrangement.year - 1}
        elif self.date is not None and self.kind == DayKind.WORKING_DAY:
            festival = fixed_day_off(self.date)
            if festival:
                errors["kind"] = _("%(date)s is %(festival)s, a day off fixed by law: it can never be a working day."
                                   ) % {"date": f"{self.date:%Y-%m-%d}", "festival": festival}
            elif self.date.weekday() < 5:
                errors["kind"] = _("An adjusted working day is a Saturday or Sunday that is worked; %(date)s is a "
                                   "weekday, which is a working day anyway.") % {"date": f"{self.date:%Y-%m-%d}"}
        self.name = (self.name or "").strip()
        if errors:
            raise ValidationError(errors)


auditlog.register(HolidayYear, include_fields=own_fields(HolidayYear))
auditlog.register(HolidayDay, include_fields=own_fields(HolidayDay))
