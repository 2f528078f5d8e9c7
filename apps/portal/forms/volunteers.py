from django import forms
from django.utils.translation import gettext_lazy as _

from apps.volunteers.models import DocumentType


class AddExistingVolunteerForm(forms.Form):
    document_type = forms.ChoiceField(label=_("Document type"), choices=DocumentType.choices)
    id_number = forms.CharField(label=_("Document number"), max_length=20)
    name = forms.CharField(label=_("Name"), max_length=50,
                           help_text=_("Exactly as registered; both must match."))
