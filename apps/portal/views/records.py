"""Service records of the organization's activities: filtered list with export, bulk
confirmation, and a record's page with correction (new version) / dispute / void (the steps are
shared with the back office: ``apps.web.views.records``)."""

from django.views.generic import DetailView

from apps.activities.models import ServiceRecord
from apps.web.views import records as shared

from ..filters.work import PortalRecordFilter
from ..tables.activities import PortalRecordTable
from .base import PortalViewMixin
from .lists import PortalListView


class RecordListView(PortalListView):
    model = ServiceRecord
    table_class = PortalRecordTable
    filterset_class = PortalRecordFilter
    select_related = ("volunteer", "activity__organization")
    template_name = "portal/work/record_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_confirm=self.scope.allows("admin"), **kwargs)


class RecordsConfirmView(PortalViewMixin, shared.RecordsConfirmView):
    """Only pending records of this organization; an approval step: admins only."""

    required_role = "admin"
    list_url = "work_record_list"


class RecordDetailView(shared.RecordDetailMixin, PortalViewMixin, DetailView):
    template_name = "portal/work/record_detail.html"
    context_object_name = "record"


class RecordCorrectView(PortalViewMixin, shared.RecordCorrectView):
    required_role = "admin"
    record_url = "work_record_detail"


class RecordStatusView(PortalViewMixin, shared.RecordStatusView):
    required_role = "admin"
    record_url = "work_record_detail"
