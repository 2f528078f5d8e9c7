"""The API's scope: what a client sees, by the mechanism the pages use (``apps.web.scope``).

A client bound to an area sees what a staff member of that area sees (``in_area(area)``, the
rows under ``OfficeScope``); a client bound to an organization sees what the organization's
portal shows (``for_organization(org)``, the rows under ``PortalScope``). Each API view queries
through ``scope.rows()`` / ``scope.get_or_404()``: another tenant's object answers 404.
"""

from apps.areas.models import Area, AreaLevel
from apps.organizations.models import Organization
from apps.web.scope import PortalScope, Scope


class ApiScope(Scope):
    namespace = "api"

    def __init__(self, client):
        self.client = client
        self.organization = client.organization if client.organization_id else None

    def rows(self, queryset):
        if self.organization is not None:
            return queryset.for_organization(self.organization)
        return queryset.in_area(self.client.area)

    def allows(self, role):
        """Reading is every client's; recording work (an editor's steps) needs read-write access.
        Approvals (an admin's steps, e.g. confirming records) are never the API's."""
        if role == "viewer":
            return True
        return role == "editor" and self.client.can_write

    def communities(self):
        if self.organization is not None:
            # An organization's activities take place in its district, as in its portal.
            return PortalScope(self.organization, None).communities()
        return Area.objects.subtree(self.client.area).filter(level=AreaLevel.COMMUNITY).order_by("code")

    def organizations(self):
        if self.organization is not None:
            return Organization.objects.filter(pk=self.organization.pk)
        return Organization.objects.in_area(self.client.area).order_by("name")

    def audit_detail(self):
        return {"api_client": self.client.pk}
