"""Imports of organizations, volunteers and service records (issue 7): upload, preview, import;
retry or cancel a job whose background worker stopped (issue 14.12). The steps are shared with the
portal (``apps.web.views.imports``); here they run over the staff member's area."""

from django.utils.translation import gettext as _

from apps.imports.models import ImportJob
from apps.web.views import imports as shared

from ..filters.imports import ImportJobFilter
from ..tables.imports import ImportJobTable
from .base import OfficeListView, StaffRequiredMixin

DETAIL_TEMPLATE = "backoffice/imports/detail.html"


class ImportListView(shared.ImportViewMixin, OfficeListView):
    """The import page: upload form, template downloads and the area's recent imports."""

    model = ImportJob
    table_class = ImportJobTable
    filterset_class = ImportJobFilter
    template_name = "backoffice/imports/list.html"
    select_related = ("created_by",)
    export_formats = ()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Import from spreadsheets")
        context.update(shared.upload_context(self, **kwargs))
        return context


class ImportUploadView(StaffRequiredMixin, shared.ImportUploadView):
    list_view = ImportListView


class ImportDetailView(StaffRequiredMixin, shared.ImportDetailView):
    template_name = DETAIL_TEMPLATE


class ImportCommitView(StaffRequiredMixin, shared.ImportCommitView):
    template_name = DETAIL_TEMPLATE


class ImportRetryView(StaffRequiredMixin, shared.ImportRetryView):
    template_name = DETAIL_TEMPLATE


class ImportCancelView(StaffRequiredMixin, shared.ImportCancelView):
    template_name = DETAIL_TEMPLATE


class ImportTemplateView(StaffRequiredMixin, shared.ImportTemplateView):
    pass
