from django import forms
from django.utils.translation import gettext_lazy as _

from apps.areas.models import Area, AreaLevel
from apps.backoffice.forms.volunteers import PRIVACY_NOTICE_VERSION
from apps.volunteers.models import DocumentType, PoliticalStatus, Sex


def residence_communities(organization):
    """Communities of the organization's district (or the nearest level above it): area names
    are public, and volunteers often live outside the organization's own community."""
    area = organization.area
    while area.parent_id is not None and area.level not in (AreaLevel.DISTRICT, AreaLevel.CITY):
        area = area.parent
    return Area.objects.subtree(area).filter(level=AreaLevel.COMMUNITY).order_by("code")


class PortalVolunteerForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=50)
    document_type = forms.ChoiceField(label=_("Document type"), choices=DocumentType.choices)
    id_number = forms.CharField(label=_("Document number"), max_length=20)
    birth_date = forms.DateField(label=_("Birth date"), required=False,
                                 help_text=_("Only for documents other than a resident ID card."),
                                 widget=forms.DateInput(attrs={"type": "date"}))
    sex = forms.ChoiceField(label=_("Sex"), choices=[("", "—"), *Sex.choices], required=False)
    phone = forms.RegexField(label=_("Mobile phone"), regex=r"^1\d{10}$",
                             error_messages={"invalid": _("A mobile phone number has 11 digits starting with 1.")})
    community = forms.ModelChoiceField(label=_("Residence community"), queryset=Area.objects.none())
    political_status = forms.ChoiceField(label=_("Political status"), choices=PoliticalStatus.choices,
                                         initial=PoliticalStatus.MASSES)
    skills = forms.CharField(label=_("Service skills"), max_length=200, required=False)
    availability = forms.CharField(label=_("Available times"), max_length=200, required=False)
    service_intention = forms.CharField(label=_("Service intention"), max_length=200, required=False)
    guardian_name = forms.CharField(label=_("Guardian"), max_length=50, required=False,
                                    help_text=_("Required for minors: the guardian who consents."))
    guardian_relation = forms.CharField(label=_("Guardian's relation"), max_length=20, required=False)
    consent = forms.BooleanField(label=_("The volunteer (or guardian) agreed to the privacy notice"))

    consent_version = PRIVACY_NOTICE_VERSION

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].queryset = residence_communities(organization)

    def clean(self):
        data = super().clean()
        if data.get("document_type") and data["document_type"] != DocumentType.RESIDENT_ID:
            if not data.get("birth_date"):
                self.add_error("birth_date", _("Enter the birth date for this document type."))
            if not data.get("sex"):
                self.add_error("sex", _("Choose the sex for this document type."))
        return data


class AddExistingVolunteerForm(forms.Form):
    document_type = forms.ChoiceField(label=_("Document type"), choices=DocumentType.choices)
    id_number = forms.CharField(label=_("Document number"), max_length=20)
    name = forms.CharField(label=_("Name"), max_length=50,
                           help_text=_("Exactly as registered; both must match."))
