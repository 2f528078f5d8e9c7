from django.contrib import admin

from apps.core.admin import ReadOnlyModelAdmin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyModelAdmin):
    list_display = ["created_at", "actor", "action", "object_repr", "row_count", "remote_addr"]
    list_filter = ["action"]
    list_select_related = ["actor"]
    search_fields = ["object_repr"]
