from django.db.models import Count
from django.views.generic import TemplateView

from apps.areas.models import Area
from apps.organizations.models import Organization

from .base import StaffRequiredMixin


class HomeView(StaffRequiredMixin, TemplateView):
    template_name = "backoffice/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        areas_by_level = dict(
            Area.objects.visible_to(user).values_list("level").annotate(n=Count("pk")).values_list("level", "n")
        )
        context["area_counts"] = areas_by_level
        context["organization_count"] = Organization.objects.visible_to(user).count()
        return context
