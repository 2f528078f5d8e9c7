"""Purchased-service contracts and their delivery: award, disclosure dates, supplementary
agreements, targets, payments, progress reports, acceptance and evaluations."""

from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import DetailView

from apps.audit.models import AuditAction
from apps.audit.selectors import object_history
from apps.audit.services import audit_event_record
from apps.core.scoping import get_visible_or_404
from apps.procurement import eligibility, selectors, services
from apps.procurement.models import (
    Contract, PaymentMilestone, PerformanceTarget, ProgressReport, Project, ReportStatus,
)
from apps.procurement.permissions import can_manage_area
from apps.procurement.portal_services import reports_with_evidence
from apps.procurement.workdays import EnteredYears, provisional_deadlines

from ..filters.procurement import ContractFilter
from ..forms.procurement import (
    AcceptanceForm, ContractAwardForm, DisclosureForm, EvaluationForm, PaymentPlanForm, PaymentRecordForm,
    ProgressReportForm, ReportReviewForm, SupplementForm, TargetCountForm, TargetForm,
)
from ..tables.procurement import ContractTable
from .base import OfficeListView, OfficeObjectMixin, StaffRequiredMixin
from .procurement_base import ProcurementFormView


class ContractListView(OfficeListView):
    model = Contract
    table_class = ContractTable
    filterset_class = ContractFilter
    select_related = ("project__purchaser", "provider")
    title = _("Purchased-service contracts")

    def get_table_kwargs(self):
        return {"today": timezone.localdate()}


