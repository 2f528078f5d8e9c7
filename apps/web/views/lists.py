"""The list page of both audiences: django-filter + django-tables2 over the scope's rows, with
CSV/XLSX export of the filtered set (streamed and audited by ``StreamingExportMixin``)."""

from django.core.paginator import EmptyPage
from django.utils.translation import gettext as _
from django_filters.views import FilterView
from django_tables2 import LazyPaginator, SingleTableMixin

from apps.core.list_exports import StreamingExportMixin

from .base import ScopedViewMixin

MAX_PER_PAGE = 100
# The largest row offset SQLite's and PostgreSQL's 64-bit integers hold: a page beyond it would
# fail in the database (OFFSET out of range) instead of being merely empty.
MAX_ROW_OFFSET = 2**63 - 1


class ListPaginator(LazyPaginator):
    """``LazyPaginator`` for the page size and number a request asks for (``?per_page=``,
    ``?page=``): a size below 1 is the list's own, above ``MAX_PER_PAGE`` is ``MAX_PER_PAGE``; a
    page number the database cannot offset to is an empty page. django-tables2's ``RequestConfig``
    answers an empty page (below 1, past the end) and a page that is not a number with the first
    page, so every list of both audiences does the same: the lazy paginator never counts the rows,
    so it cannot know the last page."""

    def __init__(self, object_list, per_page, *, default_per_page, **kwargs):
        per_page = default_per_page if per_page < 1 else min(per_page, MAX_PER_PAGE)
        super().__init__(object_list, per_page, **kwargs)

    def validate_number(self, number):
        number = super().validate_number(number)
        if number * self.per_page + self.orphans + 1 > MAX_ROW_OFFSET:
            raise EmptyPage("beyond the largest row offset")  # never shown: RequestConfig shows page 1
        return number


class ScopedListView(ScopedViewMixin, StreamingExportMixin, SingleTableMixin, FilterView):
    """Subclasses set ``model``, ``table_class``, ``filterset_class`` and may set
    ``select_related`` / ``prefetch_related`` so that the page's query count does not grow with
    the rows. Every row comes from ``scope.rows(model.objects)``."""

    template_name = "includes/list.html"
    paginate_by = 25
    select_related: tuple = ()
    prefetch_related: tuple = ()
    title = ""
    tab = ""  # the current tab of a page that shows several lists as tabs (its template reads ``tab``)

    def get_table_pagination(self, table):
        # The lazy paginator never runs COUNT(*) over the whole filtered table.
        return {"per_page": self.paginate_by, "paginator_class": ListPaginator, "default_per_page": self.paginate_by}

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
        context.setdefault("tab", self.tab)
        return context
