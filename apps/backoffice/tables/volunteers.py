import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from apps.core.export_spec import ExportColumn, ExportSpec, choice_label, local_datetime
from apps.core.masking import mask_id_number, mask_phone
from apps.core.tables import StableTable
from apps.volunteers.models import Volunteer


class VolunteerTable(StableTable):
    """Masked values only: the same columns go into CSV/XLSX exports."""

    number = tables.LinkColumn("office:volunteer_detail", args=[tables.A("pk")])
    name = tables.LinkColumn("office:volunteer_detail", args=[tables.A("pk")])
    id_number_masked = tables.Column(verbose_name=_("document number"), orderable=False)
    phone_masked = tables.Column(verbose_name=_("mobile phone"), orderable=False)
    community = tables.Column(verbose_name=_("residence community"), order_by=("community__code",))

    class Meta:
        model = Volunteer
        fields = ["number", "name", "sex", "document_type", "id_number_masked", "phone_masked", "community",
                  "political_status", "confirmed_hours", "star_level", "created_at"]
        order_by = "-created_at"
        attrs = {"data-testid": "volunteer-table"}

    export_spec = ExportSpec(Volunteer, [
        ExportColumn.field("number"),
        ExportColumn.field("name"),
        ExportColumn.field("sex", choice_label(Volunteer.sex.field)),
        ExportColumn.field("document_type", choice_label(Volunteer.document_type.field)),
        ExportColumn(_("document number"), "id_number", mask_id_number),
        ExportColumn(_("mobile phone"), "phone", mask_phone),
        ExportColumn(_("residence community"), "community__name"),
        ExportColumn.field("political_status", choice_label(Volunteer.political_status.field)),
        ExportColumn.field("confirmed_hours"),
        ExportColumn.field("star_level"),
        ExportColumn.field("created_at", local_datetime),
    ])
