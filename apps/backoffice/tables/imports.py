import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from apps.core.tables import StableTable
from apps.imports.models import ImportJob


class ImportJobTable(StableTable):
    filename = tables.LinkColumn("office:import_detail", args=[tables.A("pk")], verbose_name=_("file name"))
    created_by = tables.Column(verbose_name=_("uploaded by"), orderable=False)

    class Meta:
        model = ImportJob
        fields = ["created_at", "kind", "filename", "status", "total_rows", "new_rows", "update_rows",
                  "unchanged_rows", "error_count", "created_by"]
        sequence = fields
        order_by = ["-created_at"]
