import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from apps.core.export_spec import ExportColumn, ExportSpec, choice_label, local_date
from apps.core.masking import mask_phone
from apps.core.tables import StableTable
from apps.volunteers.models import Team


class TeamTable(StableTable):
    name = tables.LinkColumn("office:team_detail", args=[tables.A("pk")])
    organization = tables.Column(verbose_name=_("organization"), order_by=("organization__name",))
    area = tables.Column(verbose_name=_("area"), order_by=("area__code",))
    leader = tables.Column(verbose_name=_("leader"), accessor="leader__name", order_by=("leader__name",))
    member_count = tables.Column(verbose_name=_("current members"))
    contact_phone_masked = tables.Column(verbose_name=_("contact phone"), orderable=False)

    class Meta:
        model = Team
        fields = ["name", "organization", "area", "leader", "contact_name", "contact_phone_masked", "founded_on",
                  "status", "member_count"]
        order_by = "name"

    export_spec = ExportSpec(Team, [
        ExportColumn.field("name"),
        ExportColumn(_("organization"), "organization__name"),
        ExportColumn(_("area"), "area__name"),
        ExportColumn(_("leader"), "leader__name"),
        ExportColumn.field("contact_name"),
        ExportColumn(_("contact phone"), "contact_phone", mask_phone),
        ExportColumn.field("founded_on", local_date),
        ExportColumn.field("status", choice_label(Team.status.field)),
        ExportColumn(_("current members"), "member_count"),
    ])
