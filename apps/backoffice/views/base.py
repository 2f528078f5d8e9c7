from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from django_filters.views import FilterView
from django_tables2 import LazyPaginator, RequestConfig, SingleTableMixin
from django_tables2.export import ExportMixin

from apps.audit.models import AuditAction
from apps.audit.services import audit_event_record
from apps.core.export import csv_response, table_rows, xlsx_response
from apps.core.scoping import get_visible_or_404


class StaffRequiredMixin:
    """The back office is for staff with an area (and superusers); others get 403."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_office_staff:
            raise PermissionDenied(_("The back office is for street-office staff only."))
        return super().dispatch(request, *args, **kwargs)


class OfficeListView(StaffRequiredMixin, ExportMixin, SingleTableMixin, FilterView):
    """A scoped, filtered, sortable, paginated list with CSV/XLSX export of the filtered set.

    Subclasses set ``model``, ``table_class``, ``filterset_class`` and may set
    ``select_related`` / ``prefetch_related`` so that the page's query count does not grow
    with the rows.
    """

    template_name = "backoffice/list.html"
    paginate_by = 25
    select_related: tuple = ()
    prefetch_related: tuple = ()
    export_formats = ("csv", "xlsx")
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

    def get(self, request, *args, **kwargs):
        export_format = request.GET.get(self.export_trigger_param)
        exports = type(self).render_to_response is OfficeListView.render_to_response  # (not a view of its own)
        if not (exports and self.export_class.is_valid_format(export_format)):
            return super().get(request, *args, **kwargs)
        # An export needs the filtered set only: FilterView.get would also build the page's table
        # and read (and decrypt) its first page, to be thrown away. Same filtering as FilterView.get.
        self.filterset = self.get_filterset(self.get_filterset_class())
        if not self.filterset.is_bound or self.filterset.is_valid() or not self.get_strict():
            self.object_list = self.filterset.qs
        else:
            self.object_list = self.filterset.queryset.none()
        return self.create_export(export_format)

    def get_export_filename(self, export_format):
        return f"{self.model._meta.model_name}.{export_format}"

    def create_export(self, export_format):
        """Stream the filtered, ordered set in constant memory (``apps.core.export``): rows are
        read with ``.iterator()`` and rendered by the table's own (masking) columns."""
        if export_format not in self.export_formats:
            raise Http404
        table = self.get_table_class()(data=self.get_table_data(), exclude=self.exclude_columns or None,
                                       **self.get_table_kwargs())
        RequestConfig(self.request, paginate=False).configure(table)
        rows = table_rows(table)
        filename = self.get_export_filename(export_format)
        if export_format == "xlsx":
            response = xlsx_response(filename, rows, title=str(self.title or self.model._meta.verbose_name_plural))
        else:
            response = csv_response(filename, rows)
        audit_event_record(
            actor=self.request.user, action=AuditAction.EXPORT, model=self.model,
            row_count=self.object_list.count(),
            detail={"format": export_format, "query": self.request.GET.urlencode()},
            request=self.request,
        )
        return response

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
