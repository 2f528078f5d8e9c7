from django import forms
from django.utils.translation import gettext_lazy as _

from apps.volunteers.models import Team, Volunteer


class PortalTeamForm(forms.ModelForm):
    class Meta:
        model = Team
        fields = ["name", "leader", "contact_name", "contact_phone", "founded_on"]
        widgets = {"founded_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, scope, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = scope.rows(Volunteer.objects).order_by("name")
        self.instance.organization = scope.organization

