"""Forms of the working-calendar pages: they collect and type the input; the services decide
(``apps.holidays.services``: validation of the day, who may change it, recomputed deadlines)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.holidays.models import HolidayDay

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class HolidayDayForm(forms.ModelForm):
    class Meta:
        model = HolidayDay
        fields = ["date", "kind", "name"]
        widgets = {"date": DATE}

    def _post_clean(self):
        pass  # the service runs full_clean() on the day it builds


class HolidayYearEnterForm(forms.Form):
    notice = forms.CharField(
        label=_("State Council notice"), max_length=200,
        help_text=_("Document number or title of the notice the days were taken from, e.g. 国办发明电〔2025〕7号."),
    )
    confirm = forms.BooleanField(
        label=_("I have checked every day off and every adjusted working day against the notice."),
        error_messages={"required": _("Confirm that the days were checked against the notice.")},
    )


class ConfirmForm(forms.Form):
    """A form with nothing to fill in: the POST itself is the confirmation."""
