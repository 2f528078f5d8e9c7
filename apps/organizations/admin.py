from django.contrib import admin

from .models import AnnualReportDeadline, Organization, ServiceDomain, StatusChange


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    extra = 0
    can_delete = False
    readonly_fields = ["from_status", "to_status", "changed_on", "reason", "document", "recorded_by"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "legal_form", "credit_code", "filing_number", "status", "area"]
    list_filter = ["legal_form", "status"]
    search_fields = ["name", "credit_code", "filing_number"]
    list_select_related = ["area"]
    raw_id_fields = ["area"]
    inlines = [StatusChangeInline]
    # Status changes go through the back office (with reason and date); nothing is deleted.
    readonly_fields = ["status", "status_changed_on"]

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        from apps.volunteers.areas import volunteer_areas_refresh_for_organization

        super().save_model(request, obj, form, change)
        if change and "area" in form.changed_data:  # its volunteers now count in the new area
            volunteer_areas_refresh_for_organization(obj)


@admin.register(ServiceDomain)
class ServiceDomainAdmin(admin.ModelAdmin):
    """The editable list of service domains: retire a domain with "in use", never delete it."""

    list_display = ["name", "sort_order", "is_active"]
    list_editable = ["sort_order", "is_active"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AnnualReportDeadline)
class AnnualReportDeadlineAdmin(admin.ModelAdmin):
    list_display = ["legal_form", "month", "day"]
