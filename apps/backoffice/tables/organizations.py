import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from apps.core.tables import StableTable
from apps.organizations.models import CreditStatus, Grade, Organization

CREDIT_BADGES = {CreditStatus.NORMAL: "text-bg-light", CreditStatus.ABNORMAL: "text-bg-warning",
                 CreditStatus.SERIOUS: "text-bg-danger"}


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
