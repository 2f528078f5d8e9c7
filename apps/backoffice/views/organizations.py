from django.views.generic import DetailView

from apps.audit.selectors import object_history
from apps.organizations.models import Organization

from ..filters.organizations import OrganizationFilter
from ..tables.organizations import OrganizationTable
from .base import OfficeListView, OfficeObjectMixin


class OrganizationListView(OfficeListView):
    model = Organization
    table_class = OrganizationTable
    filterset_class = OrganizationFilter
    select_related = ("area",)


class OrganizationDetailView(OfficeObjectMixin, DetailView):
    model = Organization
    template_name = "backoffice/organization_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["history"] = object_history(self.object)
        return context
