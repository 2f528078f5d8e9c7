from django.contrib import messages
from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView

from apps.volunteers.models import Team
from apps.volunteers.services import team_membership_join

from ..errors import form_errors
from ..forms.teams import TeamMemberForm
from .base import ScopedViewMixin


class TeamMemberAddView(ScopedViewMixin, FormView):
    """Add one of the scope's volunteers to one of the scope's teams."""

    form_class = TeamMemberForm
    http_method_names = ["post"]
    team_url = ""  # URL name (without namespace) of a team's page in this audience

    @cached_property
    def team(self):
        return self.scope.get_or_404(Team.objects, pk=self.kwargs["pk"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "scope": self.scope}

    def form_valid(self, form):
        try:
            team_membership_join(team=self.team, **form.cleaned_data)
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
        else:
            messages.success(self.request, _("Member added."))
        return self.back()

    def form_invalid(self, form):
        messages.error(self.request, form_errors(form))
        return self.back()

    def back(self):
        return self.scope.redirect(self.team_url, pk=self.team.pk)
