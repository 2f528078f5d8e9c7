from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django_filters.views import FilterView
from django_tables2 import LazyPaginator, SingleTableMixin

from apps.core.list_exports import StreamingExportMixin
from apps.core.scoping import get_visible_or_404


class StaffRequiredMixin:
    """The back office is for staff with an area (and superusers); others get 403."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_office_staff:
            raise PermissionDenied(_("The back office is for street-office staff only."))
        return super().dispatch(request, *args, **kwargs)


class OfficeListView(StaffRequiredMixin, StreamingExportMixin, SingleTableMixin, FilterView):
    """A scoped, filtered, sortable, paginated list with CSV/XLSX export of the filtered set.

    Subclasses set ``model``, ``table_class``, ``filterset_class`` and may set
    ``select_related`` / ``prefetch_related`` so that the page's query count does not grow
    with the rows.
    """

    template_name = "backoffice/list.html"
    paginate_by = 25
    select_related: tuple = ()
    prefetch_related: tuple = ()
    title = ""

    def get_table_pagination(self, table):
        # LazyPaginator never runs COUNT(*) over the whole filtered table.
        return {"per_page": self.paginate_by, "paginator_class": LazyPaginator}

    def get_paginate_by(self, queryset):
        # Only the table paginates (lazily). FilterView's own MultipleObjectMixin pagination would
        # run a second, full COUNT(*) of the filtered set on every page (seen at city scale).
        return None

    def get_queryset(self):
        queryset = self.model.objects.visible_to(self.request.user)
        if self.select_related:
            queryset = queryset.select_related(*self.select_related)
        if self.prefetch_related:
            queryset = queryset.prefetch_related(*self.prefetch_related)
        return queryset

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["request"] = self.request
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = self.title or self.model._meta.verbose_name_plural
        context["export_formats"] = self.export_formats
        return context


class OfficeObjectMixin(StaffRequiredMixin):
    """Detail-style views: the object is loaded through the user's scope (404 otherwise)."""

    model = None

    def get_object(self, queryset=None):
        return get_visible_or_404(self.model.objects, self.request.user, pk=self.kwargs["pk"])
