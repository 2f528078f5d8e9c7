from django import forms
from django.utils.translation import gettext_lazy as _

from apps.volunteers.models import TeamMembership, Volunteer


class TeamMemberForm(forms.Form):
    volunteer = forms.ModelChoiceField(label=_("Volunteer"), queryset=Volunteer.objects.none())
    role = forms.ChoiceField(label=_("Role"), choices=TeamMembership.Role.choices, initial=TeamMembership.Role.MEMBER)

    def __init__(self, *args, scope, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["volunteer"].queryset = scope.rows(Volunteer.objects).order_by("name")


class TeamMemberLeaveForm(forms.Form):
    left_on = forms.DateField(label=_("Left on"), required=False, help_text=_("Empty: today."),
                              widget=forms.DateInput(attrs={"type": "date"}))
