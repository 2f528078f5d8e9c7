from django.contrib import messages
from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView

from apps.volunteers.models import Team, TeamMembership
from apps.volunteers.services import team_membership_join, team_membership_leave
from apps.volunteers.teams import team_dissolve

from ..errors import add_to_form, form_errors
from ..forms.teams import TeamDissolveForm, TeamMemberForm, TeamMemberLeaveForm
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


class TeamDissolveView(ScopedViewMixin, FormView):
    """Dissolve one of the scope's teams: GET asks for the day (and confirmation), POST dissolves it
    and ends its current memberships on that day (``apps.volunteers.teams.team_dissolve``)."""

    form_class = TeamDissolveForm
    template_name = "includes/team_dissolve.html"
    team_url = ""  # URL name (without namespace) of a team's page in this audience

    @cached_property
    def team(self):
        return self.scope.get_or_404(Team.objects, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            team=self.team, back_url=self.scope.url(self.team_url, pk=self.team.pk),
            members=self.team.memberships.filter(left_on__isnull=True).count(), **kwargs)

    def form_valid(self, form):
        try:
            team_dissolve(actor=self.request.user, team=self.team, dissolved_on=form.cleaned_data["dissolved_on"])
        except ValidationError as error:
            add_to_form(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The team %(name)s is dissolved.") % {"name": self.team.name})
        return self.scope.redirect(self.team_url, pk=self.team.pk)
