import re

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.areas.models import Area
from apps.volunteers.models import EXTRA_FIELDS, PoliticalStatus


class RevealForm(forms.Form):
    field = forms.ChoiceField(label=_("Shown in full"), choices=[("id_number", _("Document number")), ("phone", _("Mobile phone"))])


class StarGrantForm(forms.Form):
    granting_body = forms.CharField(label=_("Granting body"), max_length=100)


class VolunteerEditForm(forms.Form):
    """The editable part of a registration (``apps.volunteers.editing``). The phone is shown masked
    (editing reveals nothing): left as shown it stays, a new number replaces it. The extra personal
    fields are offered only while the volunteer's consent to them is in force."""

    name = forms.CharField(label=_("Name"), max_length=50)
    phone = forms.CharField(label=_("Mobile phone"), max_length=20,
                            help_text=_("Shown masked: leave it as shown to keep the number."))
    community = forms.ModelChoiceField(label=_("Residence community"), queryset=Area.objects.none())
    political_status = forms.ChoiceField(label=_("Political status"), choices=PoliticalStatus.choices)
    skills = forms.CharField(label=_("Service skills"), max_length=200, required=False)
    availability = forms.CharField(label=_("Available times"), max_length=200, required=False)
    service_intention = forms.CharField(label=_("Service intention"), max_length=200, required=False)
    occupation = forms.CharField(label=_("Occupation"), max_length=50, required=False)
    education = forms.CharField(label=_("Education"), max_length=20, required=False)

    def __init__(self, *args, scope, volunteer, extra_fields_allowed, **kwargs):
        self.volunteer = volunteer
        initial = {name: getattr(volunteer, name) for name in
                   ("name", "political_status", "skills", "availability", "service_intention", *EXTRA_FIELDS)}
        initial.update(phone=volunteer.phone_masked, community=volunteer.community_id)
        super().__init__(*args, **{**kwargs, "initial": {**initial, **(kwargs.get("initial") or {})}})
        # The volunteer's own community stays a choice even when it lies outside the user's area
        # (a volunteer serving with an organization of the area).
        self.fields["community"].queryset = (scope.communities() | Area.objects.filter(pk=volunteer.community_id)) \
            .order_by("code")
        if not extra_fields_allowed:
            for name in EXTRA_FIELDS:
                del self.fields[name]

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if phone == self.volunteer.phone_masked:
            return self.volunteer.phone
        if not re.fullmatch(r"1\d{10}", phone):
            raise forms.ValidationError(_("A mobile phone number has 11 digits starting with 1."))
        return phone

    def changes(self):
        """The fields whose values differ from the volunteer's (only those are written and logged)."""
        changed = {}
        for name, value in self.cleaned_data.items():
            current = self.volunteer.community_id if name == "community" else getattr(self.volunteer, name)
            if (value.pk if name == "community" else value) != current:
                changed[name] = value
        return changed
