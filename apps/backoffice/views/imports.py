"""Imports of organizations, volunteers and service records (issue 7): upload, preview, import."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from apps.imports import services
from apps.imports.importers import IMPORTERS
from apps.imports.models import ImportJob, ImportKind
from apps.imports.templates_xlsx import template_workbook

from ..filters.imports import ImportJobFilter
from ..forms.imports import ImportCommitForm, ImportUploadForm
from ..tables.imports import ImportJobTable
from .base import OfficeListView, OfficeObjectMixin, StaffRequiredMixin


class ImportListView(OfficeListView):
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
        context["upload_form"] = kwargs.get("upload_form") or ImportUploadForm()
        context["kinds"] = ImportKind.choices
        return context


class ImportUploadView(StaffRequiredMixin, View):
    def post(self, request):
        form = ImportUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            view = ImportListView()
            view.setup(request)
            view.object_list = view.get_queryset()
            response = view.get(request)
            response.context_data["upload_form"] = form
            return response
        job = services.import_job_create(actor=request.user, kind=form.cleaned_data["kind"],
                                         upload=form.cleaned_data["file"])
        services.import_start(job=job, stage="check", request=request)
        return redirect("office:import_detail", pk=job.pk)


class ImportDetailView(OfficeObjectMixin, TemplateView):
    model = ImportJob
    template_name = "backoffice/imports/detail.html"

    def get_context_data(self, **kwargs):
        job = self.get_object()
        return super().get_context_data(
            job=job, title=str(job), commit_form=kwargs.get("commit_form") or ImportCommitForm(), **kwargs)


class ImportCommitView(OfficeObjectMixin, TemplateView):
    """Import a checked file: asks for confirmation, then writes all rows or none."""

    model = ImportJob
    template_name = "backoffice/imports/detail.html"

    def get(self, request, *args, **kwargs):
        return redirect("office:import_detail", pk=self.get_object().pk)

    def post(self, request, *args, **kwargs):
        job = self.get_object()
        form = ImportCommitForm(request.POST)
        if not form.is_valid():
            return self.render_to_response({"job": job, "title": str(job), "commit_form": form})
        try:
            job = services.import_start(job=job, stage="commit", request=request)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("office:import_detail", pk=job.pk)
        if job.status == "done":
            messages.success(request, _("Imported %(new)d new and %(updated)d updated rows.")
                             % {"new": job.new_rows, "updated": job.update_rows})
        return redirect("office:import_detail", pk=job.pk)


class ImportCancelView(OfficeObjectMixin, View):
    model = ImportJob

    def post(self, request, *args, **kwargs):
        job = self.get_object()
        try:
            services.import_cancel(job=job)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("office:import_detail", pk=job.pk)


class ImportTemplateView(StaffRequiredMixin, View):
    """The template workbook of one kind of import, with Chinese headers and instructions."""

    def get(self, request, kind):
        if kind not in IMPORTERS:
            raise Http404
        response = HttpResponse(
            template_workbook(IMPORTERS[kind]),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        response["Content-Disposition"] = f'attachment; filename="import-{kind}.xlsx"'
        return response
