from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from apps.web.scope import OfficeScope
from apps.web.views.base import ScopedViewMixin
from apps.web.views.lists import ScopedListView


class StaffRequiredMixin(ScopedViewMixin):
    """The back office is for staff with an area (and superusers); others get 403. Its scope is the
    user's area (``OfficeScope``)."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_office_staff:
            raise PermissionDenied(_("The back office is for street-office staff only."))
        return super().dispatch(request, *args, **kwargs)

    def get_scope(self):
        return OfficeScope(self.request.user)


class OfficeListView(StaffRequiredMixin, ScopedListView):
    """A scoped, filtered, sortable, paginated list with CSV/XLSX export of the filtered set
    (``apps.web.views.lists.ScopedListView`` over the user's area)."""


class OfficeObjectMixin(StaffRequiredMixin):
    """Detail-style views: the object is loaded through the user's scope (404 otherwise)."""

    model = None

    def get_object(self, queryset=None):
        return self.scope.get_or_404(self.model.objects, pk=self.kwargs["pk"])
