"""The list page of both audiences: django-filter + django-tables2 over the scope's rows, with
CSV/XLSX export of the filtered set (streamed and audited by ``StreamingExportMixin``)."""

from django.utils.translation import gettext as _
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

    def filters_applied(self):
        """Whether the request narrows the list by a filter (sorting and paging do not)."""
        filterset = getattr(self, "filterset", None)
        if filterset is None:
            return False
        return any(self.request.GET.get(name, "").strip() for name in filterset.form.fields)

    def get_table(self, **kwargs):
        table = super().get_table(**kwargs)
        # An empty table says why: nothing matches the filters (the page offers to reset them),
        # or nothing has been recorded yet (the page offers to add the first).
        things = self.model._meta.verbose_name_plural
        if self.filters_applied():
            table.empty_text = _("No %(things)s match these filters.") % {"things": things}
        else:
            table.empty_text = _("No %(things)s yet.") % {"things": things}
        return table

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "request": self.request, "scope": self.scope}

    def export_audit_detail(self):
        return self.scope.audit_detail()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = self.title or self.model._meta.verbose_name_plural
        context["export_formats"] = self.export_formats
        context["can_edit"] = self.scope.allows("editor")
        context["filters_applied"] = self.filters_applied()
        page = getattr(context.get("table"), "page", None)
        # (the page's rows are a list already: LazyPaginator fetched them)
        context["list_is_empty"] = page is not None and not page.object_list
        return context
