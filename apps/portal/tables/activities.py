import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from apps.activities.models import Activity, ServiceRecord
from apps.core.export_spec import ExportColumn, ExportSpec, choice_label, local_datetime
from apps.core.tables import StableTable


class PortalActivityTable(StableTable):
    name = tables.LinkColumn("portal:work_activity_detail", args=[tables.A("organization__code"), tables.A("pk")])
    team = tables.Column(verbose_name=_("organizing team"), accessor="team__name", order_by=("team__name",))
    community = tables.Column(verbose_name=_("community"), accessor="community__name", order_by=("community__code",))
    record_count = tables.Column(verbose_name=_("records"))

    class Meta:
        model = Activity
        fields = ["name", "team", "community", "category", "starts_at", "ends_at", "place", "record_count"]
        order_by = "-starts_at"
        attrs = {"data-testid": "activity-table"}

    export_spec = ExportSpec(Activity, [
        ExportColumn.field("name"),
        ExportColumn(_("organizing team"), "team__name"),
        ExportColumn(_("community"), "community__name"),
        ExportColumn.field("category", choice_label(Activity.category.field)),
        ExportColumn.field("starts_at", local_datetime),
        ExportColumn.field("ends_at", local_datetime),
        ExportColumn.field("place"),
        ExportColumn(_("records"), "record_count"),
    ])


class PortalRecordTable(StableTable):
    select = tables.CheckBoxColumn(accessor="pk", attrs={"th__input": {"class": "gz-select-all"},
                                                         "td__input": {"form": "bulk-confirm"}},
                                   exclude_from_export=True)
    volunteer_number = tables.Column(verbose_name=_("volunteer number"), accessor="volunteer__number")
    volunteer = tables.Column(verbose_name=_("volunteer"), accessor="volunteer__name", order_by=("volunteer__name",))
    activity = tables.Column(verbose_name=_("activity"), accessor="activity__name", order_by=("activity__name",))
    edit = tables.LinkColumn("portal:work_record_detail", args=[tables.A("activity__organization__code"),
                                                                tables.A("pk")],
                             text=_("Details"), verbose_name="", orderable=False, exclude_from_export=True)

    class Meta:
        model = ServiceRecord
        fields = ["select", "volunteer_number", "volunteer", "activity", "started_at", "ended_at", "hours",
                  "content", "status", "confirmed_at", "edit"]
        order_by = "-started_at"
        attrs = {"data-testid": "record-table"}

    export_spec = ExportSpec(ServiceRecord, [
        ExportColumn(_("volunteer number"), "volunteer__number"),
        ExportColumn(_("volunteer"), "volunteer__name"),
        ExportColumn(_("activity"), "activity__name"),
        ExportColumn.field("started_at", local_datetime),
        ExportColumn.field("ended_at", local_datetime),
        ExportColumn.field("hours"),
        ExportColumn.field("content"),
        ExportColumn.field("status", choice_label(ServiceRecord.status.field)),
        ExportColumn.field("confirmed_at", local_datetime),
    ])
