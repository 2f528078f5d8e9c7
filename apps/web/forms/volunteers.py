from django import forms
from django.utils.translation import gettext_lazy as _

from apps.areas.models import Area
from apps.organizations.models import Organization
from apps.volunteers.consent import PRIVACY_NOTICE_VERSION
from apps.volunteers.models import DocumentType, PoliticalStatus, Sex

from ..pickers import use_picker


class VolunteerRegistrationForm(forms.Form):
    """Registration of a new volunteer with the privacy-notice consent. Staff may choose an
    organization the volunteer serves with; in the portal it is always the organization itself,
    so the field is left out."""

    name = forms.CharField(label=_("Name"), max_length=50)
    document_type = forms.ChoiceField(label=_("Document type"), choices=DocumentType.choices)
    id_number = forms.CharField(label=_("Document number"), max_length=20)
    birth_date = forms.DateField(label=_("Birth date"), required=False,
                                 help_text=_("Only for documents other than a resident ID card."),
                                 widget=forms.DateInput(attrs={"type": "date"}))
    sex = forms.ChoiceField(label=_("Sex"), choices=[("", "—"), *Sex.choices], required=False)
    phone = forms.RegexField(label=_("Mobile phone"), regex=r"^1[0-9]{10}$",  # not \d: it takes full-width digits
                             error_messages={"invalid": _("A mobile phone number has 11 digits starting with 1.")})
    community = forms.ModelChoiceField(label=_("Residence community"), queryset=Area.objects.none())
    political_status = forms.ChoiceField(label=_("Political status"), choices=PoliticalStatus.choices,
                                         initial=PoliticalStatus.MASSES)
    skills = forms.CharField(label=_("Service skills"), max_length=200, required=False)
    availability = forms.CharField(label=_("Available times"), max_length=200, required=False)
    service_intention = forms.CharField(label=_("Service intention"), max_length=200, required=False)
    organization = forms.ModelChoiceField(label=_("Serves with organization"), queryset=Organization.objects.none(),
                                          required=False)
    guardian_name = forms.CharField(label=_("Guardian"), max_length=50, required=False,
                                    help_text=_("Required for minors: the guardian who consents."))
    guardian_relation = forms.CharField(label=_("Guardian's relation"), max_length=20, required=False)
    consent = forms.BooleanField(label=_("The volunteer (or guardian) agreed to the privacy notice"))

    consent_version = PRIVACY_NOTICE_VERSION

    def __init__(self, *args, scope, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].queryset = scope.communities()
        if scope.organization is not None:
            del self.fields["organization"]
        else:
            self.fields["organization"].queryset = scope.organizations()
            use_picker(self.fields["organization"], scope)  # (a street has hundreds)

    def clean(self):
        data = super().clean()
        if data.get("document_type") and data["document_type"] != DocumentType.RESIDENT_ID:
            if not data.get("birth_date"):
                self.add_error("birth_date", _("Enter the birth date for this document type."))
            if not data.get("sex"):
                self.add_error("sex", _("Choose the sex for this document type."))
        return data

    def registration_data(self):
        """The values for ``volunteer_register``: everything but the consent tick and the organization."""
        return {name: value for name, value in self.cleaned_data.items() if name not in ("consent", "organization")}
