"""The audit log (issue 16.11): row changes and events of the user's area, for staff at street level
or above (``apps.audit.log``), filtered by user, record, action and day."""

from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.audit.log import audit_events_visible_to, can_read_audit_log, log_entries_visible_to
from apps.audit.models import AuditEvent

from ..filters.audit import AuditEventFilter, LogEntryFilter
from ..tables.audit import AuditEventTable, LogEntryTable
from .base import OfficeListView


class _AuditLogView(OfficeListView):
    template_name = "backoffice/audit/log.html"
    export_formats = ()  # the log is read here; copies of it would need an audit trail of their own

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.is_office_staff and not can_read_audit_log(request.user):
            raise PermissionDenied(_("Only staff at street level or above can read the audit log."))
        return super().dispatch(request, *args, **kwargs)


class AuditLogView(_AuditLogView):
    """Created, changed and deleted records."""

    model = LogEntry
    table_class = LogEntryTable
    filterset_class = LogEntryFilter
    title = gettext_lazy("Audit log")
    tab = "changes"

    def get_queryset(self):
        return log_entries_visible_to(self.request.user).select_related("actor", "content_type") \
            .order_by("-timestamp", "-pk")


class AuditEventLogView(_AuditLogView):
    """Reveals of personal data, exports, downloads, imports, look-ups and batch operations."""

    model = AuditEvent
    table_class = AuditEventTable
    filterset_class = AuditEventFilter
    title = gettext_lazy("Audit log")
    tab = "events"

    def get_queryset(self):
        return audit_events_visible_to(self.request.user).select_related("actor", "content_type") \
            .order_by("-created_at", "-pk")
