"""The portal's list pages: django-filter + django-tables2 over the current organization's rows,
with CSV/XLSX export of the filtered set (streamed and audited by ``StreamingExportMixin``, as in
the back office's ``OfficeListView``)."""

from django.utils.translation import gettext as _
from django_filters.views import FilterView
from django_tables2 import LazyPaginator, SingleTableMixin

from apps.core.list_exports import StreamingExportMixin

from .base import PortalViewMixin


class PortalListView(PortalViewMixin, StreamingExportMixin, SingleTableMixin, FilterView):
    """Subclasses set ``model``, ``table_class``, ``filterset_class`` and ``select_related`` so
    that the page's query count does not grow with the rows. Every row comes from
    ``model.objects.for_organization(request.organization)``."""

    template_name = "portal/work/list.html"
    paginate_by = 25
    select_related: tuple = ()
    title = ""

    def get_table_pagination(self, table):
        return {"per_page": self.paginate_by, "paginator_class": LazyPaginator}

    def get_queryset(self):
        queryset = self.model.objects.for_organization(self.request.organization)
        if self.select_related:
            queryset = queryset.select_related(*self.select_related)
        return queryset

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "request": self.request}

    def export_audit_detail(self):
        return {"portal": True, "organization": self.request.organization.pk}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = self.title or self.model._meta.verbose_name_plural
        context["export_formats"] = self.export_formats
        context["can_edit"] = self.request.membership.has_role("editor")
        return context


def form_errors(form):
    """All of a form's errors as one line (for messages after a POST-only action)."""
    return " ".join(e for errors in form.errors.values() for e in errors) or _("Check the input.")
