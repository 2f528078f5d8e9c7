from django import forms
from django.utils.translation import gettext_lazy as _

from apps.activities.models import Activity
from apps.procurement.models import Contract
from apps.volunteers.models import Team
from apps.web.forms.records import DATETIME_INPUT


class PortalActivityForm(forms.ModelForm):
    """The organizer is always the current organization (or one of its own teams)."""

    class Meta:
        model = Activity
        fields = ["name", "team", "community", "place", "starts_at", "ends_at", "category", "content",
                  "beneficiaries", "beneficiary_count", "lead_person", "recruitment_needs", "is_risky",
                  "is_insured", "contract"]
        widgets = {"starts_at": DATETIME_INPUT, "ends_at": DATETIME_INPUT, "content": forms.Textarea(attrs={"rows": 3}),
                   "recruitment_needs": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, scope, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = scope.rows(Team.objects).filter(status=Team.Status.ACTIVE).order_by("name")
        self.fields["team"].help_text = _("Leave empty when the organization itself organizes the activity.")
        self.fields["community"].queryset = scope.communities()
        self.fields["community"].initial = scope.organization.area_id
        # Activity.contract replaced the typed contract number (closeout): only this organization's contracts.
        self.fields["contract"].queryset = scope.rows(Contract.objects).order_by("-signed_on")

