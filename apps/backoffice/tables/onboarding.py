import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from apps.core.tables import StableTable
from apps.onboarding.models import ChangeRequest, SignupApplication


class SignupApplicationTable(StableTable):
    name = tables.LinkColumn("office:onboarding_application_detail", args=[tables.A("pk")])
    registry_number = tables.Column(verbose_name=_("Credit code / filing number"), accessor="registry_number",
                                    order_by=("credit_code", "filing_number"))
    area = tables.Column(verbose_name=_("Community"), order_by=("area__code",))
    created_at = tables.DateTimeColumn(format="Y-m-d H:i")

    class Meta:
        model = SignupApplication
        fields = ["name", "registry_number", "legal_form", "area", "contact_name", "status", "created_at"]
        order_by = "-created_at"
        attrs = {"data-testid": "application-table"}


class ChangeRequestTable(StableTable):
    organization = tables.LinkColumn("office:onboarding_change_detail", args=[tables.A("pk")],
                                     order_by=("organization__name",))
    created_at = tables.DateTimeColumn(format="Y-m-d H:i")

    class Meta:
        model = ChangeRequest
        fields = ["organization", "field_group", "status", "auto_approved", "created_at"]
        order_by = "-created_at"
        attrs = {"data-testid": "change-request-table"}
