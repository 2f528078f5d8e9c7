import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class DigitsField(forms.CharField):
    """A number typed with the ASCII digits 0-9. Python's ``\\d`` and ``str.isdigit()`` also take
    full-width (１), Arabic-Indic (١) or superscript (²) digits, which a phone keyboard in a Chinese
    input mode easily produces; such a value is refused with a message that says why, instead of
    reaching a comparison or a hash that fails or silently matches nothing."""

    def __init__(self, *, pattern, invalid, **kwargs):
        super().__init__(**kwargs)
        self.pattern, self.invalid = re.compile(pattern), invalid

    def validate(self, value):
        super().validate(value)
        if not value:
            return
        if any(not char.isascii() and char.isdigit() for char in value):
            raise ValidationError(_("Type the number with the half-width digits 0-9 (switch off full-width input)."),
                                  code="non_ascii_digits")
        if not self.pattern.fullmatch(value):
            raise ValidationError(self.invalid, code="invalid")


def checkin_code_field():
    return DigitsField(label=_("6-digit sign-in code"), pattern=r"[0-9]{6}",
                       invalid=_("The sign-in code has 6 digits."), widget=forms.TextInput(attrs={
                           "inputmode": "numeric", "autocomplete": "one-time-code", "maxlength": 6}))


class CheckInForm(forms.Form):
    phone = DigitsField(label=_("Mobile phone"), pattern=r"1[0-9]{10}",
                        invalid=_("A mobile phone number has 11 digits starting with 1."),
                        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "tel"}))
    code = checkin_code_field()
    action = forms.ChoiceField(choices=[("in", _("Sign in")), ("out", _("Sign out"))], widget=forms.HiddenInput)


class VerifyForm(forms.Form):
    code = forms.CharField(label=_("Verification code"), max_length=20)

    def clean_code(self):
        """The code as the page's URL takes it: upper case, ASCII letters and digits only (a code
        with ``/`` had no URL and answered 500)."""
        code = self.cleaned_data["code"].strip().upper()
        if not re.fullmatch(r"[0-9A-Z]+", code):
            raise ValidationError(_("A verification code has letters and digits only."), code="invalid")
        return code


class CheckInCodeForm(forms.Form):
    """The public home page's "sign in with a code": finds today's activity of that code."""

    code = checkin_code_field()


class DisclosureSearchForm(forms.Form):
    q = forms.CharField(label=_("Search the public disclosure"), max_length=100, required=False,
                        widget=forms.TextInput(attrs={"type": "search", "placeholder": _(
                            "Contract number, project, organization or credit code")}))
