from django import forms
from django.utils.translation import gettext_lazy as _

from apps.web.forms.periods import PeriodForm
from apps.web.forms.uploads import validate_upload


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class EvidenceField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        return [super(EvidenceField, self).clean(file, initial) for file in files]


class ProgressReportForm(PeriodForm):
    summary = forms.CharField(label=_("Work done and results"), widget=forms.Textarea(attrs={"rows": 4}))
    problems = forms.CharField(label=_("Problems and next steps"), required=False,
                               widget=forms.Textarea(attrs={"rows": 3}))
    evidence = EvidenceField(label=_("Evidence files"), required=False, validators=[validate_upload],
                             help_text=_("Photos, sign-in sheets, minutes: PDF, image, Word or Excel."))
