from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from apps.core.admin import ReadOnlyModelAdmin
from apps.organizations.models import Organization

from .models import Activity, ServiceRecord


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["name", "organizer_kind", "organization", "community", "starts_at"]
    raw_id_fields = ["organization", "team", "community"]
    exclude = ["checkin_code", "checkin_token"]
    list_select_related = ["organization", "community"]


class RecordOrganizationFilter(admin.SimpleListFilter):
    """Records of one organization's activities (``?organization=<pk>``). Offers only the chosen
    organization: a list of every organization of the city would be 5,000 links."""

    title = _("organization")
    parameter_name = "organization"

    def organization_pk(self):
        value = self.value()
        return value if value and value.isascii() and value.isdigit() else None  # not "²": int() refuses it

    def lookups(self, request, model_admin):
        value = self.organization_pk()
        return list(Organization.objects.filter(pk=value).values_list("pk", "name")) if value else []

    def queryset(self, request, queryset):
        value = self.organization_pk()
        return queryset.filter(activity__organization_id=value) if value else queryset


@admin.register(ServiceRecord)
class ServiceRecordAdmin(ReadOnlyModelAdmin):
    """Read-only: records are written through the activities' services (overlap and duration
    rules, totals, the confirmation lock)."""

    list_display = ["volunteer", "activity", "started_at", "hours", "status"]
    list_filter = ["status", RecordOrganizationFilter]
    date_hierarchy = "started_at"
    list_select_related = ["volunteer", "activity"]
    raw_id_fields = ["volunteer", "activity", "position", "supersedes", "recorded_by", "confirmed_by"]
    show_full_result_count = False
