"""Imports of organizations, volunteers and service records (issue 7): upload, preview, import;
retry or cancel a job whose background worker stopped (issue 14.12)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from apps.imports import services
from apps.imports.importers import IMPORTERS
from apps.imports.models import ImportJob, ImportKind
from apps.imports.runs import import_job_reap
from apps.imports.templates_xlsx import template_workbook

from ..filters.imports import ImportJobFilter
from ..forms.imports import ImportCancelForm, ImportCommitForm, ImportRetryForm, ImportUploadForm
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


def _forms(**bound):
    """The forms of a job's page (prefixed: each has its own confirmation box)."""
    return {"commit_form": bound.get("commit_form") or ImportCommitForm(),
            "retry_form": bound.get("retry_form") or ImportRetryForm(prefix="retry"),
            "cancel_form": bound.get("cancel_form") or ImportCancelForm(prefix="cancel")}


class ImportDetailView(OfficeObjectMixin, TemplateView):
    """A job's page. A job whose worker stopped beating is given up here, when viewed."""

    model = ImportJob
    template_name = "backoffice/imports/detail.html"

    def get_context_data(self, **kwargs):
        job = import_job_reap(job=self.get_object())
        return super().get_context_data(job=job, title=str(job), **_forms(**kwargs), **kwargs)


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
            return self.render_to_response({"job": job, "title": str(job), **_forms(commit_form=form)})
        try:
            job = services.import_start(job=job, stage="commit", request=request)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("office:import_detail", pk=job.pk)
        if job.status == "done":
            messages.success(request, _("Imported %(new)d new and %(updated)d updated rows.")
                             % {"new": job.new_rows, "updated": job.update_rows})
        return redirect("office:import_detail", pk=job.pk)


class _ConfirmedStepView(OfficeObjectMixin, TemplateView):
    """A step on a job after a ticked confirmation box (POST only); the page again otherwise."""

    model = ImportJob
    template_name = "backoffice/imports/detail.html"
    http_method_names = ["post"]
    form_class = prefix = None
    done_message = ""

    def step(self, job):
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        job = self.get_object()
        form = self.form_class(request.POST, prefix=self.prefix)
        if not form.is_valid():
            return self.render_to_response({"job": job, "title": str(job), **_forms(**{f"{self.prefix}_form": form})})
        try:
            self.step(job)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, self.done_message)
        return redirect("office:import_detail", pk=job.pk)


class ImportRetryView(_ConfirmedStepView):
    """Queue the stage whose background worker stopped again, from the stored file."""

    form_class, prefix = ImportRetryForm, "retry"
    done_message = gettext_lazy("The step was queued again.")

    def step(self, job):
        services.import_retry(job=job, actor=self.request.user, request=self.request)


class ImportCancelView(_ConfirmedStepView):
    form_class, prefix = ImportCancelForm, "cancel"
    done_message = gettext_lazy("The import was cancelled and its file deleted.")

    def step(self, job):
        services.import_cancel(job=job, actor=self.request.user, request=self.request)


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
