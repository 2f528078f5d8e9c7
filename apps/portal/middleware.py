"""Resolve the portal's tenant once per request, and check it here.

Portal URLs carry the organization's code (``/portal/<org>/…``). For those views this
middleware loads the organization *through the acting user's memberships* (another
organization answers 404) and checks the role the view declares with ``required_role``
(too low a role answers 403). Views then use ``request.organization`` and never read an
organization from the URL or from POST data themselves.
"""

from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from apps.accounts.models import Membership


class PortalTenantMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.organization = None
        request.membership = None
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or "portal" not in match.namespaces or "org" not in view_kwargs:
            return None
        if not request.user.is_authenticated:
            return None  # LoginRequiredMiddleware has already redirected.
        required_role = getattr(getattr(view_func, "view_class", view_func), "required_role", None)
        if required_role is None:
            raise ImproperlyConfigured(f"Portal view {match.view_name} must declare required_role.")
        membership = (
            Membership.objects.select_related("organization")
            .filter(user=request.user, organization__code=view_kwargs["org"])
            .first()
        )
        if membership is None:
            raise Http404(_("No such organization, or you are not a member of it."))
        if not membership.has_role(required_role):
            raise PermissionDenied(_("Your role in this organization does not allow this."))
        request.membership = membership
        request.organization = membership.organization
        return None
