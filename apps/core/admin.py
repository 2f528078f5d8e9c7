from django.contrib import admin


class ReadOnlyModelAdmin(admin.ModelAdmin):
    """For rows written only through the domain's services (audit events, service records):
    the admin shows them and changes nothing."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
