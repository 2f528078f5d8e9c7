from django import forms
from django.utils.translation import gettext_lazy as _

from apps.activities.models import Activity
from apps.procurement.models import Contract
from apps.volunteers.models import Team, Volunteer

from .volunteers import residence_communities

_DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class PortalActivityForm(forms.ModelForm):
    """The organizer is always the current organization (or one of its own teams)."""

    class Meta:
        model = Activity
        fields = ["name", "team", "community", "place", "starts_at", "ends_at", "category", "content",
                  "beneficiaries", "beneficiary_count", "lead_person", "recruitment_needs", "is_risky",
                  "is_insured", "contract"]
        widgets = {"starts_at": _DATETIME, "ends_at": _DATETIME, "content": forms.Textarea(attrs={"rows": 3}),
                   "recruitment_needs": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.for_organization(organization).filter(
            status=Team.Status.ACTIVE).order_by("name")
        self.fields["team"].help_text = _("Leave empty when the organization itself organizes the activity.")
        self.fields["community"].queryset = residence_communities(organization)
        self.fields["community"].initial = organization.area_id
        # Activity.contract replaced the typed contract number (closeout): only this organization's contracts.
        self.fields["contract"].queryset = Contract.objects.for_organization(organization).order_by("-signed_on")


class PortalRecordEntryForm(forms.Form):
    """Bulk entry: the chosen volunteers (the organization's own) served the whole activity
    unless hours are given."""

    volunteers = forms.ModelMultipleChoiceField(label=_("Volunteers"), queryset=Volunteer.objects.none(),
                                                widget=forms.SelectMultiple(attrs={"size": 8}))
    hours = forms.DecimalField(label=_("Hours each"), required=False, min_value=0.01, decimal_places=2,
                               help_text=_("Leave empty for the activity's full duration."))
    content = forms.CharField(label=_("Service content"), max_length=200, required=False)

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["volunteers"].queryset = Volunteer.objects.for_organization(organization).order_by("name")
