import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from apps.activities.models import ServiceRecord
from apps.core.export_spec import ExportColumn, ExportSpec, choice_label, local_datetime
from apps.core.tables import StableTable


class ServiceRecordTable(StableTable):
    select = tables.CheckBoxColumn(accessor="pk", attrs={"th__input": {"class": "gz-select-all"},
                                                         "td__input": {"form": "bulk-confirm"}},
                                   exclude_from_export=True)
    volunteer_number = tables.Column(verbose_name=_("volunteer number"), accessor="volunteer__number")
    volunteer = tables.LinkColumn("office:volunteer_detail", args=[tables.A("volunteer_id")],
                                  accessor="volunteer__name", verbose_name=_("volunteer"),
                                  order_by=("volunteer__name",))
    activity = tables.LinkColumn("office:activity_detail", args=[tables.A("activity_id")],
                                 accessor="activity__name", verbose_name=_("activity"), order_by=("activity__name",))
    organization = tables.Column(verbose_name=_("organization"), accessor="activity__organization__name")
    edit = tables.LinkColumn("office:record_detail", args=[tables.A("pk")], text=_("Details"),
                             verbose_name="", orderable=False, exclude_from_export=True)

    class Meta:
        model = ServiceRecord
        fields = ["select", "volunteer_number", "volunteer", "activity", "organization", "started_at", "ended_at",
                  "hours", "status", "confirmed_at", "edit"]
        order_by = "-started_at"
        attrs = {"data-testid": "record-table"}

    export_spec = ExportSpec(ServiceRecord, [
        ExportColumn(_("volunteer number"), "volunteer__number"),
        ExportColumn(_("volunteer"), "volunteer__name"),
        ExportColumn(_("activity"), "activity__name"),
        ExportColumn(_("organization"), "activity__organization__name"),
        ExportColumn.field("started_at", local_datetime),
        ExportColumn.field("ended_at", local_datetime),
        ExportColumn.field("hours"),
        ExportColumn.field("status", choice_label(ServiceRecord.status.field)),
        ExportColumn.field("confirmed_at", local_datetime),
    ])
