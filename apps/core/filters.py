"""Filters shared by the back office and the portal."""

import datetime

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def local_day_start(day: datetime.date) -> datetime.datetime:
    """Midnight at the start of ``day`` in the current (local) time zone, as an aware datetime."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class DayRangeFilter(django_filters.DateFilter):
    """A date bound on a datetime column, compared as a plain range on the column itself.

    ``started_at__date__gte=day`` wraps the column in a date conversion, which no index can
    serve (0.2 s on 2 M service records); ``started_at >= local midnight`` and ``started_at <
    the next local midnight`` give the same rows in the local time zone and use the index.
    ``bound`` is "from" (the day and after) or "to" (up to and including the day).
    """

    def __init__(self, *args, bound: str, **kwargs):
        if bound not in ("from", "to"):
            raise ValueError(f"bound must be 'from' or 'to', not {bound!r}")
        self.bound = bound
        kwargs["lookup_expr"] = "gte" if bound == "from" else "lt"
        # The browser's own date picker (and its yyyy-mm-dd value), not a bare text box.
        kwargs.setdefault("widget", forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value in ([], (), {}, "", None):
            return qs
        if self.bound == "to":
            value = value + datetime.timedelta(days=1)
        return super().filter(qs, local_day_start(value))


class YesNoFilter(django_filters.ChoiceFilter):
    """A yes/no question about a boolean column, offered as 全部 / 是 / 否.

    django-filter's ``BooleanFilter`` draws Django's ``NullBooleanSelect``, whose first choice reads
    "Unknown" (未知) where a filter means "any". The values stay ``true``/``false``, which is what
    the boolean filter took, so links that carry them keep working."""

    YES, NO = "true", "false"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, choices=[(self.YES, _("Yes")), (self.NO, _("No"))], **kwargs)

    def filter(self, qs, value):
        if value not in (self.YES, self.NO):
            return qs
        return super().filter(qs, value == self.YES)
