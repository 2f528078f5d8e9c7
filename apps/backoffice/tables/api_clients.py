import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from apps.apiclients.models import ApiClient
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
