"""Forms of the volunteer reviews: star awards under review, likely duplicates, star thresholds."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from apps.volunteers.stars import LEVELS, star_thresholds_check


class StarReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        choices=[("keep", _("Keep the award(s)")), ("revoke", _("Revoke the award(s)"))])
    reason = forms.CharField(label=_("Reason"), max_length=200)


class DuplicateResolveForm(forms.Form):
    reason = forms.CharField(label=_("How it was checked"), max_length=200,
                             help_text=_("For example: compared the documents in person."))


class StarThresholdsForm(forms.Form):
    """The whole table at once: the rule (levels 1–5, strictly rising) is about all rows."""

    def __init__(self, *args, thresholds, editable=True, **kwargs):
        super().__init__(*args, **kwargs)
        for level in LEVELS:
            self.fields[f"level_{level}"] = forms.DecimalField(
                label=_("%(level)d star(s): minimum confirmed hours") % {"level": level}, max_digits=9,
                decimal_places=2, min_value=0, initial=thresholds.get(level), disabled=not editable)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            star_thresholds_check(self.thresholds())
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for level, messages in error.message_dict.items():
                    self.add_error(f"level_{level}", messages)
            else:
                raise
        return data

    def thresholds(self) -> dict:
        return {level: self.cleaned_data.get(f"level_{level}") for level in LEVELS}
