"""The audit log (issue 16.11)."""

from django.urls import path

from ..views import audit

urlpatterns = [
    path("audit/", audit.AuditLogView.as_view(), name="audit_log"),
    path("audit/events/", audit.AuditEventLogView.as_view(), name="audit_event_log"),
]
