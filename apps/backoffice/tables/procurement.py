import django_tables2 as tables
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from apps.core.export_spec import ExportColumn, ExportSpec, choice_label, field_header, local_date, true_false
from apps.core.tables import AmountColumn, StableTable
from apps.procurement.models import CatalogueItem, Contract, Project


def code_and_name(code, name):
    """``str()`` of a catalogue item."""
    return f"{code} {name}"


def overdue_flags(published_on, publication_due, filed_on, filing_due):
    """``ContractTable.value_flags`` for today (the list's ``today``) from the four dates that
    ``Contract.publication_overdue_on`` / ``filing_overdue_on`` compare."""
    today = timezone.localdate()
    flags = []
    if (published_on or today) > publication_due:
        flags.append(str(_("Publication overdue")))
    if (filed_on or today) > filing_due:
        flags.append(str(_("Filing overdue")))
    return "; ".join(flags)


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

    export_spec = ExportSpec(CatalogueItem, [
        ExportColumn.field("code"),
        ExportColumn.field("name"),
        ExportColumn(_("published by"), "area__name"),
        ExportColumn.field("on_negative_list", true_false),
        ExportColumn.field("negative_reason"),
        ExportColumn.field("is_active", true_false),
    ])

    def render_name(self, record, value):
        return "— " * record.depth + value

    def value_name(self, record, value):
        return value


class ProjectTable(StableTable):
    name = tables.LinkColumn("office:procurement_project_detail", args=[tables.A("pk")])
    purchaser = tables.Column(order_by=("purchaser__name",))
    catalogue_item = tables.Column(order_by=("catalogue_item__code",))
    budget_amount = AmountColumn()

    class Meta:
        model = Project
        fields = ["name", "purchaser", "fiscal_year", "catalogue_item", "budget_amount", "funding_source",
                  "procurement_method", "status"]
        order_by = ("-fiscal_year", "name")

    export_spec = ExportSpec(Project, [
        ExportColumn.field("name"),
        ExportColumn(field_header(Project.purchaser.field), "purchaser__name"),
        ExportColumn.field("fiscal_year"),
        ExportColumn(field_header(Project.catalogue_item.field), ("catalogue_item__code", "catalogue_item__name"),
                     code_and_name),
        ExportColumn.field("budget_amount"),
        ExportColumn.field("funding_source", choice_label(Project.funding_source.field)),
        ExportColumn.field("procurement_method", choice_label(Project.procurement_method.field)),
        ExportColumn.field("status", choice_label(Project.status.field)),
    ])


class ContractTable(StableTable):
    number = tables.LinkColumn("office:procurement_contract_detail", args=[tables.A("pk")])
    project = tables.Column(order_by=("project__name",))
    provider = tables.Column(order_by=("provider__name",))
    amount = AmountColumn()
    published_on = tables.Column(default="—")
    filed_on = tables.Column(default="—")
    flags = tables.Column(verbose_name=_("Flags"), empty_values=(), orderable=False)

    class Meta:
        model = Contract
        fields = ["number", "project", "provider", "amount", "signed_on", "start_date", "end_date",
                  "publication_due", "published_on", "filing_due", "filed_on", "flags"]
        order_by = "-signed_on"

    export_spec = ExportSpec(Contract, [
        ExportColumn.field("number"),
        ExportColumn(field_header(Contract.project.field), "project__name"),
        ExportColumn(field_header(Contract.provider.field), "provider__name"),
        ExportColumn.field("amount"),
        *(ExportColumn.field(name, local_date) for name in ("signed_on", "start_date", "end_date", "publication_due")),
        ExportColumn.field("published_on"),  # a plain column: no date is an empty cell
        ExportColumn.field("filing_due", local_date),
        ExportColumn.field("filed_on"),
        ExportColumn(_("Flags"), ("published_on", "publication_due", "filed_on", "filing_due"), overdue_flags),
    ])

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
