import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from apps.activities.models import Certificate
from apps.core.export_spec import ExportColumn, ExportSpec, choice_label, local_date, local_datetime
from apps.core.tables import StableTable


class PortalCertificateTable(StableTable):
    volunteer = tables.Column(verbose_name=_("volunteer"), accessor="volunteer__name", order_by=("volunteer__name",))
    manage = tables.LinkColumn("portal:work_certificate_detail", args=[tables.A("organization__code"),
                                                                      tables.A("pk")],
                               text=_("Details"), verbose_name="", orderable=False, exclude_from_export=True)

    class Meta:
        model = Certificate
        fields = ["number", "volunteer", "period_start", "period_end", "status", "requested_at", "issued_at",
                  "manage"]
        order_by = "-requested_at"
        attrs = {"data-testid": "certificate-table"}

    export_spec = ExportSpec(Certificate, [
        ExportColumn.field("number"),
        ExportColumn(_("volunteer"), "volunteer__name"),
        ExportColumn.field("period_start", local_date),
        ExportColumn.field("period_end", local_date),
        ExportColumn.field("status", choice_label(Certificate.status.field)),
        ExportColumn.field("requested_at", local_datetime),
        ExportColumn.field("issued_at", local_datetime),
    ])
