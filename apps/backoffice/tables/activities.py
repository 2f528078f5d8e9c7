import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from apps.activities.models import Activity, OrganizerKind
from apps.core.export_spec import ExportColumn, ExportSpec, choice_label, local_datetime, true_false
from apps.core.tables import StableTable


def organizer_name(kind, team, organization, community):
    """``Activity.organizer_name`` from the names it chooses between."""
    if kind == OrganizerKind.TEAM and team is not None:
        return team
    return organization if organization is not None else community


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

    export_spec = ExportSpec(Activity, [
        ExportColumn.field("name"),
        ExportColumn(_("organizer"), ("organizer_kind", "team__name", "organization__name", "community__name"),
                     organizer_name),
        ExportColumn(_("community"), "community__name"),
        ExportColumn.field("category", choice_label(Activity.category.field)),
        ExportColumn.field("starts_at", local_datetime),
        ExportColumn.field("ends_at", local_datetime),
        ExportColumn.field("place"),
        ExportColumn.field("is_risky", true_false),
        ExportColumn(_("records"), "record_count"),
    ])
