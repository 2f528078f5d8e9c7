from django import forms
from django.utils.translation import gettext_lazy as _

from apps.backoffice.forms.organizations import validate_upload


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class EvidenceField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        return [super(EvidenceField, self).clean(file, initial) for file in files]


class ProgressReportForm(forms.Form):
    period_start = forms.DateField(label=_("Period from"), widget=forms.DateInput(attrs={"type": "date"}))
    period_end = forms.DateField(label=_("Period to"), widget=forms.DateInput(attrs={"type": "date"}))
    summary = forms.CharField(label=_("Work done and results"), widget=forms.Textarea(attrs={"rows": 4}))
    problems = forms.CharField(label=_("Problems and next steps"), required=False,
                               widget=forms.Textarea(attrs={"rows": 3}))
    evidence = EvidenceField(label=_("Evidence files"), required=False, validators=[validate_upload],
                             help_text=_("Photos, sign-in sheets, minutes: PDF, image, Word or Excel."))

    def clean(self):
        data = super().clean()
        if data.get("period_start") and data.get("period_end") and data["period_end"] < data["period_start"]:
            raise forms.ValidationError(_("The period ends before it starts."))
        return data
