"""Forms of the record steps both audiences take: bulk entry, correction, dispute / void, and
the certificate steps. Choices come from the scope (``apps.web.scope``)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.activities.models import Evaluation
from apps.core.forms import load_label_columns_only
from apps.volunteers.models import Volunteer

from ..pickers import use_picker
from .periods import PeriodForm

DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class RecordEntryForm(forms.Form):
    """Bulk entry: the chosen volunteers served the whole activity unless hours are given."""

    volunteers = forms.ModelMultipleChoiceField(label=_("Volunteers"), queryset=Volunteer.objects.none(),
                                                widget=forms.SelectMultiple(attrs={"size": 8}),
                                                error_messages={"required": _("Choose at least one volunteer.")})
    hours = forms.DecimalField(label=_("Hours each"), required=False, min_value=0.01, decimal_places=2,
                               help_text=_("Leave empty for the activity's full duration."))
    content = forms.CharField(label=_("Service content"), max_length=200, required=False)

    def __init__(self, *args, scope, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["volunteers"]
        field.queryset = scope.rows(Volunteer.objects).order_by("name")
        # Options show names and numbers only (no encrypted column is read); a scope with many
        # volunteers gets the searchable picker instead of thousands of options.
        load_label_columns_only(field)
        use_picker(field, scope)


class RecordCorrectionForm(forms.Form):
    started_at = forms.DateTimeField(label=_("Started at"), widget=DATETIME_INPUT)
    ended_at = forms.DateTimeField(label=_("Ended at"), widget=DATETIME_INPUT)
    hours = forms.DecimalField(label=_("Hours"), min_value=0.01, max_digits=6, decimal_places=2)
    content = forms.CharField(label=_("Service content"), max_length=200, required=False)
    evaluation = forms.ChoiceField(label=_("Evaluation"), choices=[("", "—"), *Evaluation.choices], required=False)
    reason = forms.CharField(label=_("Reason"), max_length=200)

    @staticmethod
    def initial_for(record):
        return {"started_at": record.started_at, "ended_at": record.ended_at, "hours": record.hours,
                "content": record.content, "evaluation": record.evaluation}


class ReasonForm(forms.Form):
    action = forms.ChoiceField(label=_("What to do"), choices=[("dispute", _("Dispute")), ("void", _("Void"))])
    reason = forms.CharField(label=_("Reason"), max_length=200, error_messages={"required": _("Give a reason.")})


class CertificateRequestForm(PeriodForm):
    """For a volunteer page (the volunteer is given: choose the issuing organization among those
    the volunteer serves with) or for an organization (choose one of its volunteers)."""

    volunteer = forms.ModelChoiceField(label=_("Volunteer"), queryset=Volunteer.objects.none())
    organization = forms.ModelChoiceField(label=_("Issuing organization"), queryset=None, required=False,
                                          help_text=_("Leave empty when the residents' committee issues it."))
    field_order = ["volunteer", "organization", "period_start", "period_end"]

    def __init__(self, *args, scope, volunteer=None, **kwargs):
        super().__init__(*args, **kwargs)
        if volunteer is None:
            del self.fields["organization"]
            self.fields["volunteer"].queryset = scope.rows(Volunteer.objects).order_by("name")
            load_label_columns_only(self.fields["volunteer"])
            use_picker(self.fields["volunteer"], scope)
        else:
            del self.fields["volunteer"]
            self.fields["organization"].queryset = scope.organizations().filter(
                pk__in=volunteer.memberships.values("organization"))


class CertificateIssueForm(forms.Form):
    responsible_person = forms.CharField(label=_("Responsible person"), max_length=50)
    handler = forms.CharField(label=_("Handled by"), max_length=50)
    contact = forms.CharField(label=_("Contact phone"), max_length=30)


class CertificateRevokeForm(forms.Form):
    reason = forms.CharField(label=_("Reason for revocation"), max_length=200)
