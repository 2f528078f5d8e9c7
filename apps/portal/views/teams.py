"""The organization's volunteer teams: list, create, members (its own volunteers only)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DetailView

from apps.volunteers.models import Team
from apps.web.forms.teams import TeamMemberForm
from apps.web.views import teams as shared

from ..filters.work import PortalTeamFilter
from ..forms.teams import PortalTeamForm
from ..tables.volunteers import PortalTeamTable
from .base import PortalViewMixin
from .lists import PortalListView


class TeamListView(PortalListView):
    model = Team
    table_class = PortalTeamTable
    filterset_class = PortalTeamFilter
    select_related = ("leader", "organization")
    template_name = "portal/work/team_list.html"


class TeamCreateView(PortalViewMixin, CreateView):
    required_role = "editor"
    model = Team
    form_class = PortalTeamForm
    template_name = "portal/work/form.html"
    extra_context = {"title": gettext_lazy("New team")}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "scope": self.scope}

    def form_valid(self, form):
        self.object = form.save()
        messages.success(self.request, _("Team created."))
        return redirect("portal:work_team_detail", org=self.request.organization.code, pk=self.object.pk)


class TeamDetailView(PortalViewMixin, DetailView):
    template_name = "portal/work/team_detail.html"
    context_object_name = "team"

    def get_object(self, queryset=None):
        return self.scope.get_or_404(Team.objects, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            members=self.object.memberships.filter(left_on__isnull=True).select_related("volunteer")
            .order_by("volunteer__name"),
            member_form=TeamMemberForm(scope=self.scope), **kwargs)


class TeamMemberAddView(PortalViewMixin, shared.TeamMemberAddView):
    required_role = "editor"
    team_url = "work_team_detail"


class TeamMemberLeaveView(PortalViewMixin, shared.TeamMemberLeaveView):
    required_role = "editor"
    team_url = "work_team_detail"
