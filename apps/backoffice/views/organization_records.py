"""Records around one organization: annual reports, grades, credit listings, penalties, Party
building, incubation and attached files (uploaded here, downloaded only through a checked view)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView

from apps.audit.models import AuditAction
from apps.audit.services import audit_event_record
from apps.core.scoping import get_visible_or_404
from apps.organizations import services
from apps.organizations.models import (
    AnnualReport, Attachment, CreditListing, EvaluationGrade, IncubationRecord, Penalty,
)

from ..forms.organizations import (
    AnnualReportForm, AttachmentForm, CreditListingForm, CreditListingRemoveForm, EvaluationGradeForm,
    IncubationForm, PartyBuildingForm, PenaltyForm,
)
from .base import StaffRequiredMixin
from .organizations import DecisionRequiredMixin, OrganizationChildMixin, detail_url

TEMPLATE = "backoffice/organizations/record_form.html"


class RecordFormView(OrganizationChildMixin, FormView):
    """Add or edit one record of an organization reached through the user's scope.

    Subclasses set ``form_class``, ``title``, ``tab`` and ``saved_message`` and implement
    ``save(form)``; a ``ValidationError`` from the service is shown on the form.
    """

    template_name = TEMPLATE
    title = ""
    tab = "profile"
    saved_message = gettext_lazy("Saved.")
    record_model = None

    @cached_property
    def record(self):
        """Edit views: the record named by ``record_pk``, through the same scope."""
        if "record_pk" not in self.kwargs:
            return None
        record = get_visible_or_404(self.record_model.objects, self.request.user, pk=self.kwargs["record_pk"])
        if record.organization_id != self.organization.pk:
            raise Http404
        return record

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.record_model is not None:
            kwargs["instance"] = self.record or self.record_model(organization=self.organization)
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=self.title, **kwargs)

    def form_valid(self, form):
        try:
            self.save(form)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, self.saved_message)
        return redirect(detail_url(self.organization, self.tab))

    def save(self, form):
        raise NotImplementedError


class AnnualReportView(StaffRequiredMixin, RecordFormView):
    form_class = AnnualReportForm
    record_model = AnnualReport
    title = gettext_lazy("Annual report")
    tab = "reports"
    saved_message = gettext_lazy("The annual report was saved.")

    def save(self, form):
        services.annual_report_save(report=form.instance, file=form.cleaned_data.get("file"), actor=self.request.user)


class GradeCreateView(DecisionRequiredMixin, RecordFormView):
    form_class = EvaluationGradeForm
    record_model = EvaluationGrade
    title = gettext_lazy("Record an evaluation grade")
    tab = "grades"
    saved_message = gettext_lazy("The evaluation grade was recorded.")

    def save(self, form):
        services.grade_record(grade=form.instance, file=form.cleaned_data.get("file"), actor=self.request.user)


class CreditListingCreateView(DecisionRequiredMixin, RecordFormView):
    form_class = CreditListingForm
    record_model = CreditListing
    title = gettext_lazy("Record a credit listing")
    tab = "credit"
    saved_message = gettext_lazy("The credit listing was recorded.")

    def save(self, form):
        services.credit_listing_add(listing=form.instance, file=form.cleaned_data.get("file"),
                                    actor=self.request.user)


class CreditListingRemoveView(DecisionRequiredMixin, RecordFormView):
    form_class = CreditListingRemoveForm
    record_model = CreditListing
    title = gettext_lazy("Remove from the credit list")
    tab = "credit"
    saved_message = gettext_lazy("The organization was removed from the list.")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        del kwargs["instance"]
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(record=self.record, **kwargs)

    def save(self, form):
        services.credit_listing_remove(listing=self.record, removed_on=form.cleaned_data["removed_on"],
                                       reason=form.cleaned_data["reason"], actor=self.request.user)


class PenaltyCreateView(DecisionRequiredMixin, RecordFormView):
    form_class = PenaltyForm
    record_model = Penalty
    title = gettext_lazy("Record an administrative penalty")
    tab = "credit"
    saved_message = gettext_lazy("The penalty was recorded.")

    def save(self, form):
        form.save()


class PartyBuildingView(StaffRequiredMixin, RecordFormView):
    form_class = PartyBuildingForm
    title = gettext_lazy("Party building")
    tab = "party"
    saved_message = gettext_lazy("Party building was saved.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.organization}

    def save(self, form):
        form.save()


class IncubationView(StaffRequiredMixin, RecordFormView):
    form_class = IncubationForm
    record_model = IncubationRecord
    title = gettext_lazy("Incubation")
    tab = "party"
    saved_message = gettext_lazy("The incubation record was saved.")

    def save(self, form):
        form.save()


class AttachmentCreateView(StaffRequiredMixin, RecordFormView):
    form_class = AttachmentForm
    title = gettext_lazy("Upload a file")
    saved_message = gettext_lazy("The file was uploaded.")

    def save(self, form):
        services.attachment_create(organization=self.organization, actor=self.request.user, **form.cleaned_data)


class AttachmentDownloadView(StaffRequiredMixin, View):
    """Files are never served by the web server: only here, to users who may see the
    organization (404 otherwise), and every download is audited."""

    def get(self, request, pk):
        attachment = get_visible_or_404(Attachment.objects.select_related("organization"), request.user, pk=pk)
        try:
            handle = attachment.file.open("rb")
        except FileNotFoundError:
            raise Http404(_("The file is missing from storage.")) from None
        audit_event_record(actor=request.user, action=AuditAction.DOWNLOAD, obj=attachment.organization,
                           detail={"attachment": attachment.pk, "file": attachment.filename}, request=request)
        return FileResponse(handle, as_attachment=True, filename=attachment.filename)
