from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.areas.models import Area
from apps.organizations.models import Organization
from apps.volunteers.models import Team, Volunteer


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



class TeamEditForm(TeamForm):
    """The same fields as a new team's but the status: a team is dissolved by its own step. The
    team's current organization and community stay choices even outside the user's area."""

    class Meta(TeamForm.Meta):
        fields = ["name", "organization", "community", "leader", "contact_name", "contact_phone", "founded_on"]

    def __init__(self, *args, scope, **kwargs):
        super().__init__(*args, scope=scope, **kwargs)
        team = self.instance
        self.fields["organization"].queryset = (scope.organizations() | Organization.objects.filter(
            pk=team.organization_id)).order_by("name")
        self.fields["community"].queryset = (scope.communities() | Area.objects.filter(pk=team.community_id)) \
            .order_by("code")
        # The leader is one of the team's current members (or the leader it has).
        self.fields["leader"].queryset = scope.rows(Volunteer.objects).filter(
            Q(team_memberships__team=team, team_memberships__left_on__isnull=True) | Q(pk=team.leader_id)) \
            .distinct().order_by("name")
