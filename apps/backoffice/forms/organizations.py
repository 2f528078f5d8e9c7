"""Back-office forms of the social-organization registry.

Choices are limited to what the acting user may see (areas), the tenant never comes from POST
data (the organization is passed in by the view), and a credit code with warnings needs an
explicit confirmation tied to that very code.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from apps.areas.models import Area, AreaLevel
from apps.organizations import selectors
from apps.organizations.models import (
    MODE_BY_FORM, AnnualReport, AnnualReportResult, AttachmentKind, CreditListing,
    EvaluationGrade, IncubationRecord, LegalForm, ManagementMode, Organization, OrgStatus, Penalty, ServiceDomain,
)
from apps.organizations.validators import check_credit_code
from apps.volunteers.permissions import can_reveal_personal_data
from apps.web.forms.uploads import upload_field, validate_upload

class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class OrganizationForm(forms.ModelForm):
    """Create and edit the registered particulars. On creation also the first status."""

    confirm_warnings = forms.BooleanField(
        label=_("I have checked the certificate: record this credit code despite the warnings above."),
        required=False,
    )
    warned_code = forms.CharField(required=False, widget=forms.HiddenInput)
    initial_status = forms.ChoiceField(
        label=_("Status"), choices=[(s, OrgStatus(s).label) for s in (OrgStatus.NORMAL, OrgStatus.PREPARING)],
    )
    status_reason = forms.CharField(label=_("Basis of registration"), max_length=500,
                                    initial=_("New registration"))

    class Meta:
        model = Organization
        fields = [
            "name", "legal_form", "certificate_variant", "credit_code", "filing_number", "area", "residence",
            "purpose", "activity_region", "representative", "registered_capital", "capital_kind", "supervisor",
            "registration_authority", "registration_authority_level", "founded_on", "contact_name", "contact_phone", "domains",
        ]
        widgets = {
            "founded_on": DateInput(),
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "domains": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.data = self.data.copy()
        self.credit_code_warnings = []
        self.fields["area"].queryset = Area.objects.visible_to(user).filter(
            level__in=[AreaLevel.STREET, AreaLevel.COMMUNITY])
        domains = ServiceDomain.objects.filter(is_active=True)
        if self.instance.pk:
            domains = domains | ServiceDomain.objects.filter(organizations=self.instance)
            del self.fields["initial_status"], self.fields["status_reason"]
        self.fields["domains"].queryset = domains.distinct()
        # The confirmation appears only once a code has warnings (added back in clean()).
        self._confirm_field = self.fields.pop("confirm_warnings")
        # Users who may not reveal personal data edit over the masked phone; left as shown, it is kept.
        self._masked_phone = None
        if self.instance.pk and self.instance.contact_phone and not can_reveal_personal_data(user):
            self._masked_phone = self.instance.masked_contact_phone
            self.initial["contact_phone"] = self._masked_phone

    def clean_contact_phone(self):
        phone = self.cleaned_data["contact_phone"].strip()
        if self._masked_phone is not None and phone == self._masked_phone:
            return self.instance.contact_phone
        return phone

    def clean_credit_code(self):
        code = self.cleaned_data["credit_code"].strip()
        if not code:
            return ""
        check = check_credit_code(code, legal_form=self.data.get(self.add_prefix("legal_form")))
        self.credit_code_warnings = check.warnings
        taken = Organization.objects.filter(credit_code=check.code).exclude(pk=self.instance.pk)
        if taken.exists():
            raise ValidationError(_("This credit code is already registered to another organization."),
                                  code="duplicate")
        return check.code

    def clean(self):
        cleaned = super().clean()
        legal_form = cleaned.get("legal_form")
        mode = MODE_BY_FORM.get(legal_form)
        code = cleaned.get("credit_code", "")
        preparing = cleaned.get("initial_status", self.instance.status) == OrgStatus.PREPARING
        if mode == ManagementMode.REGISTERED:
            if not code and "credit_code" not in self.errors and not preparing:
                self.add_error("credit_code", _("A registered organization needs its unified social credit code."))
        elif code:
            self.add_error("credit_code", _("Filed groups and community teams have no credit code: leave it "
                                            "empty and give the filing number."))
        if legal_form == LegalForm.FILED_COMMUNITY and not cleaned.get("filing_number"):
            self.add_error("filing_number", _("A filed community organization needs its filing number."))
        if legal_form == LegalForm.SERVICE_INSTITUTION and not cleaned.get("certificate_variant"):
            self.add_error("certificate_variant", _("Choose the certificate variant of the social service institution."))
        if legal_form != LegalForm.SERVICE_INSTITUTION and cleaned.get("certificate_variant"):
            self.add_error("certificate_variant", _("Only social service institutions have a certificate variant."))
        if code and self.credit_code_warnings and "credit_code" not in self.errors:
            self._check_confirmation(code)
        return cleaned

    def _check_confirmation(self, code):
        confirmed = self.data.get(self.add_prefix("confirm_warnings")) in ("on", "true", "1", "True")
        if confirmed and self.data.get(self.add_prefix("warned_code")) == code:
            return
        self.fields["confirm_warnings"] = self._confirm_field
        order = list(self.fields)
        order.remove("confirm_warnings")
        order.insert(order.index("credit_code") + 1, "confirm_warnings")
        self.order_fields(order)
        self.data[self.add_prefix("warned_code")] = code
        self.data.pop(self.add_prefix("confirm_warnings"), None)
        for warning in self.credit_code_warnings:
            self.add_error(None, warning)
        self.add_error("confirm_warnings", _("Confirm the credit code warnings to save."))


class StatusChangeForm(forms.Form):
    to_status = forms.ChoiceField(label=_("New status"))
    changed_on = forms.DateField(label=_("Date"), widget=DateInput())
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    document = forms.CharField(label=_("Reference number"), max_length=100, required=False)

    def __init__(self, *args, allowed, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = [(s, OrgStatus(s).label) for s in allowed]


class AnnualReportForm(forms.ModelForm):
    file = upload_field(_("Report file"))

    class Meta:
        model = AnnualReport
        fields = ["year", "result", "submitted_on", "note"]
        widgets = {"submitted_on": DateInput(), "note": forms.Textarea(attrs={"rows": 2})}

    def clean_year(self):
        year = self.cleaned_data["year"]
        others = AnnualReport.objects.filter(organization=self.instance.organization, year=year)
        if others.exclude(pk=self.instance.pk).exists():
            raise ValidationError(_("The report for %(year)s is already recorded; edit it instead.") % {"year": year},
                                  code="duplicate")
        return year

    def clean(self):
        cleaned = super().clean()
        result = cleaned.get("result")
        if result and result != AnnualReportResult.OVERDUE and not cleaned.get("submitted_on"):
            self.add_error("submitted_on", _("Give the date the report was submitted."))
        if result == AnnualReportResult.OVERDUE and cleaned.get("submitted_on"):
            self.add_error("submitted_on", _("A report that was not submitted has no submission date."))
        return cleaned


class EvaluationGradeForm(forms.ModelForm):
    file = upload_field(_("Certificate scan"))

    class Meta:
        model = EvaluationGrade
        fields = ["grade", "score", "evaluated_on", "certificate_number", "evaluator"]
        widgets = {"evaluated_on": DateInput()}

    def clean(self):
        cleaned = super().clean()
        grade, score = cleaned.get("grade"), cleaned.get("score")
        if grade is not None and score is not None:
            earned = selectors.grade_for_score(score)
            if earned != grade:
                self.add_error("score", _("Under the local cut-offs a score of %(score)s gives %(earned)s, not %(grade)sA.")
                               % {"score": score, "earned": f"{earned}A" if earned else _("no grade"), "grade": grade})
        return cleaned


class CreditListingForm(forms.ModelForm):
    file = upload_field(_("Decision document scan"))

    class Meta:
        model = CreditListing
        fields = ["kind", "listed_on", "reason", "decision_document", "decided_by"]
        widgets = {"listed_on": DateInput(), "reason": forms.Textarea(attrs={"rows": 3})}


class CreditListingRemoveForm(forms.Form):
    removed_on = forms.DateField(label=_("Removed on"), widget=DateInput())
    reason = forms.CharField(label=_("Reason for removal"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class PenaltyForm(forms.ModelForm):
    class Meta:
        model = Penalty
        fields = ["decided_on", "kind", "reason", "decision_document", "is_major"]
        widgets = {"decided_on": DateInput(), "reason": forms.Textarea(attrs={"rows": 3})}


class PartyBuildingForm(forms.ModelForm):
    class Meta:
        model = Organization
        fields = ["party_org_type", "party_member_count"]


class IncubationForm(forms.ModelForm):
    class Meta:
        model = IncubationRecord
        fields = ["base", "mode", "entered_on", "planned_exit_on", "exited_on", "exit_type", "support"]
        widgets = {"entered_on": DateInput(), "planned_exit_on": DateInput(), "exited_on": DateInput(),
                   "support": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        cleaned = super().clean()
        entered, exited = cleaned.get("entered_on"), cleaned.get("exited_on")
        if bool(exited) != bool(cleaned.get("exit_type")):
            self.add_error("exit_type", _("Give both the exit date and the exit type, or neither."))
        if entered and exited and exited < entered:
            self.add_error("exited_on", _("The exit cannot be before the entry."))
        planned = cleaned.get("planned_exit_on")
        if entered and planned and planned < entered:
            self.add_error("planned_exit_on", _("The planned exit cannot be before the entry."))
        return cleaned


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=AttachmentKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(label=_("File"), validators=[validate_upload])
