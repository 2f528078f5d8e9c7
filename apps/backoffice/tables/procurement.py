import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from apps.core.tables import StableTable
from apps.procurement.models import CatalogueItem, Contract, Project


class CatalogueTable(StableTable):
    code = tables.Column()
    name = tables.Column()
    area = tables.Column(verbose_name=_("published by"), default=_("General catalogue"), order_by=("area__name",))
    on_negative_list = tables.BooleanColumn()
    edit = tables.LinkColumn("office:procurement_catalogue_update", args=[tables.A("pk")], text=_("Change"),
                             verbose_name="", orderable=False, exclude_from_export=True)

    class Meta:
        model = CatalogueItem
        fields = ["code", "name", "area", "on_negative_list", "negative_reason", "is_active"]
        order_by = "code"

    def render_name(self, record, value):
        return "— " * record.depth + value

    def value_name(self, record, value):
        return value


class ProjectTable(StableTable):
    name = tables.LinkColumn("office:procurement_project_detail", args=[tables.A("pk")])
    purchaser = tables.Column(order_by=("purchaser__name",))
    catalogue_item = tables.Column(order_by=("catalogue_item__code",))

    class Meta:
        model = Project
        fields = ["name", "purchaser", "fiscal_year", "catalogue_item", "budget_amount", "funding_source",
                  "procurement_method", "status"]
        order_by = ("-fiscal_year", "name")


class ContractTable(StableTable):
    number = tables.LinkColumn("office:procurement_contract_detail", args=[tables.A("pk")])
    project = tables.Column(order_by=("project__name",))
    provider = tables.Column(order_by=("provider__name",))
    published_on = tables.Column(default="—")
    filed_on = tables.Column(default="—")
    flags = tables.Column(verbose_name=_("Flags"), empty_values=(), orderable=False)

    class Meta:
        model = Contract
        fields = ["number", "project", "provider", "amount", "signed_on", "start_date", "end_date",
                  "publication_due", "published_on", "filing_due", "filed_on", "flags"]
        order_by = "-signed_on"

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def _flags(self, record):
        flags = []
        if self.today and record.publication_overdue_on(self.today):
            flags.append(str(_("Publication overdue")))
        if self.today and record.filing_overdue_on(self.today):
            flags.append(str(_("Filing overdue")))
        return flags

    def render_flags(self, record):
        flags = self._flags(record)
        if not flags:
            return "—"
        return format_html("".join('<span class="badge text-bg-danger me-1">{}</span>' for flag in flags), *flags)

    def value_flags(self, record):
        return "; ".join(self._flags(record))
