import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from apps.core.export_spec import ExportColumn, ExportSpec, choice_label, local_date
from apps.core.masking import mask_id_number, mask_phone
from apps.core.tables import StableTable
from apps.volunteers.models import Team, Volunteer


class PortalVolunteerTable(StableTable):
    """Masked document number and phone only: an organization never sees full values."""

    id_number = tables.Column(verbose_name=_("document number"), accessor="id_number_masked", orderable=False)
    phone = tables.Column(verbose_name=_("mobile phone"), accessor="phone_masked", orderable=False)
    community = tables.Column(verbose_name=_("residence community"), accessor="community__name",
                              order_by=("community__code",))

    class Meta:
        model = Volunteer
        fields = ["number", "name", "sex", "id_number", "phone", "community", "confirmed_hours", "star_level"]
        order_by = "name"
        attrs = {"data-testid": "volunteer-table"}

    export_spec = ExportSpec(Volunteer, [
        ExportColumn.field("number"),
        ExportColumn.field("name"),
        ExportColumn.field("sex", choice_label(Volunteer.sex.field)),
        ExportColumn(_("document number"), "id_number", mask_id_number),
        ExportColumn(_("mobile phone"), "phone", mask_phone),
        ExportColumn(_("residence community"), "community__name"),
        ExportColumn.field("confirmed_hours"),
        ExportColumn.field("star_level"),
    ])


class PortalTeamTable(StableTable):
    name = tables.LinkColumn("portal:work_team_detail", args=[tables.A("organization__code"), tables.A("pk")])
    leader = tables.Column(verbose_name=_("leader"), accessor="leader__name", order_by=("leader__name",))

    class Meta:
        model = Team
        fields = ["name", "leader", "contact_name", "founded_on", "status"]
        order_by = "name"
        attrs = {"data-testid": "team-table"}

    export_spec = ExportSpec(Team, [
        ExportColumn.field("name"),
        ExportColumn(_("leader"), "leader__name"),
        ExportColumn.field("contact_name"),
        ExportColumn.field("founded_on", local_date),
        ExportColumn.field("status", choice_label(Team.status.field)),
    ])
