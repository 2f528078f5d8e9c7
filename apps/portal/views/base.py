from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from apps.web.scope import PortalScope
from apps.web.views.base import ScopedViewMixin


class PortalViewMixin(ScopedViewMixin):
    """Portal views run for ``request.organization``, resolved and role-checked by
    ``PortalTenantMiddleware``; ``required_role`` is the least role that may open the view. Their
    scope is that organization (``PortalScope``).

    In staff "view as organization" mode (``request.viewing_as``) the middleware has already
    refused every write; ``dispatch`` refuses them again so that a view never writes even if
    it is reached some other way."""

    required_role = "viewer"

    def dispatch(self, request, *args, **kwargs):
        if getattr(request, "viewing_as", False) and request.method not in ("GET", "HEAD"):
            raise PermissionDenied(_("Viewing as an organization is read-only."))
        return super().dispatch(request, *args, **kwargs)

    def get_scope(self):
        return PortalScope(self.request.organization, self.request.membership)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["organization"] = self.request.organization
        context["membership"] = self.request.membership
        context["viewing_as"] = getattr(self.request, "viewing_as", False)
        return context
