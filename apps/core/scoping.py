"""The one scoping mechanism: what may the acting user see?

Every model that belongs somewhere uses ``ScopedQuerySet`` (or a subclass) and names how it
reaches its area and its organization. Every audience starts its queries from
``visible_to(user)`` (back office) or ``for_organization(org)`` (portal), so a view, a filter
dropdown, an export and a download all see the same rows.

- Superusers see everything.
- Staff users are attached to one area and see everything in its subtree.
- Organization users see what belongs to the organizations they are members of.
- Anybody else (anonymous, inactive) sees nothing.

``viewer_kind`` decides which of these a user is, once for every model; a queryset that sees
differently says only *how* a kind of user sees its rows, by overriding ``visible_to_staff``
or ``visible_to_organization_user`` (never ``visible_to`` itself).
"""

import enum

from django.db import models
from django.http import Http404
from django.utils.translation import gettext as _


class ViewerKind(enum.Enum):
    NOBODY = "nobody"
    SUPERUSER = "superuser"
    STAFF = "staff"
    ORGANIZATION_USER = "organization_user"


def viewer_kind(user) -> ViewerKind:
    """Which scoping rule applies to ``user``: the one place that decides it."""
    if user is None or not user.is_authenticated or not user.is_active:
        return ViewerKind.NOBODY
    if user.is_superuser:
        return ViewerKind.SUPERUSER
    if user.area_id is not None:
        return ViewerKind.STAFF
    return ViewerKind.ORGANIZATION_USER


class ScopedQuerySet(models.QuerySet):
    #: Lookup from this model to its ``areas.Area``; None when the model has no area.
    area_lookup: str | None = "area"
    #: Lookup from this model to its ``organizations.Organization``; "pk" for Organization
    #: itself, None when organization users never see this model.
    organization_lookup: str | None = "organization"

    def visible_to(self, user):
        kind = viewer_kind(user)
        if kind is ViewerKind.SUPERUSER:
            return self
        if kind is ViewerKind.STAFF:
            return self.visible_to_staff(user)
        if kind is ViewerKind.ORGANIZATION_USER:
            return self.visible_to_organization_user(user)
        return self.none()

    def visible_to_staff(self, user):
        """What an (active, non-superuser) staff user sees: by default their area's subtree."""
        return self.in_area(user.area)

    def visible_to_organization_user(self, user):
        """What an (active) organization user sees: by default what belongs to their organizations."""
        if self.organization_lookup is None:
            return self.none()
        return self.filter(**{f"{self.organization_lookup}__in": user.organization_ids()})

    def in_area(self, area):
        if self.area_lookup is None:
            return self.none()
        from apps.areas.models import Area

        return self.filter(**{f"{self.area_lookup}__in": Area.objects.subtree(area)})

    def for_organization(self, organization):
        if self.organization_lookup is None:
            return self.none()
        return self.filter(**{self.organization_lookup: organization.pk})


def get_or_404(scoped_queryset, **lookup):
    """Load one object from an already scoped queryset: strangers get 404, never 403."""
    try:
        return scoped_queryset.get(**lookup)
    except (scoped_queryset.model.DoesNotExist, ValueError, OverflowError):
        # OverflowError: a number no SQLite integer holds in a foreign-key look-up (``team=2**63``);
        # Django answers "no rows" for such a primary key, not for a foreign key.
        raise Http404(_("No such record, or it is outside your area.")) from None


def get_visible_or_404(queryset, user, **lookup):
    """Load one object through the user's scope: strangers get 404, never 403."""
    return get_or_404(queryset.visible_to(user), **lookup)
