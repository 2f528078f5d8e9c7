"""The one parameter by which the back office and the portal differ in the pages they share.

A ``Scope`` says which rows the acting user works with and where the audience's pages live:

- ``OfficeScope(user)``: staff see their area's subtree (``visible_to(user)``); URLs under
  ``office:``.
- ``PortalScope(organization)``: an organization's people see that organization's rows
  (``for_organization(organization)``); URLs under ``portal:`` with the organization's code.

Shared views, forms and filters (``apps.web``) take a scope instead of a user or an organization,
so a rule written once serves both audiences. Both scopes start from the domain's one scoping
mechanism (``apps.core.scoping``): nothing here decides visibility on its own.
"""

from django.shortcuts import redirect
from django.urls import reverse

from apps.areas.models import Area, AreaLevel
from apps.core.scoping import get_or_404
from apps.organizations.models import Organization


class Scope:
    namespace = ""
    #: The picker sources (``apps.web.pickers.SOURCES``) this audience searches at its ``picker`` URL.
    picker_sources: tuple = ()

    def rows(self, queryset):
        """The rows of ``queryset`` (a manager or queryset of a scoped model) this scope works with."""
        raise NotImplementedError

    def get_or_404(self, queryset, **lookup):
        """One object through the scope: another tenant's object answers 404, never 403."""
        return get_or_404(self.rows(queryset), **lookup)

    def url_kwargs(self, kwargs):
        return kwargs

    def url(self, name, **kwargs):
        """The URL of the page ``name`` of this audience (``name`` without the namespace)."""
        return reverse(f"{self.namespace}:{name}", kwargs=self.url_kwargs(kwargs))

    def redirect(self, name, anchor="", **kwargs):
        return redirect(self.url(name, **kwargs) + anchor)

    def picker_url(self, source):
        """Where this audience's pickers search ``source`` (None: its dropdowns stay plain)."""
        return self.url("picker", source=source) if source in self.picker_sources else None

    def communities(self):
        """Communities a form may offer as a residence or an activity's place."""
        raise NotImplementedError

    def organizations(self):
        raise NotImplementedError

    def allows(self, role):
        """Whether the acting user holds ``role`` (viewer < editor < admin) here: what a page offers.
        The audience's own check (staff only; the portal middleware's ``required_role``) decides
        whether a view runs at all."""
        raise NotImplementedError

    def audit_detail(self) -> dict:
        """What an audit entry of this audience adds (exports, downloads)."""
        return {}


class OfficeScope(Scope):
    namespace = "office"
    picker_sources = ("volunteers", "organizations")

    def __init__(self, user):
        self.user = user
        self.organization = None

    def rows(self, queryset):
        return queryset.visible_to(self.user)

    def allows(self, role):
        return True  # every back-office page is for staff, who take every step their area allows

    def communities(self):
        return Area.objects.visible_to(self.user).filter(level=AreaLevel.COMMUNITY).order_by("code")

    def organizations(self):
        return Organization.objects.visible_to(self.user).order_by("name")


class PortalScope(Scope):
    namespace = "portal"
    picker_sources = ("volunteers",)  # (its organizations are the one organization)

    def __init__(self, organization, membership):
        self.organization = organization
        self.membership = membership

    def rows(self, queryset):
        return queryset.for_organization(self.organization)

    def allows(self, role):
        return self.membership.has_role(role)

    def audit_detail(self):
        return {"portal": True, "organization": self.organization.pk}

    def url_kwargs(self, kwargs):
        return {"org": self.organization.code, **kwargs}

    def communities(self):
        """Communities of the organization's district (or the nearest level above it): area names
        are public, and volunteers often live outside the organization's own community."""
        area = self.organization.area
        while area.parent_id is not None and area.level not in (AreaLevel.DISTRICT, AreaLevel.CITY):
            area = area.parent
        return Area.objects.subtree(area).filter(level=AreaLevel.COMMUNITY).order_by("code")

    def organizations(self):
        return Organization.objects.filter(pk=self.organization.pk)
