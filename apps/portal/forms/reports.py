from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.web.forms.uploads import validate_upload


class AnnualReportSubmitForm(forms.Form):
    year = forms.IntegerField(label=_("Report year"), min_value=1980)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    file = forms.FileField(label=_("Annual report file"), required=False, validators=[validate_upload])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year - 1
