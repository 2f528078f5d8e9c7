"""A service record's page and the steps both audiences take on records: bulk confirmation,
correction (a new version), dispute and void."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, View

from apps.activities import services
from apps.activities.models import ServiceRecord

from ..errors import form_errors
from ..forms.records import ReasonForm, RecordCorrectionForm
from .base import ScopedViewMixin


def record_versions(record):
    """The earlier versions a record corrects, newest first."""
    chain, current = [], record
    while current.supersedes_id:
        current = current.supersedes
        chain.append(current)
    return chain


class RecordDetailMixin(ScopedViewMixin):
    """For a ``DetailView`` of a record: the correction and dispute / void forms, earlier versions."""

    def get_object(self, queryset=None):
        return self.scope.get_or_404(ServiceRecord.objects.select_related("activity", "volunteer"),
                                     pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        record = self.object
        return super().get_context_data(
            correction_form=RecordCorrectionForm(initial=RecordCorrectionForm.initial_for(record)),
            reason_form=ReasonForm(), versions=record_versions(record), can_correct=self.scope.allows("admin"),
            **kwargs)


class RecordsConfirmView(ScopedViewMixin, View):
    """Bulk confirmation of the ticked records (only pending ones within the scope)."""

    http_method_names = ["post"]
    list_url = ""  # URL name (without namespace) of the record list in this audience

    def post(self, request, *args, **kwargs):
        # ASCII digits only: str.isdigit() also takes "²", which the id look-up cannot convert (500).
        ids = [pk for pk in request.POST.getlist("select") if pk.isascii() and pk.isdigit()]
        records = self.scope.rows(ServiceRecord.objects).filter(pk__in=ids)
        count = services.records_confirm(actor=request.user, records=records, request=request)
        messages.success(request, _("%(count)d record(s) confirmed.") % {"count": count})
        return redirect(self.done_url())

    def done_url(self):
        return self.scope.url(self.list_url)


class RecordChildMixin(ScopedViewMixin):
    """POST steps on one record, loaded through the scope; back to ``record_url`` after."""

    http_method_names = ["post"]
    record_url = ""  # URL name (without namespace) of a record's page in this audience

    @cached_property
    def record(self):
        return self.scope.get_or_404(ServiceRecord.objects.select_related("activity", "volunteer"),
                                     pk=self.kwargs["pk"])

    def back(self, pk=None):
        return self.scope.redirect(self.record_url, pk=pk or self.record.pk)

    def form_invalid(self, form):
        messages.error(self.request, form_errors(form))
        return self.back()


class RecordCorrectView(RecordChildMixin, FormView):
    form_class = RecordCorrectionForm

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        reason = data.pop("reason")
        try:
            version = services.record_correct(actor=self.request.user, record=self.record, reason=reason,
                                              request=self.request, **data)
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
            return self.back()
        messages.success(self.request, _("Correction saved as a new version awaiting confirmation."))
        return self.back(version.pk)


class RecordStatusView(RecordChildMixin, FormView):
    form_class = ReasonForm

    def form_valid(self, form):
        action = services.record_dispute if form.cleaned_data["action"] == "dispute" else services.record_void
        try:
            action(actor=self.request.user, record=self.record, reason=form.cleaned_data["reason"],
                   request=self.request)
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
        return self.back()
