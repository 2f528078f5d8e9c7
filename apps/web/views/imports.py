"""The import pages' steps, shared by the back office (a staff member's area) and the portal (an
organization's own volunteers and records, issue 16.3): upload, preview, import all rows or none,
retry or cancel a job whose background worker stopped. Jobs are loaded through the scope, so
another tenant's job answers 404; an audience names its URLs (``url_prefix``) and the kinds it
may import (``kinds``)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from apps.core.export import content_disposition
from apps.imports import services
from apps.imports.importers import IMPORTERS
from apps.imports.models import ImportJob, ImportKind
from apps.imports.runs import import_job_reap
from apps.imports.templates_xlsx import template_workbook

from ..forms.imports import ImportCancelForm, ImportCommitForm, ImportRetryForm, ImportUploadForm
from .base import ScopedViewMixin


class ImportViewMixin(ScopedViewMixin):
    #: URL names of this audience's import pages start with it (``import_`` / ``work_import_``).
    url_prefix = "import_"
    #: The kinds this audience may import (None: all).
    kinds = None

    def organization(self):
        """The organization whose own rows a job imports (the portal's), or None (the back office's area)."""
        return self.scope.organization

    def import_urls(self, job=None):
        names = {"list": "list", "upload": "upload"}
        urls = {key: self.scope.url(self.url_prefix + name) for key, name in names.items()}
        if job is not None:
            for name in ("detail", "commit", "retry", "cancel"):
                urls[name] = self.scope.url(self.url_prefix + name, pk=job.pk)
        urls["templates"] = [(value, label, self.scope.url(self.url_prefix + "template", kind=value))
                             for value, label in ImportKind.choices if self.kinds is None or value in self.kinds]
        return urls

    def upload_form(self, *args):
        return ImportUploadForm(*args, kinds=self.kinds)

    def back(self, job):
        return self.scope.redirect(self.url_prefix + "detail", pk=job.pk)


def _forms(**bound):
    """The forms of a job's page (prefixed: each has its own confirmation box)."""
    return {"commit_form": bound.get("commit_form") or ImportCommitForm(),
            "retry_form": bound.get("retry_form") or ImportRetryForm(prefix="retry"),
            "cancel_form": bound.get("cancel_form") or ImportCancelForm(prefix="cancel")}


class ImportUploadView(ImportViewMixin, View):
    """Store the file and start its check. An invalid form shows the import page again."""

    list_view = None  # the audience's import page (a view class), shown again with the form's errors

    def post(self, request, *args, **kwargs):
        form = self.upload_form(request.POST, request.FILES)
        if not form.is_valid():
            view = self.list_view()
            view.setup(request, *args, **kwargs)
            response = view.get(request, *args, **kwargs)
            response.context_data["upload_form"] = form
            return response
        job = services.import_job_create(actor=request.user, kind=form.cleaned_data["kind"],
                                         upload=form.cleaned_data["file"], organization=self.organization())
        services.import_start(job=job, stage="check", request=request)
        return self.back(job)


class ImportJobMixin(ImportViewMixin):
    @cached_property
    def job(self):
        return self.scope.get_or_404(ImportJob.objects.select_related("created_by"), pk=self.kwargs["pk"])

    def page(self, job, **forms):
        return {"job": job, "title": str(job), "import_urls": self.import_urls(job), **_forms(**forms)}


class ImportDetailView(ImportJobMixin, TemplateView):
    """A job's page. A job whose worker stopped beating is given up here, when viewed."""

    def get_context_data(self, **kwargs):
        job = import_job_reap(job=self.job)
        return super().get_context_data(**self.page(job, **kwargs), **kwargs)


class ImportCommitView(ImportJobMixin, TemplateView):
    """Import a checked file: asks for confirmation, then writes all rows or none."""

    def get(self, request, *args, **kwargs):
        return self.back(self.job)

    def post(self, request, *args, **kwargs):
        job = self.job
        form = ImportCommitForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(**self.page(job, commit_form=form)))
        try:
            job = services.import_start(job=job, stage="commit", request=request)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return self.back(job)
        if job.status == "done":
            messages.success(request, _("Imported %(new)d new and %(updated)d updated rows (%(unchanged)d unchanged).")
                             % {"new": job.new_rows, "updated": job.update_rows, "unchanged": job.unchanged_rows})
        return self.back(job)


class _ConfirmedStepView(ImportJobMixin, TemplateView):
    """A step on a job after a ticked confirmation box (POST only); the page again otherwise."""

    http_method_names = ["post"]
    form_class = prefix = None
    done_message = ""

    def step(self, job):
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        job = self.job
        form = self.form_class(request.POST, prefix=self.prefix)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(**self.page(job, **{f"{self.prefix}_form": form})))
        try:
            self.step(job)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, self.done_message)
        return self.back(job)


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


class ImportTemplateView(ImportViewMixin, View):
    """The template workbook of one kind of import, with Chinese headers and instructions."""

    def get(self, request, *args, kind, **kwargs):
        if kind not in IMPORTERS or (self.kinds is not None and kind not in self.kinds):
            raise Http404
        community = self.scope.communities().first()
        response = HttpResponse(
            template_workbook(IMPORTERS[kind], place_name=community.name if community else ""),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        name = _("Import template of %(kind)s") % {"kind": ImportKind(kind).label}
        response["Content-Disposition"] = content_disposition(f"{name}.xlsx", fallback=f"import-{kind}.xlsx")
        return response


def upload_context(view, **kwargs):
    """What an audience's import page adds to its context: the upload form and the URLs."""
    return {"upload_form": kwargs.get("upload_form") or view.upload_form(), "import_urls": view.import_urls()}
