"""The portal's picker search (``apps.web.views.pickers``): the organization's own volunteers, for
whoever may see its volunteer list."""

from apps.web.views.pickers import PickerSearchView

from .base import PortalViewMixin


class PortalPickerSearchView(PortalViewMixin, PickerSearchView):
    required_role = "viewer"
