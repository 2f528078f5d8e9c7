from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from apps.core.admin import ReadOnlyModelAdmin

from .models import StarThreshold, Team, Volunteer


@admin.register(StarThreshold)
class StarThresholdAdmin(ReadOnlyModelAdmin):
    """Read-only: city staff edit the local thresholds (default 100/300/600/1000/1500 h) on the
    back office's star-threshold page, where ``star_thresholds_update`` checks the whole table
    (levels 1–5, strictly rising); a row-by-row admin form could not."""

    list_display = ["level", "min_hours"]
    ordering = ["level"]


@admin.register(Volunteer)
class VolunteerAdmin(admin.ModelAdmin):
    # Personal data stays masked here too: the admin shows the masked properties only.
    list_display = ["number", "name", "id_number_masked", "phone_masked", "community", "confirmed_hours", "star_level"]
    # The age, not the birth date: that is the part of a resident ID number the mask hides.
    fields = ["number", "name", "sex", "age", "document_type", "id_number_masked", "phone_masked", "community",
              "political_status", "skills", "availability", "service_intention", "confirmed_hours", "star_level"]
    readonly_fields = fields
    search_fields = ["name", "number"]
    list_select_related = ["community"]

    def has_add_permission(self, request):
        return False  # registration goes through the back office (ID check, consent)

    @admin.display(description=_("age"))
    def age(self, obj):
        return obj.age


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "organization", "area", "status"]
    raw_id_fields = ["organization", "community", "leader"]
