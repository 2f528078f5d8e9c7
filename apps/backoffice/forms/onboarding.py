import json

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


class ChangeDecisionForm(DecisionForm):
    """The decision on a change request. When the registry changed since the request was made
    (``conflicts``), approving needs the explicit choice to replace the values shown; ``seen``
    carries those values, so that a value changed again meanwhile is a new conflict."""

    overwrite = forms.BooleanField(label=_("Replace the newer values shown above with the requested ones"),
                                   required=False)
    seen = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, conflicts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self._choice_fields = {name: self.fields.pop(name) for name in ("overwrite", "seen")}
        if conflicts:
            self.fields.update(self._choice_fields)
            self.fields["seen"].initial = self._seen(conflicts)

    @staticmethod
    def _seen(conflicts):
        return json.dumps({row.field: row.current for row in conflicts}, ensure_ascii=False)

    def confirm_against(self, conflicts):
        """After a refusal: offer the choice again, unticked, against the values there now."""
        if not conflicts:
            return
        self.fields.update(self._choice_fields)
        self.data = self.data.copy()
        self.data[self.add_prefix("seen")] = self._seen(conflicts)
        self.data.pop(self.add_prefix("overwrite"), None)

    def overwrite_values(self) -> dict:
        """{field: value now there} the reviewer chose to replace (empty without the choice)."""
        if not self.cleaned_data.get("overwrite"):
            return {}
        try:
            seen = json.loads(self.cleaned_data.get("seen") or "{}")
        except ValueError:
            return {}
        return seen if isinstance(seen, dict) else {}


class AutoApprovalForm(forms.Form):
    groups = forms.MultipleChoiceField(label=_("Approve these field groups automatically"), required=False,
                                       choices=FieldGroup.choices, widget=forms.CheckboxSelectMultiple)
