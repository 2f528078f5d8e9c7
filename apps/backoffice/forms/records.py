from django import forms
from django.utils.translation import gettext_lazy as _

from apps.activities.models import Evaluation

_DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class RecordCorrectionForm(forms.Form):
    started_at = forms.DateTimeField(label=_("Started at"), widget=_DATETIME)
    ended_at = forms.DateTimeField(label=_("Ended at"), widget=_DATETIME)
    hours = forms.DecimalField(label=_("Hours"), min_value=0.01, max_digits=6, decimal_places=2)
    content = forms.CharField(label=_("Service content"), max_length=200, required=False)
    evaluation = forms.ChoiceField(label=_("Evaluation"), choices=[("", "—"), *Evaluation.choices], required=False)
    reason = forms.CharField(label=_("Reason"), max_length=200)


class ReasonForm(forms.Form):
    action = forms.ChoiceField(choices=[("dispute", _("Dispute")), ("void", _("Void"))])
    reason = forms.CharField(label=_("Reason"), max_length=200)


class CertificateRequestForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("Issuing organization"), queryset=None, required=False,
                                          help_text=_("Leave empty when the residents' committee issues it."))
    period_start = forms.DateField(label=_("Period from"), widget=forms.DateInput(attrs={"type": "date"}))
    period_end = forms.DateField(label=_("Period to"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations

    def clean(self):
        data = super().clean()
        if data.get("period_start") and data.get("period_end") and data["period_end"] < data["period_start"]:
            raise forms.ValidationError(_("The period ends before it starts."))
        return data


class CertificateIssueForm(forms.Form):
    responsible_person = forms.CharField(label=_("Responsible person"), max_length=50)
    handler = forms.CharField(label=_("Handled by"), max_length=50)
    contact = forms.CharField(label=_("Contact phone"), max_length=30)


class CertificateRevokeForm(forms.Form):
    reason = forms.CharField(label=_("Reason for revocation"), max_length=200)
