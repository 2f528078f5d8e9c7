from django import forms
from django.utils.translation import gettext_lazy as _

from apps.volunteers.models import Team


class TeamForm(forms.ModelForm):
    class Meta:
        model = Team
        fields = ["name", "organization", "community", "contact_name", "contact_phone", "founded_on", "status"]
        widgets = {"founded_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, scope, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = scope.organizations()
        self.fields["community"].queryset = scope.communities()

    def clean(self):
        data = super().clean()
        if not data.get("organization") and not data.get("community"):
            raise forms.ValidationError(_("A team belongs to an organization or to a community."))
        return data

