"""The portal's list pages: ``apps.web.views.lists.ScopedListView`` over the current organization's
rows (the same list view, template and streamed, audited export as the back office's)."""

from apps.web.views.lists import ScopedListView

from .base import PortalViewMixin


class PortalListView(PortalViewMixin, ScopedListView):
    pass
