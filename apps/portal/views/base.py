class PortalViewMixin:
    """Portal views run for ``request.organization``, resolved and role-checked by
    ``PortalTenantMiddleware``; ``required_role`` is the least role that may open the view."""

    required_role = "viewer"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["organization"] = self.request.organization
        context["membership"] = self.request.membership
        return context
