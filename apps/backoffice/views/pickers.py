"""The back office's picker search (``apps.web.views.pickers``): staff search the volunteers and
organizations of their area."""

from apps.web.views.pickers import PickerSearchView

from .base import StaffRequiredMixin


class OfficePickerSearchView(StaffRequiredMixin, PickerSearchView):
    pass
