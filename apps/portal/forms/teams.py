from django import forms
from django.utils.translation import gettext_lazy as _

from apps.volunteers.models import Team, TeamMembership, Volunteer


class PortalTeamForm(forms.ModelForm):
    class Meta:
        model = Team
        fields = ["name", "leader", "contact_name", "contact_phone", "founded_on"]
        widgets = {"founded_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = Volunteer.objects.for_organization(organization).order_by("name")
        self.instance.organization = organization


class TeamMemberForm(forms.Form):
    volunteer = forms.ModelChoiceField(label=_("Volunteer"), queryset=Volunteer.objects.none())
    role = forms.ChoiceField(label=_("Role"), choices=TeamMembership.Role.choices,
                             initial=TeamMembership.Role.MEMBER)

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["volunteer"].queryset = Volunteer.objects.for_organization(organization).order_by("name")
