from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View

#: Session key of the organization the user last switched to (``/portal/`` opens it).
LAST_ORGANIZATION_KEY = "portal_last_organization"


class SwitchOrganizationView(View):
    """``/portal/switch/<org>/``: remember the chosen organization and open its home page.
    Only the user's own memberships count (another code answers 404)."""

    def get(self, request, code):
        if not request.user.memberships.filter(organization__code=code).exists():
            raise Http404(_("No such organization, or you are not a member of it."))
        request.session[LAST_ORGANIZATION_KEY] = code
        return redirect("portal:org_home", org=code)
