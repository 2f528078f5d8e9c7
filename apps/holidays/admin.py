"""Superusers may inspect the calendar here; changes go through the back office
(``/office/calendar/``), whose services recompute the deadlines that depend on a change."""

from django.contrib import admin

from .models import HolidayDay, HolidayYear


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(HolidayYear)
class HolidayYearAdmin(ReadOnlyAdmin):
    list_display = ["year", "entered", "notice", "entered_at", "entered_by", "source"]
    list_filter = ["entered"]


@admin.register(HolidayDay)
class HolidayDayAdmin(ReadOnlyAdmin):
    list_display = ["date", "kind", "name", "arrangement"]
    list_filter = ["kind", "arrangement"]
    date_hierarchy = "date"
