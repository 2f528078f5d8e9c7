from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from apps.apiclients.models import Access
from apps.areas.models import Area, AreaLevel


class ApiClientForm(forms.Form):
    """A new client: its system, one scope (an area of the user's own, or an organization of it),
    its access and how long its token is valid. Choices come from the user's scope."""

    name = forms.CharField(label=_("System name"), max_length=100,
                           help_text=_("The partner system, e.g. the district's data dashboard."))
    contact = forms.CharField(label=_("Responsible department"), max_length=200, required=False,
                              help_text=_("Who runs the system and answers for its use of the data."))
    area = forms.ModelChoiceField(label=_("Area"), queryset=Area.objects.none(), required=False,
                                  help_text=_("The client sees this area and everything under it."))
    organization = forms.ModelChoiceField(label=_("Or: organization"), queryset=None, required=False,
                                          help_text=_("The client sees what this organization sees in its portal."))
    access = forms.ChoiceField(label=_("Access"), choices=Access.choices, initial=Access.READ)
    valid_days = forms.IntegerField(label=_("Valid for (days)"), min_value=1, max_value=settings.API_TOKEN_MAX_DAYS,
                                    initial=min(365, settings.API_TOKEN_MAX_DAYS))
    rate_limit = forms.IntegerField(label=_("Requests per minute"), min_value=1, max_value=100000, required=False,
                                    help_text=_("Leave empty for the deployment's default."))

    def __init__(self, *args, scope, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = scope.rows(Area.objects).exclude(level=AreaLevel.GRID).order_by("path")
        self.fields["organization"].queryset = scope.organizations()

    def clean(self):
        data = super().clean()
        if not self.errors and bool(data.get("area")) == bool(data.get("organization")):
            raise forms.ValidationError(_("Bind the client to an area or to an organization, not both."))
        return data


class ApiClientRevokeForm(forms.Form):
    reason = forms.CharField(label=_("Reason for revocation"), max_length=200,
                             error_messages={"required": _("Give the reason for the revocation.")})
