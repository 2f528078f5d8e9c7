"""Service records: list with bulk confirmation, a record's page with dispute / void /
correction, the national-system CSV export, and certificate steps."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, View

from apps.activities import certificates, services
from apps.activities.models import Certificate
from apps.activities.models import ServiceRecord
from apps.activities.national_export import national_csv
from apps.activities.pdf import certificate_pdf
from apps.audit.models import AuditAction
from apps.audit.selectors import object_history
from apps.audit.services import audit_event_record
from apps.core.scoping import get_visible_or_404
from apps.volunteers.models import Volunteer
from apps.volunteers.permissions import can_reveal_personal_data

from ..filters.records import ServiceRecordFilter
from ..forms.records import (
    CertificateIssueForm, CertificateRequestForm, CertificateRevokeForm, ReasonForm, RecordCorrectionForm,
)
from ..tables.records import ServiceRecordTable
from .base import OfficeListView, OfficeObjectMixin, StaffRequiredMixin


class ServiceRecordListView(OfficeListView):
    model = ServiceRecord
    table_class = ServiceRecordTable
    filterset_class = ServiceRecordFilter
    select_related = ("volunteer", "activity__organization")
    template_name = "backoffice/activities/record_list.html"


class RecordsConfirmView(StaffRequiredMixin, View):
    """Bulk confirmation of the ticked records (only pending ones within the user's scope)."""

    http_method_names = ["post"]

    def post(self, request):
        ids = [pk for pk in request.POST.getlist("select") if pk.isdigit()]
        records = ServiceRecord.objects.visible_to(request.user).filter(pk__in=ids)
        count = services.records_confirm(actor=request.user, records=records, request=request)
        messages.success(request, _("%(count)d record(s) confirmed.") % {"count": count})
        return redirect(request.POST.get("next") if str(request.POST.get("next", "")).startswith("/office/")
                        else reverse("office:record_list"))


class RecordDetailView(OfficeObjectMixin, DetailView):
    model = ServiceRecord
    template_name = "backoffice/activities/record_detail.html"

    def get_context_data(self, **kwargs):
        record = self.object
        initial = {"started_at": record.started_at, "ended_at": record.ended_at, "hours": record.hours,
                   "content": record.content, "evaluation": record.evaluation}
        return super().get_context_data(
            correction_form=kwargs.pop("correction_form", None) or RecordCorrectionForm(initial=initial),
            reason_form=ReasonForm(), history=object_history(record),
            versions=_versions(record), **kwargs)


def _versions(record):
    chain, current = [], record
    while current.supersedes_id:
        current = current.supersedes
        chain.append(current)
    return chain


class RecordChildMixin(StaffRequiredMixin):
    http_method_names = ["post"]

    @cached_property
    def record(self):
        return get_visible_or_404(ServiceRecord.objects.select_related("activity", "volunteer"), self.request.user,
                                  pk=self.kwargs["pk"])


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
            return redirect("office:record_detail", pk=self.record.pk)
        messages.success(self.request, _("Correction saved as a new version awaiting confirmation."))
        return redirect("office:record_detail", pk=version.pk)

    def form_invalid(self, form):
        messages.error(self.request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("office:record_detail", pk=self.record.pk)


class RecordStatusView(RecordChildMixin, FormView):
    form_class = ReasonForm

    def form_valid(self, form):
        action = services.record_dispute if form.cleaned_data["action"] == "dispute" else services.record_void
        try:
            action(actor=self.request.user, record=self.record, reason=form.cleaned_data["reason"],
                   request=self.request)
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
        return redirect("office:record_detail", pk=self.record.pk)

    def form_invalid(self, form):
        messages.error(self.request, _("Give a reason."))
        return redirect("office:record_detail", pk=self.record.pk)


class NationalExportView(ServiceRecordListView):
    """Filtered records as CSV for the national volunteer information system. Full ID numbers
    only for users who may reveal them; the export is audited either way."""

    def render_to_response(self, context, **response_kwargs):
        full = can_reveal_personal_data(self.request.user)
        records = self.object_list.select_related("volunteer", "activity__organization", "activity__community")
        response = HttpResponse(national_csv(records, full_id=full), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="national-service-records.csv"'
        audit_event_record(actor=self.request.user, action=AuditAction.EXPORT, model=ServiceRecord,
                           row_count=records.count(), request=self.request,
                           detail={"format": "national-csv", "full_id_numbers": full,
                                   "query": self.request.GET.urlencode()})
        return response


class CertificateRequestView(StaffRequiredMixin, FormView):
    form_class = CertificateRequestForm
    http_method_names = ["post"]

    @cached_property
    def volunteer(self):
        return get_visible_or_404(Volunteer.objects, self.request.user, pk=self.kwargs["pk"])

    def get_form_kwargs(self):
        from apps.organizations.models import Organization

        organizations = Organization.objects.visible_to(self.request.user).filter(
            pk__in=self.volunteer.memberships.values("organization"))
        return {**super().get_form_kwargs(), "organizations": organizations}

    def form_valid(self, form):
        data = form.cleaned_data
        certificates.certificate_request(actor=self.request.user, volunteer=self.volunteer,
                                         organization=data["organization"], community=self.volunteer.community,
                                         period_start=data["period_start"], period_end=data["period_end"])
        messages.success(self.request, _("Certificate requested."))
        return redirect(reverse("office:volunteer_detail", args=[self.volunteer.pk]) + "#certificates")

    def form_invalid(self, form):
        messages.error(self.request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("office:volunteer_detail", pk=self.volunteer.pk)


class CertificateStepView(StaffRequiredMixin, View):
    """accept / issue / revoke: one POST endpoint per step, the certificate through the scope."""

    http_method_names = ["post"]
    step = ""

    def post(self, request, pk):
        certificate = get_visible_or_404(Certificate.objects, request.user, pk=pk)
        try:
            if self.step == "accept":
                certificates.certificate_accept(actor=request.user, certificate=certificate)
            else:
                form_class = CertificateIssueForm if self.step == "issue" else CertificateRevokeForm
                form = form_class(request.POST)
                if not form.is_valid():
                    raise ValidationError([e for errors in form.errors.values() for e in errors])
                step = certificates.certificate_issue if self.step == "issue" else certificates.certificate_revoke
                step(actor=request.user, certificate=certificate, request=request, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(reverse("office:volunteer_detail", args=[certificate.volunteer_id]) + "#certificates")


class CertificatePdfView(OfficeObjectMixin, View):
    model = Certificate

    def get(self, request, pk):
        certificate = self.get_object()
        if not certificate.number:
            messages.error(request, _("The certificate has not been issued yet."))
            return redirect("office:volunteer_detail", pk=certificate.volunteer_id)
        verify_url = request.build_absolute_uri(reverse("public:verify_code", args=[certificate.verification_code]))
        response = HttpResponse(certificate_pdf(certificate, verify_url), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{certificate.number}.pdf"'
        audit_event_record(actor=request.user, action=AuditAction.DOWNLOAD, obj=certificate, request=request)
        return response
