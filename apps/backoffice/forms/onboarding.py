from django import forms
from django.utils.translation import gettext_lazy as _

from apps.onboarding.models import FieldGroup

APPROVE, REJECT = "approve", "reject"


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect,
                                 choices=[(APPROVE, _("Approve")), (REJECT, _("Reject"))])
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000,
                             required=False, help_text=_("Required for a rejection; the applicant reads it."))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == REJECT and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Give the reason for the rejection."))
        return cleaned


class AutoApprovalForm(forms.Form):
    groups = forms.MultipleChoiceField(label=_("Approve these field groups automatically"), required=False,
                                       choices=FieldGroup.choices, widget=forms.CheckboxSelectMultiple)
