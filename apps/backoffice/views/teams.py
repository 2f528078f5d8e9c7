from django.db.models import Count, Q
from django.urls import reverse
from django.views.generic import CreateView, DetailView

from apps.activities.models import HoursTotal
from apps.activities.totals import hours_for
from apps.audit.selectors import object_history
from apps.volunteers.models import Team
from apps.web.forms.teams import TeamMemberForm
from apps.web.views import teams as shared

from ..filters.teams import TeamFilter
from ..forms.teams import TeamForm
from ..tables.teams import TeamTable
from .base import OfficeListView, OfficeObjectMixin, StaffRequiredMixin


class TeamListView(OfficeListView):
    model = Team
    table_class = TeamTable
    filterset_class = TeamFilter
    select_related = ("organization", "area", "leader")
    template_name = "backoffice/volunteers/team_list.html"

    def get_queryset(self):
        return super().get_queryset().annotate(
            member_count=Count("memberships", filter=Q(memberships__left_on__isnull=True))).order_by("name", "pk")


class TeamDetailView(OfficeObjectMixin, DetailView):
    model = Team
    template_name = "backoffice/volunteers/team_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            memberships=self.object.memberships.select_related("volunteer").order_by("left_on", "-joined_on"),
            hours=hours_for(HoursTotal.Kind.TEAM, self.object.pk),
            member_form=TeamMemberForm(scope=self.scope),
            history=object_history(self.object),
        )
        return context


class TeamCreateView(StaffRequiredMixin, CreateView):
    model = Team
    form_class = TeamForm
    template_name = "backoffice/volunteers/team_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "scope": self.scope}

    def get_success_url(self):
        return reverse("office:team_detail", args=[self.object.pk])


class TeamMemberAddView(StaffRequiredMixin, shared.TeamMemberAddView):
    team_url = "team_detail"


class TeamMemberLeaveView(StaffRequiredMixin, shared.TeamMemberLeaveView):
    team_url = "team_detail"
