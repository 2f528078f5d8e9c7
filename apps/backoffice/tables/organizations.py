import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from apps.core.export_spec import ExportColumn, ExportSpec, choice_label, escaped_list, local_date
from apps.core.masking import mask_phone
from apps.core.tables import StableTable
from apps.organizations.models import CreditStatus, Grade, Organization

CREDIT_BADGES = {CreditStatus.NORMAL: "text-bg-light", CreditStatus.ABNORMAL: "text-bg-warning",
                 CreditStatus.SERIOUS: "text-bg-danger"}


def credit_code_or_filing_number(credit_code, filing_number):
    """``Organization.registry_number``: the credit code, or the filing number of a filed group."""
    return credit_code or filing_number


def yes_or_blank(value):
    return _("Yes") if value else ""


class OrganizationTable(StableTable):
    """Rows come annotated by the list view (credit status, current grade, overdue report)."""

    name = tables.LinkColumn("office:organization_detail", args=[tables.A("pk")])
    registry_number = tables.Column(verbose_name=_("Credit code / filing number"), accessor="registry_number",
                                    order_by=("credit_code", "filing_number"))
    area = tables.Column(verbose_name=_("Area"), order_by=("area__code",))
    credit_status = tables.Column(verbose_name=_("Credit status"), order_by=("on_serious_list", "on_abnormal_list"))
    current_grade = tables.Column(verbose_name=_("Grade"), default="—")
    report_overdue = tables.BooleanColumn(verbose_name=_("Annual report overdue"), yesno=("⚠", ""))
    domains = tables.ManyToManyColumn(verbose_name=_("Service domains"), orderable=False)
    # Export only: the registered particulars a clerk hands on.
    representative = tables.Column(visible=False)
    residence = tables.Column(visible=False)
    founded_on = tables.DateColumn(visible=False, format="Y-m-d")
    supervisor = tables.Column(visible=False)
    registration_authority = tables.Column(visible=False)
    contact_name = tables.Column(visible=False)
    contact_phone = tables.Column(visible=False, accessor="masked_contact_phone", verbose_name=_("Contact phone"))

    class Meta:
        model = Organization
        fields = ["name", "registry_number", "legal_form", "area", "status", "credit_status", "current_grade",
                  "report_overdue", "domains"]
        order_by = "name"
        attrs = {"data-testid": "organization-table"}

    export_spec = ExportSpec(Organization, [
        ExportColumn.field("name"),
        ExportColumn(_("Credit code / filing number"), ("credit_code", "filing_number"),
                     credit_code_or_filing_number),
        ExportColumn.field("legal_form", choice_label(Organization.legal_form.field)),
        ExportColumn(_("Area"), "area__name"),
        ExportColumn.field("status", choice_label(Organization.status.field)),
        ExportColumn(_("Credit status"), "credit_status", choice_label(CreditStatus)),
        ExportColumn(_("Grade"), "current_grade", choice_label(Grade)),
        ExportColumn(_("Annual report overdue"), "report_overdue", yes_or_blank),
        ExportColumn(_("Service domains"), "domains__name", escaped_list, many=True),
        ExportColumn.field("representative"),
        ExportColumn.field("residence"),
        ExportColumn.field("founded_on", local_date),
        ExportColumn.field("supervisor"),
        ExportColumn.field("registration_authority"),
        ExportColumn.field("contact_name"),
        ExportColumn(_("Contact phone"), "contact_phone", mask_phone),
    ])

    def render_credit_status(self, value):
        return format_html('<span class="badge {}">{}</span>', CREDIT_BADGES.get(value, ""), CreditStatus(value).label)

    def value_credit_status(self, value):
        return CreditStatus(value).label

    def render_current_grade(self, value):
        return Grade(value).label

    def value_current_grade(self, value):
        return Grade(value).label if value else ""

    def value_report_overdue(self, value):
        return _("Yes") if value else ""
