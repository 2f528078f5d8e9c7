from django import forms
from django.utils.translation import gettext_lazy as _

from apps.activities.models import Activity, OrganizerKind
from apps.procurement.models import Contract
from apps.volunteers.models import Team
from apps.web.forms.records import DATETIME_INPUT


class ActivityForm(forms.ModelForm):
    positions = forms.CharField(
        label=_("Positions"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line: position name, a colon, the quota (for example “引导员: 4”)."))

    class Meta:
        model = Activity
        fields = ["name", "organizer_kind", "organization", "team", "community", "place", "starts_at", "ends_at",
                  "category", "content", "beneficiaries", "beneficiary_count", "lead_person", "recruitment_needs",
                  "is_risky", "is_insured", "contract"]
        widgets = {"starts_at": DATETIME_INPUT, "ends_at": DATETIME_INPUT, "content": forms.Textarea(attrs={"rows": 3}),
                   "recruitment_needs": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, scope, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = scope.organizations()
        self.fields["team"].queryset = scope.rows(Team.objects).order_by("name")
        self.fields["community"].queryset = scope.communities()
        # Any contract the user may see; clean() then requires its provider to be the organizer.
        self.fields["contract"].queryset = (scope.rows(Contract.objects).select_related("project")
                                            .order_by("-signed_on", "-pk"))

    def clean_positions(self):
        positions = []
        for line in self.cleaned_data["positions"].splitlines():
            if not line.strip():
                continue
            name, _sep, quota = line.replace("：", ":").rpartition(":")
            if not name.strip() or not (quota.strip().isascii() and quota.strip().isdigit()) or int(quota) < 1:
                raise forms.ValidationError(_("Write each position as “name: quota”."))
            positions.append((name.strip(), int(quota)))
        return positions

    def clean(self):
        data = super().clean()
        kind = data.get("organizer_kind")
        if kind == OrganizerKind.ORGANIZATION and not data.get("organization"):
            self.add_error("organization", _("Choose the organizing organization."))
        if kind == OrganizerKind.TEAM and not data.get("team"):
            self.add_error("team", _("Choose the organizing team."))
        contract = data.get("contract")
        if contract is not None and contract.provider_id != self._organizer_organization_id(data):
            self.add_error("contract", _("Choose a contract whose provider is the organization running this activity."))
        return data

    @staticmethod
    def _organizer_organization_id(data):
        """The organization that delivers the activity: the organizing organization, or the team's."""
        kind = data.get("organizer_kind")
        if kind == OrganizerKind.ORGANIZATION and data.get("organization"):
            return data["organization"].pk
        if kind == OrganizerKind.TEAM and data.get("team"):
            return data["team"].organization_id
        return None

