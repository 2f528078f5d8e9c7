import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from apps.core.export_spec import ExportColumn, ExportSpec, choice_label, local_date
from apps.core.tables import AmountColumn, StableTable
from apps.procurement.models import Contract, Project


class PortalContractTable(StableTable):
    number = tables.LinkColumn("portal:work_contract_detail", args=[tables.A("provider__code"), tables.A("pk")])
    project = tables.Column(verbose_name=_("project"), accessor="project__name", order_by=("project__name",))
    purchaser = tables.Column(verbose_name=_("purchaser"), accessor="project__purchaser__name", orderable=False)
    status = tables.Column(verbose_name=_("status"), accessor="project__get_status_display", orderable=False)
    amount = AmountColumn()

    class Meta:
        model = Contract
        fields = ["number", "project", "purchaser", "amount", "signed_on", "start_date", "end_date", "status"]
        order_by = "-signed_on"
        attrs = {"data-testid": "contract-table"}

    export_spec = ExportSpec(Contract, [
        ExportColumn.field("number"),
        ExportColumn(_("project"), "project__name"),
        ExportColumn(_("purchaser"), "project__purchaser__name"),
        ExportColumn.field("amount"),
        ExportColumn.field("signed_on", local_date),
        ExportColumn.field("start_date", local_date),
        ExportColumn.field("end_date", local_date),
        ExportColumn(_("status"), "project__status", choice_label(Project.status.field)),
    ])
