import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from apps.organizations.models import Organization


class OrganizationTable(tables.Table):
    name = tables.LinkColumn("office:organization_detail", args=[tables.A("pk")])
    area = tables.Column(verbose_name=_("area"), order_by=("area__code",))

    class Meta:
        model = Organization
        fields = ["name", "area", "created_at"]
        order_by = "name"
