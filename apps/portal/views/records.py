"""Service records of the organization's activities: filtered list with export, bulk
confirmation, and a record's page with correction (new version) / dispute / void."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, View

from apps.activities import services
from apps.activities.models import ServiceRecord
from apps.backoffice.forms.records import ReasonForm, RecordCorrectionForm
from apps.backoffice.views.records import _versions

from ..filters.work import PortalRecordFilter
from ..tables.activities import PortalRecordTable
from .base import PortalViewMixin
from .lists import PortalListView, form_errors


def record_for(request, pk):
    return get_object_or_404(
        ServiceRecord.objects.for_organization(request.organization).select_related("activity", "volunteer"), pk=pk)


class RecordListView(PortalListView):
    model = ServiceRecord
    table_class = PortalRecordTable
    filterset_class = PortalRecordFilter
    select_related = ("volunteer", "activity__organization")
    template_name = "portal/work/record_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_confirm=self.request.membership.has_role("admin"), **kwargs)


class RecordsConfirmView(PortalViewMixin, View):
    """Bulk confirmation of the ticked records: only pending ones of this organization."""

    required_role = "admin"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        ids = [pk for pk in request.POST.getlist("select") if pk.isdigit()]
        records = ServiceRecord.objects.for_organization(request.organization).filter(pk__in=ids)
        count = services.records_confirm(actor=request.user, records=records, request=request)
        messages.success(request, _("%(count)d record(s) confirmed.") % {"count": count})
        return redirect("portal:work_record_list", org=request.organization.code)


class RecordDetailView(PortalViewMixin, DetailView):
    template_name = "portal/work/record_detail.html"
    context_object_name = "record"

    def get_object(self, queryset=None):
        return record_for(self.request, self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        record = self.object
        initial = {"started_at": record.started_at, "ended_at": record.ended_at, "hours": record.hours,
                   "content": record.content, "evaluation": record.evaluation}
        return super().get_context_data(
            correction_form=RecordCorrectionForm(initial=initial), reason_form=ReasonForm(),
            versions=_versions(record), can_correct=self.request.membership.has_role("admin"), **kwargs)


class RecordChildMixin(PortalViewMixin):
    required_role = "admin"
    http_method_names = ["post"]

    @cached_property
    def record(self):
        return record_for(self.request, self.kwargs["pk"])

    def back(self, pk=None):
        return redirect("portal:work_record_detail", org=self.request.organization.code, pk=pk or self.record.pk)

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
