"""The portal's list pages: django-filter + django-tables2 over the current organization's rows,
with CSV/XLSX export of the filtered set (audited), like the back office's ``OfficeListView``."""

from django.utils.translation import gettext as _
from django_filters.views import FilterView
from django_tables2 import LazyPaginator, SingleTableMixin
from django_tables2.export import ExportMixin

from apps.audit.models import AuditAction
from apps.audit.services import audit_event_record

from .base import PortalViewMixin


class PortalListView(PortalViewMixin, ExportMixin, SingleTableMixin, FilterView):
    """Subclasses set ``model``, ``table_class``, ``filterset_class`` and ``select_related`` so
    that the page's query count does not grow with the rows. Every row comes from
    ``model.objects.for_organization(request.organization)``."""

    template_name = "portal/work/list.html"
    paginate_by = 25
    select_related: tuple = ()
    export_formats = ("csv", "xlsx")
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

    def get_export_filename(self, export_format):
        return f"{self.model._meta.model_name}.{export_format}"

    def create_export(self, export_format):
        response = super().create_export(export_format)
        audit_event_record(
            actor=self.request.user, action=AuditAction.EXPORT, model=self.model,
            row_count=self.object_list.count(), request=self.request,
            detail={"format": export_format, "query": self.request.GET.urlencode(), "portal": True,
                    "organization": self.request.organization.pk},
        )
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = self.title or self.model._meta.verbose_name_plural
        context["export_formats"] = self.export_formats
        context["can_edit"] = self.request.membership.has_role("editor")
        return context


def form_errors(form):
    """All of a form's errors as one line (for messages after a POST-only action)."""
    return " ".join(e for errors in form.errors.values() for e in errors) or _("Check the input.")
