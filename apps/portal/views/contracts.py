"""Contracts where the organization is the provider: targets and actuals, milestones and
payments (read-only), progress reports with evidence and the purchaser's comments."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, View

from apps.audit.models import AuditAction
from apps.audit.services import audit_event_record
from apps.organizations.models import Attachment
from apps.procurement.models import Contract
from apps.procurement.portal_services import progress_report_submit_with_evidence, report_evidence
from apps.procurement.selectors import target_progress
from apps.web import errors

from ..filters.work import PortalContractFilter
from ..forms.contracts import ProgressReportForm
from ..tables.contracts import PortalContractTable
from .base import PortalViewMixin
from .lists import PortalListView


def contract_for(view, pk):
    return view.scope.get_or_404(Contract.objects.select_related("project__purchaser", "provider"), pk=pk)


class ContractListView(PortalListView):
    model = Contract
    table_class = PortalContractTable
    filterset_class = PortalContractFilter
    select_related = ("project__purchaser", "provider")


class ContractDetailView(PortalViewMixin, DetailView):
    template_name = "portal/work/contract_detail.html"
    context_object_name = "contract"

    def get_object(self, queryset=None):
        return contract_for(self, self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        contract = self.object
        reports = list(contract.reports.order_by("-period_end", "-pk"))
        return super().get_context_data(
            progress=target_progress([contract])[contract.pk], payments=contract.payments.order_by("planned_on"),
            reports=reports, evidence=report_evidence(self.request.organization, reports),
            report_form=kwargs.pop("report_form", None) or ProgressReportForm(),
            can_edit=self.request.membership.has_role("editor"), **kwargs)


class ProgressReportSubmitView(PortalViewMixin, FormView):
    required_role = "editor"
    form_class = ProgressReportForm
    template_name = "portal/work/form.html"

    @cached_property
    def contract(self):
        return contract_for(self, self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=_("Progress report for %(number)s") % {"number": self.contract.number},
                                        multipart=True, **kwargs)

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        files = data.pop("evidence")
        try:
            progress_report_submit_with_evidence(actor=self.request.user, contract=self.contract, files=files, **data)
        except ValidationError as error:
            errors.add_to_form(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Progress report submitted."))
        return redirect("portal:work_contract_detail", org=self.request.organization.code, pk=self.contract.pk)


class AttachmentDownloadView(PortalViewMixin, View):
    """A file of the organization's own (evidence, annual report), through its scope."""

    def get(self, request, *args, **kwargs):
        attachment = self.scope.get_or_404(Attachment.objects, pk=kwargs["pk"])
        audit_event_record(actor=request.user, action=AuditAction.DOWNLOAD, obj=attachment, request=request)
        return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.filename)
