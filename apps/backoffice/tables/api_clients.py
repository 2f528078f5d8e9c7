import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from apps.apiclients.models import ApiClient
from apps.audit.models import AuditEvent
from apps.core.tables import StableTable


class ApiClientTable(StableTable):
    name = tables.LinkColumn("office:api_client_detail", args=[tables.A("pk")])
    binding = tables.Column(verbose_name=_("Scope"), empty_values=(), orderable=False)
    status = tables.Column(verbose_name=_("Status"), empty_values=(), orderable=False)

    class Meta:
        model = ApiClient
        fields = ["name", "token_prefix", "binding", "access", "status", "expires_at", "created_at"]
        order_by = "-created_at"

    def render_binding(self, record):
        return str(record.binding)

    def render_status(self, record):
        return record.get_status_display()


class ApiCallTable(StableTable):
    """One row per API call (its audit entry): when, which client, what it asked and what it got."""

    created_at = tables.DateTimeColumn(verbose_name=_("Time"))
    object_repr = tables.Column(verbose_name=_("API client"), orderable=False)
    method = tables.Column(verbose_name=_("Method"), accessor="detail__method", orderable=False)
    path = tables.Column(verbose_name=_("Endpoint"), accessor="detail__path", orderable=False)
    query = tables.Column(verbose_name=_("Query"), accessor="detail__query", orderable=False, default="")
    status = tables.Column(verbose_name=_("Answer"), accessor="detail__status", orderable=False)
    row_count = tables.Column(verbose_name=_("Rows"), orderable=False)

    class Meta:
        model = AuditEvent
        fields = ["created_at", "object_repr", "method", "path", "query", "status", "row_count"]
        order_by = "-created_at"
