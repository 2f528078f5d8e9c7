import django_tables2 as tables
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from apps.core.export_spec import ExportColumn, ExportSpec, choice_label, field_header, local_date, local_datetime
from apps.core.tables import StableTable
from apps.holidays.models import HolidayDay, HolidayYear


def _user_name(*values):
    """A user as ``str(user)`` shows them (full name, else username), from their two columns."""
    full_name, username = values
    return full_name or username


class HolidayYearTable(StableTable):
    year = tables.LinkColumn("office:holiday_year_detail", args=[tables.A("year")])
    entered = tables.Column(verbose_name=_("Status"))
    days_off = tables.Column(verbose_name=_("Days off"), attrs={"td": {"class": "text-end"}})
    working_days = tables.Column(verbose_name=_("Adjusted working days"), attrs={"td": {"class": "text-end"}})

    class Meta:
        model = HolidayYear
        fields = ["year", "entered", "notice", "days_off", "working_days", "entered_at", "entered_by", "source"]
        order_by = "-year"

    def render_entered(self, value):
        if value:
            return format_html('<span class="badge text-bg-success">{}</span>', _("Entered"))
        return format_html('<span class="badge text-bg-warning">{}</span>', _("Not entered"))

    def value_entered(self, value):
        return str(_("Entered") if value else _("Not entered"))

    export_spec = ExportSpec(HolidayYear, [
        ExportColumn.field("year"),
        ExportColumn(_("Status"), "entered", lambda entered: str(_("Entered") if entered else _("Not entered"))),
        ExportColumn.field("notice"),
        ExportColumn(_("Days off"), "days_off"),  # annotations of the list's queryset
        ExportColumn(_("Adjusted working days"), "working_days"),
        ExportColumn.field("entered_at", local_datetime),
        ExportColumn(field_header(HolidayYear.entered_by.field), ("entered_by__full_name", "entered_by__username"),
                     _user_name),
        ExportColumn.field("source"),
    ])


class HolidayDayTable(StableTable):
    date = tables.DateColumn(format="Y-m-d")
    weekday = tables.Column(verbose_name=_("Weekday"), accessor="date", orderable=False)
    change = tables.LinkColumn("office:holiday_day_update", args=[tables.A("pk")], text=_("Change"),
                               verbose_name="", orderable=False, exclude_from_export=True)
    remove = tables.LinkColumn("office:holiday_day_delete", args=[tables.A("pk")], text=_("Delete"),
                               verbose_name="", orderable=False, exclude_from_export=True)

    class Meta:
        model = HolidayDay
        fields = ["date", "weekday", "kind", "name"]
        order_by = "date"

    def render_weekday(self, value):
        return date_format(value, "l")

    def value_weekday(self, value):
        return date_format(value, "l")

    export_spec = ExportSpec(HolidayDay, [
        ExportColumn.field("date", local_date),
        ExportColumn(_("Weekday"), "date", lambda day: date_format(day, "l")),
        ExportColumn.field("kind", choice_label(HolidayDay.kind.field)),
        ExportColumn.field("name"),
    ])
