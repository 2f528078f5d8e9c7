"""Where the figures come from: the acting user's scope, narrowed to an area they may see."""

from dataclasses import dataclass

from apps.accounts.models import User
from apps.areas.models import Area


@dataclass(frozen=True)
class Scope:
    """``user``'s view of the data, limited to ``area`` (None: everything the user may see)."""

    user: User
    area: Area | None = None

    def rows(self, model):
        queryset = model.objects.visible_to(self.user)
        return queryset.in_area(self.area) if self.area is not None else queryset

    def areas(self):
        queryset = Area.objects.visible_to(self.user)
        return queryset.subtree(self.area) if self.area is not None else queryset

    @property
    def name(self):
        return self.area.name if self.area is not None else None
