from django import forms
from django.utils.translation import gettext_lazy as _


class CheckInForm(forms.Form):
    phone = forms.RegexField(label=_("Mobile phone"), regex=r"^1\d{10}$",
                             widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "tel"}),
                             error_messages={"invalid": _("A mobile phone number has 11 digits starting with 1.")})
    code = forms.RegexField(label=_("6-digit sign-in code"), regex=r"^\d{6}$",
                            widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
                            error_messages={"invalid": _("The sign-in code has 6 digits.")})
    action = forms.ChoiceField(choices=[("in", _("Sign in")), ("out", _("Sign out"))], widget=forms.HiddenInput)


class VerifyForm(forms.Form):
    code = forms.CharField(label=_("Verification code"), max_length=20)
