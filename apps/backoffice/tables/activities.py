import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from apps.activities.models import Activity
from apps.core.tables import StableTable


class ActivityTable(StableTable):
    name = tables.LinkColumn("office:activity_detail", args=[tables.A("pk")])
    organizer = tables.Column(verbose_name=_("organizer"), accessor="organizer_name", orderable=False)
    community = tables.Column(verbose_name=_("community"), order_by=("community__code",))
    record_count = tables.Column(verbose_name=_("records"))

    class Meta:
        model = Activity
        fields = ["name", "organizer", "community", "category", "starts_at", "ends_at", "place", "is_risky",
                  "record_count"]
        order_by = "-starts_at"
