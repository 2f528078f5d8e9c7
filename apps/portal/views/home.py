from django.shortcuts import redirect
from django.views.generic import TemplateView

from .base import PortalViewMixin


class ChooseOrganizationView(TemplateView):
    """``/portal/``: go straight to the only organization, or let the user choose."""

    template_name = "portal/choose.html"

    def get(self, request, *args, **kwargs):
        memberships = list(request.user.memberships.select_related("organization").order_by("organization__name"))
        if len(memberships) == 1:
            return redirect("portal:org_home", org=memberships[0].organization.code)
        return self.render_to_response(self.get_context_data(memberships=memberships))


class OrganizationHomeView(PortalViewMixin, TemplateView):
    template_name = "portal/org_home.html"
