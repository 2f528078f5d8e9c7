from django.contrib import admin

from .models import Organization


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "area"]
    search_fields = ["name"]
    list_select_related = ["area"]
    raw_id_fields = ["area"]
