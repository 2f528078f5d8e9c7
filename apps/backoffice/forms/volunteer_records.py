"""Forms for a volunteer's training and honour records and for consents beyond registration."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.volunteers.consent import GUARDIAN_REQUIRED
from apps.volunteers.models import ConsentPurpose
from apps.volunteers.models import HonourRecord, TrainingRecord

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class TrainingRecordForm(forms.ModelForm):
    class Meta:
        model = TrainingRecord
        fields = ["title", "organizer", "held_on", "hours"]
        widgets = {"held_on": _DATE}

    def clean_hours(self):
        hours = self.cleaned_data["hours"]
        if hours is not None and hours <= 0:
            raise forms.ValidationError(_("Training hours must be more than zero."))
        return hours


class HonourRecordForm(forms.ModelForm):
    class Meta:
        model = HonourRecord
        fields = ["title", "granting_body", "granted_on"]
        widgets = {"granted_on": _DATE}


class ConsentGiveForm(forms.Form):
    purpose = forms.ChoiceField(label=_("Consent to"), choices=[
        (ConsentPurpose.EXTRA_FIELDS, ConsentPurpose.EXTRA_FIELDS.label),
        (ConsentPurpose.PUBLICATION, ConsentPurpose.PUBLICATION.label)])
    occupation = forms.CharField(label=_("Occupation"), max_length=50, required=False,
                                 help_text=_("Kept only with the consent to extra personal fields."))
    education = forms.CharField(label=_("Education"), max_length=20, required=False)
    guardian_name = forms.CharField(label=_("Guardian"), max_length=50, required=False,
                                    help_text=_("For a minor: the guardian who consents."))
    guardian_relation = forms.CharField(label=_("Guardian's relation"), max_length=20, required=False)
    agreed = forms.BooleanField(label=_("The volunteer (or guardian) agreed to this purpose"))

    def __init__(self, *args, minor=False, **kwargs):
        super().__init__(*args, **kwargs)
        if minor:  # the service refuses a minor's consent without the guardian too
            for name in ("guardian_name", "guardian_relation"):
                self.fields[name].required = True
                self.fields[name].error_messages["required"] = GUARDIAN_REQUIRED
            self.fields["guardian_name"].help_text = _("The volunteer is a minor: the guardian consents.")

    def clean(self):
        data = super().clean()
        if data.get("purpose") != ConsentPurpose.EXTRA_FIELDS and (data.get("occupation") or data.get("education")):
            self.add_error("purpose", _("Occupation and education are kept only with the consent to extra "
                                        "personal fields."))
        return data


class ConsentWithdrawForm(forms.Form):
    withdrawn_on = forms.DateField(label=_("Withdrawn on"), widget=_DATE, initial=timezone.localdate)
    reason = forms.CharField(label=_("Reason for withdrawal"), max_length=200)
    confirm = forms.BooleanField(label=_("I understand that the extra data is erased and no longer used."))

    def clean_withdrawn_on(self):
        value = self.cleaned_data["withdrawn_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The withdrawal date cannot be in the future."))
        return value
