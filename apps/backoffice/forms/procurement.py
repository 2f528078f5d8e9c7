"""Forms of the purchasing pages. They collect and type the input; the services decide
(each form's data goes to one service, whose ``ValidationError`` is shown on the form), so
``_post_clean`` skips model validation of a half-built instance."""

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.areas.models import Area
from apps.organizations.models import Organization, OrgStatus
from apps.procurement.models import (
    Acceptance, CatalogueItem, Contract, Evaluation, PaymentMilestone, PerformanceTarget, ProgressReport, Project,
    ProjectStatus, SupplementaryAgreement,
)
from apps.procurement.permissions import PURCHASER_LEVELS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ServiceForm(forms.ModelForm):
    def _post_clean(self):
        pass  # the service runs full_clean() on the object it builds


class CatalogueItemForm(ServiceForm):
    class Meta:
        model = CatalogueItem
        fields = ["parent", "code", "name", "description", "on_negative_list", "negative_reason", "is_active"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = CatalogueItem.objects.visible_to(user)


class ProjectForm(ServiceForm):
    class Meta:
        model = Project
        fields = ["purchaser", "name", "catalogue_item", "fiscal_year", "budget_amount", "budget_reference",
                  "funding_source", "procurement_method", "description"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["purchaser"].queryset = Area.objects.visible_to(user).filter(level__in=PURCHASER_LEVELS)
        self.fields["catalogue_item"].queryset = CatalogueItem.objects.visible_to(user).purchasable()
        if self.instance.pk:
            del self.fields["purchaser"]


class TransitionForm(forms.Form):
    to_status = forms.ChoiceField(label=_("New status"))
    reason = forms.CharField(label=_("Reason (required to terminate)"), required=False, widget=forms.Textarea(
        attrs={"rows": 3}))
    confirm = forms.BooleanField(label=_("I confirm this step; it cannot be undone."))

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = [(s.value, s.label) for s in project.allowed_next()
                                            if s not in {ProjectStatus.CONTRACTED, ProjectStatus.ACCEPTED}]


class ContractAwardForm(ServiceForm):
    class Meta:
        model = Contract
        fields = ["provider", "number", "amount", "signed_on", "start_date", "end_date", "term_justification",
                  "performance_bond", "content", "quantity", "quality_standard", "price_terms",
                  "settlement_method", "rights_and_duties", "breach_liability", "subcontracting_consented",
                  "backdating_justification", "annual_report_exception"]
        widgets = {"signed_on": DATE, "start_date": DATE, "end_date": DATE,
                   "backdating_justification": forms.Textarea(attrs={"rows": 2}),
                   "annual_report_exception": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Eligibility is decided by the service on the signing day; the list only leaves out
        # organizations that are closed anyway.
        self.fields["provider"].queryset = Organization.objects.visible_to(user).filter(status=OrgStatus.NORMAL)

    def service_kwargs(self):
        return dict(self.cleaned_data)


class DisclosureForm(ServiceForm):
    class Meta:
        model = Contract
        fields = ["published_on", "filed_on"]
        widgets = {"published_on": DATE, "filed_on": DATE}


class SupplementForm(ServiceForm):
    class Meta:
        model = SupplementaryAgreement
        fields = ["number", "signed_on", "amount", "content"]
        widgets = {"signed_on": DATE}


class TargetForm(ServiceForm):
    class Meta:
        model = PerformanceTarget
        fields = ["kind", "name", "unit", "target_value"]


class TargetCountForm(ServiceForm):
    class Meta:
        model = PerformanceTarget
        fields = ["manual_actual"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["manual_actual"].required = True


class PaymentPlanForm(ServiceForm):
    class Meta:
        model = PaymentMilestone
        fields = ["name", "condition", "planned_amount", "planned_on"]
        widgets = {"planned_on": DATE}


class PaymentRecordForm(ServiceForm):
    class Meta:
        model = PaymentMilestone
        fields = ["paid_amount", "paid_on", "voucher"]
        widgets = {"paid_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["paid_amount"].required = self.fields["paid_on"].required = True


class ProgressReportForm(ServiceForm):
    class Meta:
        model = ProgressReport
        fields = ["period_start", "period_end", "summary", "problems"]
        widgets = {"period_start": DATE, "period_end": DATE}


class ReportReviewForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=[("accept", _("Accept the report")),
                                                               ("return", _("Return with comments"))])
    comment = forms.CharField(label=_("Comments"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class AcceptanceForm(ServiceForm):
    class Meta:
        model = Acceptance
        fields = ["accepted_on", "result", "beneficiaries_consulted", "beneficiary_opinions", "summary",
                  "published_on"]
        widgets = {"accepted_on": DATE, "published_on": DATE}


class EvaluationForm(ServiceForm):
    class Meta:
        model = Evaluation
        fields = ["evaluator_kind", "evaluator_name", "evaluated_on", "score", "report"]
        widgets = {"evaluated_on": DATE}
