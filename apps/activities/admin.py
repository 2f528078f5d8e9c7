from django.contrib import admin

from .models import Activity


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["name", "organizer_kind", "organization", "community", "starts_at"]
    raw_id_fields = ["organization", "team", "community"]
    exclude = ["checkin_code", "checkin_token"]
    list_select_related = ["organization", "community"]
