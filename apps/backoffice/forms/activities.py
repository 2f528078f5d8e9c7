from django import forms
from django.utils.translation import gettext_lazy as _

from apps.activities.models import Activity
from apps.procurement.models import Contract
from apps.volunteers.models import Team
from apps.web.forms.records import DATETIME_INPUT
from apps.web.pickers import use_picker


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
        use_picker(self.fields["organization"], scope)  # (a street has hundreds)
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

    # The organizer and contract rules are Activity.clean()'s, which the form's model validation
    # and the service both run (one home for every path, the API's too).

