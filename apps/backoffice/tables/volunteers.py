import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

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
