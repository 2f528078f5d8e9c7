from django import forms
from django.utils.translation import gettext_lazy as _

from apps.organizations.models import Organization
from apps.volunteers.models import Team, TeamMembership, Volunteer

from .volunteers import visible_communities


class TeamForm(forms.ModelForm):
    class Meta:
        model = Team
        fields = ["name", "organization", "community", "contact_name", "contact_phone", "founded_on", "status"]
        widgets = {"founded_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.visible_to(user).order_by("name")
        self.fields["community"].queryset = visible_communities(user)

    def clean(self):
        data = super().clean()
        if not data.get("organization") and not data.get("community"):
            raise forms.ValidationError(_("A team belongs to an organization or to a community."))
        return data


class TeamMemberForm(forms.Form):
    volunteer = forms.ModelChoiceField(label=_("Volunteer"), queryset=Volunteer.objects.none())
    role = forms.ChoiceField(label=_("Role"), choices=TeamMembership.Role.choices)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["volunteer"].queryset = Volunteer.objects.visible_to(user).order_by("name")
