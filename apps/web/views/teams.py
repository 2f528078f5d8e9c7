from django.contrib import messages
from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView

from apps.volunteers.models import Team, TeamMembership
from apps.volunteers.services import team_membership_join, team_membership_leave

from ..errors import form_errors
from ..forms.teams import TeamMemberForm, TeamMemberLeaveForm
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


class TeamMemberLeaveView(ScopedViewMixin, FormView):
    """Record that one of the scope's team members left (the membership keeps both dates)."""

    form_class = TeamMemberLeaveForm
    http_method_names = ["post"]
    team_url = ""  # URL name (without namespace) of a team's page in this audience

    @cached_property
    def membership(self):
        return self.scope.get_or_404(TeamMembership.objects.select_related("volunteer"),
                                     pk=self.kwargs["membership_pk"], team=self.kwargs["pk"])

    def form_valid(self, form):
        try:
            team_membership_leave(actor=self.request.user, membership=self.membership,
                                  left_on=form.cleaned_data["left_on"])
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
        else:
            messages.success(self.request, _("%(name)s left the team.") % {"name": self.membership.volunteer.name})
        return self.back()

    def form_invalid(self, form):
        messages.error(self.request, form_errors(form))
        return self.back()

    def back(self):
        return self.scope.redirect(self.team_url, pk=self.membership.team_id)
