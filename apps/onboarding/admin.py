from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import ApplicationDocument, AutoApproval, ChangeRequest, Notification, OrganizationContact, SignupApplication


class DocumentInline(admin.TabularInline):
    model = ApplicationDocument
    extra = 0


@admin.register(SignupApplication)
class SignupApplicationAdmin(admin.ModelAdmin):
    list_display = ["name", "legal_form", "area", "status", "created_at"]
    list_filter = ["status", "legal_form"]
    search_fields = ["name", "credit_code", "filing_number"]
    raw_id_fields = ["applicant", "organization", "decided_by", "area"]
    inlines = [DocumentInline]
    # The phone stays masked here too (the back office reveals the organization's, audited).
    exclude = ["contact_phone"]
    readonly_fields = ["contact_phone_masked"]

    @admin.display(description=_("contact phone"))
    def contact_phone_masked(self, obj):
        return obj.masked_contact_phone


@admin.register(ChangeRequest)
class ChangeRequestAdmin(admin.ModelAdmin):
    list_display = ["organization", "field_group", "status", "auto_approved", "created_at"]
    list_filter = ["status", "field_group"]
    raw_id_fields = ["organization", "requested_by", "decided_by"]


admin.site.register(AutoApproval)
admin.site.register(OrganizationContact)
admin.site.register(Notification)
