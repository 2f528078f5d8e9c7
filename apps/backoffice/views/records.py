"""Service records: list with bulk confirmation, a record's page with dispute / void /
correction, the national-system CSV export, and certificate steps (the record and certificate
steps are shared with the portal: ``apps.web.views.records`` / ``certificates``)."""

from django.contrib import messages
from django.http import HttpResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView

from apps.activities import certificates
from apps.activities.models import ServiceRecord
from apps.activities.national_export import national_csv
from apps.audit.models import AuditAction
from apps.audit.selectors import object_history
from apps.audit.services import audit_event_record
from apps.volunteers.models import Volunteer
from apps.volunteers.permissions import can_reveal_personal_data
from apps.web.errors import form_errors
from apps.web.forms.records import CertificateRequestForm
from apps.web.views import certificates as shared_certificates
from apps.web.views import records as shared

from ..filters.records import ServiceRecordFilter
from ..tables.records import ServiceRecordTable
from .base import OfficeListView, StaffRequiredMixin


class ServiceRecordListView(OfficeListView):
    model = ServiceRecord
    table_class = ServiceRecordTable
    filterset_class = ServiceRecordFilter
    select_related = ("volunteer", "activity__organization")
    template_name = "backoffice/activities/record_list.html"


class RecordsConfirmView(StaffRequiredMixin, shared.RecordsConfirmView):
    list_url = "record_list"

    def done_url(self):
        # Back to the list page the records were ticked on (its filters and page), never elsewhere.
        next_url = str(self.request.POST.get("next", ""))
        return next_url if next_url.startswith("/office/") else super().done_url()


class RecordDetailView(shared.RecordDetailMixin, StaffRequiredMixin, DetailView):
    model = ServiceRecord
    template_name = "backoffice/activities/record_detail.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(history=object_history(self.object), **kwargs)


class RecordCorrectView(StaffRequiredMixin, shared.RecordCorrectView):
    record_url = "record_detail"


class RecordStatusView(StaffRequiredMixin, shared.RecordStatusView):
    record_url = "record_detail"


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
                                   "query": self.audited_query()})
        return response


class CertificateRequestView(StaffRequiredMixin, FormView):
    form_class = CertificateRequestForm
    http_method_names = ["post"]

    @cached_property
    def volunteer(self):
        return self.scope.get_or_404(Volunteer.objects, pk=self.kwargs["pk"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "scope": self.scope, "volunteer": self.volunteer}

    def form_valid(self, form):
        data = form.cleaned_data
        certificates.certificate_request(actor=self.request.user, volunteer=self.volunteer,
                                         organization=data["organization"], community=self.volunteer.community,
                                         period_start=data["period_start"], period_end=data["period_end"])
        messages.success(self.request, _("Certificate requested."))
        return self.scope.redirect("volunteer_detail", anchor="#certificates", pk=self.volunteer.pk)

    def form_invalid(self, form):
        messages.error(self.request, form_errors(form))
        return self.scope.redirect("volunteer_detail", pk=self.volunteer.pk)


class OfficeCertificateMixin(StaffRequiredMixin):
    def certificate_page(self, certificate):
        return reverse("office:volunteer_detail", args=[certificate.volunteer_id]) + "#certificates"


class CertificateStepView(OfficeCertificateMixin, shared_certificates.CertificateStepView):
    pass


class CertificatePdfView(OfficeCertificateMixin, shared_certificates.CertificatePdfView):
    pass
