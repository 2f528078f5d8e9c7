from django import forms
from django.utils.translation import gettext_lazy as _


class RevealForm(forms.Form):
    field = forms.ChoiceField(label=_("Shown in full"), choices=[("id_number", _("Document number")), ("phone", _("Mobile phone"))])


class StarGrantForm(forms.Form):
    granting_body = forms.CharField(label=_("Granting body"), max_length=100)
