from django.views.generic import DetailView

from apps.areas.models import Area
from apps.audit.selectors import object_history

from ..filters.areas import AreaFilter
from ..tables.areas import AreaTable
from .base import OfficeListView, OfficeObjectMixin


class AreaListView(OfficeListView):
    model = Area
    table_class = AreaTable
    filterset_class = AreaFilter
    select_related = ("parent",)


class AreaDetailView(OfficeObjectMixin, DetailView):
    model = Area
    template_name = "backoffice/area_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["children"] = self.object.children.order_by("code")
        context["ancestors"] = Area.objects.filter(code__in=self.object.path.strip("/").split("/")[:-1])
        context["history"] = object_history(self.object)
        return context
