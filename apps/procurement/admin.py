"""Superusers may inspect purchasing records; nothing here is deletable (kept ≥ 15 years), and
workflow changes go through the back office (services), so most records are read-only."""

from django.contrib import admin

from .models import (
    Acceptance, CatalogueItem, Contract, Evaluation, PaymentMilestone, PerformanceTarget, ProgressReport, Project,
    SupplementaryAgreement,
)


class NoDeleteAdmin(admin.ModelAdmin):
    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(NoDeleteAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(CatalogueItem)
class CatalogueItemAdmin(NoDeleteAdmin):
    list_display = ["code", "name", "area", "on_negative_list", "is_active"]
    list_filter = ["on_negative_list", "is_active"]
    search_fields = ["code", "name"]


@admin.register(Project)
class ProjectAdmin(ReadOnlyAdmin):
    list_display = ["name", "purchaser", "fiscal_year", "budget_amount", "status"]
    list_filter = ["status", "fiscal_year", "procurement_method"]
    search_fields = ["name", "budget_reference"]


@admin.register(Contract)
class ContractAdmin(ReadOnlyAdmin):
    list_display = ["number", "project", "provider", "amount", "signed_on", "publication_due", "published_on"]
    search_fields = ["number", "provider__name"]


for model in (SupplementaryAgreement, PerformanceTarget, PaymentMilestone, ProgressReport, Acceptance, Evaluation):
    admin.site.register(model, ReadOnlyAdmin)
