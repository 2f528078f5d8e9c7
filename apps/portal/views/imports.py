"""An organization imports its own volunteers and service records (issue 16.3): the back office's
import steps (``apps.web.views.imports``) over the organization. New volunteers join it; updates
and records may only name its current members and its own activities; the same preview and
all-or-nothing import. Editors and admins: the job pages show the rows' cells."""

from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from apps.imports.models import PORTAL_KINDS, ImportJob
from apps.web.views import imports as shared

from .base import PortalViewMixin

DETAIL_TEMPLATE = "portal/work/import_detail.html"
RECENT_JOBS = 20


class PortalImportMixin(PortalViewMixin, shared.ImportViewMixin):
    required_role = "editor"
    url_prefix = "work_import_"
    kinds = PORTAL_KINDS


class ImportListView(PortalImportMixin, TemplateView):
    """Upload form, template downloads and the organization's recent imports."""

    template_name = "portal/work/import_list.html"
    extra_context = {"title": gettext_lazy("Import from spreadsheets")}

    def get_context_data(self, **kwargs):
        jobs = (self.scope.rows(ImportJob.objects).select_related("created_by")
                .order_by("-created_at", "-pk")[:RECENT_JOBS])
        return super().get_context_data(jobs=jobs, **shared.upload_context(self, **kwargs), **kwargs)


class ImportUploadView(PortalImportMixin, shared.ImportUploadView):
    list_view = ImportListView


class ImportDetailView(PortalImportMixin, shared.ImportDetailView):
    template_name = DETAIL_TEMPLATE


class ImportCommitView(PortalImportMixin, shared.ImportCommitView):
    template_name = DETAIL_TEMPLATE


class ImportRetryView(PortalImportMixin, shared.ImportRetryView):
    template_name = DETAIL_TEMPLATE


class ImportCancelView(PortalImportMixin, shared.ImportCancelView):
    template_name = DETAIL_TEMPLATE


class ImportTemplateView(PortalImportMixin, shared.ImportTemplateView):
    pass
