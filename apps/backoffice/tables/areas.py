import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from apps.areas.models import Area
from apps.core.export_spec import ExportColumn, ExportSpec, choice_label
from apps.core.tables import StableTable


class AreaTable(StableTable):
    name = tables.LinkColumn("office:area_detail", args=[tables.A("pk")])
    parent = tables.Column(verbose_name=_("parent area"), order_by=("parent__name",))

    class Meta:
        model = Area
        fields = ["name", "code", "level", "code_year", "parent"]
        order_by = "code"

    export_spec = ExportSpec(Area, [
        ExportColumn.field("name"),
        ExportColumn.field("code"),
        ExportColumn.field("level", choice_label(Area.level.field)),
        ExportColumn.field("code_year"),
        ExportColumn(_("parent area"), "parent__name"),
    ])