class ContractDetailView(OfficeObjectMixin, DetailView):
    model = Contract
    template_name = "backoffice/procurement/contract_detail.html"

    def get_object(self, queryset=None):
        contract = super().get_object(queryset)
        return Contract.objects.select_related("project__purchaser", "provider", "awarded_by").get(pk=contract.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        contract = self.object
        evaluations = list(contract.evaluations.all())
        provisional = provisional_deadlines(contract, EnteredYears.read())
        context.update(
            provisional_deadlines=provisional, provisional_keys={deadline.key for deadline in provisional},
            today=timezone.localdate(),
            can_manage=can_manage_area(self.request.user, contract.project.purchaser),
            progress=selectors.target_progress([contract])[contract.pk],
            activity_link=selectors.activity_link_available(),
            # The activities whose records count towards the targets (newest first, capped).
            linked_activities=selectors.linked_activities(contract)[:20],
            linked_activity_count=contract.activities.count(),
            total=services.contract_total(contract),
            supplements=contract.supplements.all(),
            payments=contract.payments.all(),
            reports=reports_with_evidence(
                contract.reports.select_related("submitted_by", "reviewed_by", "contract__provider")),
            acceptances=contract.acceptances.select_related("recorded_by"),
            evaluations=evaluations, weighted=selectors.weighted_score(evaluations),
            history=object_history(contract),
        )
        return context


class ContractChildFormView(ProcurementFormView):
    """A form about one contract; back to the contract afterwards."""

    parent_model = Contract

    def purchaser_of(self, parent):
        return parent.project.purchaser

    @property
    def contract(self):
        return self.parent

    def get_success_url(self):
        return reverse("office:procurement_contract_detail", args=[self.contract.pk])


class ContractAwardView(ProcurementFormView):
    parent_model = Project
    form_class = ContractAwardForm
    template_name = "backoffice/procurement/contract_award.html"
    title = _("Award a contract")
    confirm_note = _("The provider's eligibility is checked on the signing day. A contract cannot be deleted.")

    def purchaser_of(self, parent):
        return parent.purchaser

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        on_date, chosen = self.judged_on(form)
        context.update(
            spend=selectors.project_spend(self.parent), candidates_on=on_date, chosen=chosen,
            candidates=eligibility.award_candidates(form.fields["provider"].queryset, on_date=on_date, chosen=chosen),
            candidates_shown=eligibility.CANDIDATES_SHOWN,
        )
        return context

    @staticmethod
    def judged_on(form):
        """The day the candidates are judged on (the signing date entered, else today) and the
        chosen provider's pk, from a form that was posted."""
        today = timezone.localdate()
        cleaned = getattr(form, "cleaned_data", None) or {}
        signed_on, provider = cleaned.get("signed_on"), cleaned.get("provider")
        return (signed_on if signed_on and signed_on <= today else today), (provider.pk if provider else None)

    def perform(self, form):
        self.contract = services.contract_award(actor=self.request.user, project=self.parent, **form.cleaned_data)

    def get_success_url(self):
        if getattr(self, "contract", None) is not None:
            return reverse("office:procurement_contract_detail", args=[self.contract.pk])
        return reverse("office:procurement_project_detail", args=[self.kwargs["pk"]])


class ContractDisclosureView(ContractChildFormView):
    form_class = DisclosureForm
    title = _("Record publication and filing")
    confirm_note = _("Once recorded, a date cannot be changed.")

    def perform(self, form):
        services.contract_disclosure_record(actor=self.request.user, contract=self.contract, **form.cleaned_data)


class SupplementCreateView(ContractChildFormView):
    form_class = SupplementForm
    title = _("Add a supplementary agreement")
    confirm_note = _("Supplementary agreements may total at most 10 percent of the original amount.")

    def perform(self, form):
        services.supplement_add(actor=self.request.user, contract=self.contract, **form.cleaned_data)


class TargetCreateView(ContractChildFormView):
    form_class = TargetForm
    title = _("Add a performance target")

    def perform(self, form):
        services.target_set(actor=self.request.user, contract=self.contract, **form.cleaned_data)


class TargetCountView(ContractChildFormView):
    parent_model = PerformanceTarget
    form_class = TargetCountForm
    title = _("Record the count of a custom item")

    def purchaser_of(self, parent):
        return parent.contract.project.purchaser

    @property
    def contract(self):
        return self.parent.contract

    def perform(self, form):
        services.target_count_record(actor=self.request.user, target=self.parent, **form.cleaned_data)


class PaymentPlanView(ContractChildFormView):
    form_class = PaymentPlanForm
    title = _("Plan a payment")

    def perform(self, form):
        services.payment_plan(actor=self.request.user, contract=self.contract, **form.cleaned_data)


class PaymentRecordView(TargetCountView):
    parent_model = PaymentMilestone
    form_class = PaymentRecordForm
    title = _("Record a payment")
    confirm_note = _("A recorded payment cannot be changed.")

    def perform(self, form):
        services.payment_record(actor=self.request.user, payment=self.parent, **form.cleaned_data)


class ReportCreateView(ContractChildFormView):
    form_class = ProgressReportForm
    title = _("Enter a progress report handed in by the provider")

    def perform(self, form):
        services.progress_report_submit(actor=self.request.user, contract=self.contract, **form.cleaned_data)


class ReportReviewView(TargetCountView):
    parent_model = ProgressReport
    form_class = ReportReviewForm
    template_name = "backoffice/procurement/report_review.html"
    title = _("Review a progress report")

    def perform(self, form):
        services.progress_report_review(actor=self.request.user, report=self.parent,
                                        accept=form.cleaned_data["decision"] == "accept",
                                        comment=form.cleaned_data["comment"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(report=self.parent, reviewable=self.parent.status == ReportStatus.SUBMITTED,
                                        evidence=reports_with_evidence([self.parent])[0].evidence, **kwargs)


class ReportEvidenceDownloadView(StaffRequiredMixin, View):
    """An evidence file of a progress report, to staff who may see the report (its contract's
    purchaser is in their area), whatever the provider's own area; every download is audited."""

    def get(self, request, pk, attachment_pk):
        report = get_visible_or_404(ProgressReport.objects.select_related("contract__provider"), request.user, pk=pk)
        attachment = next((file for file in reports_with_evidence([report])[0].evidence if file.pk == attachment_pk),
                          None)
        if attachment is None:
            raise Http404(_("No such file for this report."))
        try:
            handle = attachment.file.open("rb")
        except FileNotFoundError:
            raise Http404(_("The file is missing from storage.")) from None
        audit_event_record(actor=request.user, action=AuditAction.DOWNLOAD, obj=report,
                           detail={"attachment": attachment.pk, "file": attachment.evidence_name,
                                   "organization": report.contract.provider_id}, request=request)
        return FileResponse(handle, as_attachment=True, filename=attachment.evidence_name)


class AcceptanceCreateView(ContractChildFormView):
    form_class = AcceptanceForm
    title = _("Record the acceptance")
    confirm_note = _("When every contract of the project has passed, the project becomes accepted.")

    def perform(self, form):
        services.acceptance_record(actor=self.request.user, contract=self.contract, **form.cleaned_data)


class EvaluationCreateView(ContractChildFormView):
    form_class = EvaluationForm
    title = _("Record a performance evaluation")

    def perform(self, form):
        services.evaluation_record(actor=self.request.user, contract=self.contract, **form.cleaned_data)
