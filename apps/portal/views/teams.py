"""The organization's volunteer teams: list, create, members (its own volunteers only)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DetailView, FormView

from apps.volunteers.models import Team
from apps.volunteers.services import team_membership_join

from ..filters.work import PortalTeamFilter
from ..forms.teams import PortalTeamForm, TeamMemberForm
from ..tables.volunteers import PortalTeamTable
from .base import PortalViewMixin
from .lists import PortalListView, form_errors


def team_for(request, pk):
    return get_object_or_404(Team.objects.for_organization(request.organization), pk=pk)


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
        return {**super().get_form_kwargs(), "organization": self.request.organization}

    def form_valid(self, form):
        self.object = form.save()
        messages.success(self.request, _("Team created."))
        return redirect("portal:work_team_detail", org=self.request.organization.code, pk=self.object.pk)


class TeamDetailView(PortalViewMixin, DetailView):
    template_name = "portal/work/team_detail.html"
    context_object_name = "team"

    def get_object(self, queryset=None):
        return team_for(self.request, self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            members=self.object.memberships.filter(left_on__isnull=True).select_related("volunteer")
            .order_by("volunteer__name"),
            member_form=TeamMemberForm(organization=self.request.organization), **kwargs)


class TeamMemberAddView(PortalViewMixin, FormView):
    required_role = "editor"
    form_class = TeamMemberForm
    http_method_names = ["post"]

    @cached_property
    def team(self):
        return team_for(self.request, self.kwargs["pk"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "organization": self.request.organization}

    def form_valid(self, form):
        try:
            team_membership_join(team=self.team, **form.cleaned_data)
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
        else:
            messages.success(self.request, _("Member added."))
        return self._back()

    def form_invalid(self, form):
        messages.error(self.request, form_errors(form))
        return self._back()

    def _back(self):
        return redirect("portal:work_team_detail", org=self.request.organization.code, pk=self.team.pk)
