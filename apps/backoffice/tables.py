import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from apps.areas.models import Area
from apps.organizations.models import Organization


class AreaTable(tables.Table):
    name = tables.LinkColumn("office:area_detail", args=[tables.A("pk")])
    parent = tables.Column(verbose_name=_("parent area"), order_by=("parent__name",))

    class Meta:
        model = Area
        fields = ["name", "code", "level", "code_year", "parent"]
        order_by = "code"


class OrganizationTable(tables.Table):
    name = tables.LinkColumn("office:organization_detail", args=[tables.A("pk")])
    area = tables.Column(verbose_name=_("area"), order_by=("area__code",))

    class Meta:
        model = Organization
        fields = ["name", "area", "created_at"]
        order_by = "name"
