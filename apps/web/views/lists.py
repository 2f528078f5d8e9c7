"""The list page of both audiences: django-filter + django-tables2 over the scope's rows, with
CSV/XLSX export of the filtered set (streamed and audited by ``StreamingExportMixin``)."""

from django_filters.views import FilterView
from django_tables2 import LazyPaginator, SingleTableMixin

from apps.core.list_exports import StreamingExportMixin

from .base import ScopedViewMixin


class ScopedListView(ScopedViewMixin, StreamingExportMixin, SingleTableMixin, FilterView):
    """Subclasses set ``model``, ``table_class``, ``filterset_class`` and may set
    ``select_related`` / ``prefetch_related`` so that the page's query count does not grow with
    the rows. Every row comes from ``scope.rows(model.objects)``."""

    template_name = "includes/list.html"
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
        queryset = self.scope.rows(self.model.objects)
        if self.select_related:
            queryset = queryset.select_related(*self.select_related)
        if self.prefetch_related:
            queryset = queryset.prefetch_related(*self.prefetch_related)
        return queryset

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "request": self.request, "scope": self.scope}

    def export_audit_detail(self):
        return self.scope.audit_detail()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = self.title or self.model._meta.verbose_name_plural
        context["export_formats"] = self.export_formats
        context["can_edit"] = self.scope.allows("editor")
        return context
