"""Where the figures come from: the acting user's scope, narrowed to an area they may see."""

from dataclasses import dataclass

from apps.accounts.models import User
from apps.areas.models import Area
from apps.core.scoping import ViewerKind, viewer_kind


@dataclass(frozen=True)
class Scope:
    """``user``'s view of the data, limited to ``area`` (None: everything the user may see)."""

    user: User
    area: Area | None = None

    def rows(self, model):
        queryset = model.objects.visible_to(self.user)
        return queryset.in_area(self.area) if self._narrows() else queryset

    def areas(self):
        queryset = Area.objects.visible_to(self.user)
        return queryset.subtree(self.area) if self._narrows() else queryset

    def _narrows(self):
        """Whether ``area`` narrows ``visible_to``: staff already see exactly their own area's
        subtree, so narrowing to it again only repeats the subqueries."""
        if self.area is None:
            return False
        return self.user.is_superuser or self.area.pk != self.user.area_id

    def kept_area(self):
        """(True, area) when this scope's rows are exactly those of ``area``'s subtree (the
        narrower of the user's area and ``area``), so figures kept per area answer for it;
        (True, None) when the scope sees no area at all; (False, None) when no single area
        matches (organization users, a superuser over several cities): count the rows instead."""
        user = self.user
        kind = viewer_kind(user)
        if kind is ViewerKind.NOBODY:
            return True, None
        if kind is ViewerKind.SUPERUSER:
            if self.area is not None:
                return True, self.area
            roots = list(Area.objects.filter(parent__isnull=True)[:2])
            return (True, roots[0]) if len(roots) == 1 else (len(roots) == 0, None)
        if kind is ViewerKind.ORGANIZATION_USER:
            return False, None
        own = user.area
        if self.area is None or own.path.startswith(self.area.path):
            return True, own
        if self.area.path.startswith(own.path):
            return True, self.area
        return True, None

    @property
    def name(self):
        return self.area.name if self.area is not None else None
