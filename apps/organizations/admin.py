from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import AnnualReportDeadline, Organization, ServiceDomain, StatusChange
from .services import organization_update


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
    # The contact phone is personal data: shown masked here, revealed and changed (audited) in
    # the back office's edit form.
    exclude = ["contact_phone"]
    readonly_fields = ["status", "status_changed_on", "contact_phone_masked"]

    @admin.display(description=_("contact phone"))
    def contact_phone_masked(self, obj):
        return obj.masked_contact_phone

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        if change:  # an edit also refreshes its volunteers' areas when the area changed
            organization_update(organization=obj)
        else:
            super().save_model(request, obj, form, change)


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
