"""Resolve the portal's tenant once per request, and check it here.

Portal URLs carry the organization's code (``/portal/<org>/…``). For those views this
middleware loads the organization *through the acting user's memberships* (another
organization answers 404) and checks the role the view declares with ``required_role``
(too low a role answers 403). Views then use ``request.organization`` and never read an
organization from the URL or from POST data themselves.

Staff "view as organization": a staff user who started a view-as session (back office,
audited there) for an organization they may see reads that organization's portal pages.
``request.viewing_as`` is True and every request other than GET/HEAD is refused with 403
here, so every portal view is read-only in that mode without doing anything itself.
"""

from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from apps.accounts.models import Membership, OrgRole
from apps.organizations.models import Organization
from apps.web.view_as import VIEW_AS_SESSION_KEY

READ_ONLY_METHODS = {"GET", "HEAD"}


class PortalTenantMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.organization = None
        request.membership = None
        request.viewing_as = False
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
        if request.user.is_office_staff:
            return self._view_as(request, view_kwargs["org"])
        membership = (
            Membership.objects.select_related("organization")
            .filter(user=request.user, organization__code=view_kwargs["org"])
            .first()
        )
        if membership is None:
            raise Http404(_("No such organization, or you are not a member of it."))
        if not membership.has_role(required_role):
            raise PermissionDenied(_("This needs the role “%(needed)s” in this organization; yours is “%(yours)s”. "
                                     "Ask an administrator of the organization.") % {
                "needed": OrgRole(required_role).label, "yours": membership.get_role_display()})
        request.membership = membership
        request.organization = membership.organization
        return None

    def _view_as(self, request, code):
        """Staff read an organization's pages only inside a view-as session for it."""
        organization_pk = request.session.get(VIEW_AS_SESSION_KEY)
        organization = (
            Organization.objects.visible_to(request.user).filter(pk=organization_pk, code=code).first()
            if organization_pk else None
        )
        if organization is None:
            raise Http404(_("No such organization, or you are not a member of it."))
        if request.method not in READ_ONLY_METHODS:
            raise PermissionDenied(_("Viewing as an organization is read-only."))
        request.viewing_as = True
        request.organization = organization
        # An unsaved stand-in so that role checks in templates and views read everything; it
        # never reaches the database (writes are refused above).
        request.membership = Membership(user=request.user, organization=organization, role=OrgRole.ADMIN)
        return None
