from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import CreateView, DetailView, FormView

from apps.activities.models import HoursTotal
from apps.activities.totals import hours_for
from apps.audit.selectors import object_history
from apps.core.scoping import get_visible_or_404
from apps.volunteers.models import Team
from apps.volunteers.services import team_membership_join

from ..filters.teams import TeamFilter
from ..forms.teams import TeamForm, TeamMemberForm
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
            member_form=TeamMemberForm(user=self.request.user),
            history=object_history(self.object),
        )
        return context


class TeamCreateView(StaffRequiredMixin, CreateView):
    model = Team
    form_class = TeamForm
    template_name = "backoffice/volunteers/team_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_success_url(self):
        return reverse("office:team_detail", args=[self.object.pk])


class TeamMemberAddView(StaffRequiredMixin, FormView):
    form_class = TeamMemberForm
    http_method_names = ["post"]

    @cached_property
    def team(self):
        return get_visible_or_404(Team.objects, self.request.user, pk=self.kwargs["pk"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        try:
            team_membership_join(team=self.team, **form.cleaned_data)
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
        else:
            messages.success(self.request, _("Member added."))
        return redirect("office:team_detail", pk=self.team.pk)

    def form_invalid(self, form):
        messages.error(self.request, _("Choose a volunteer and a role."))
        return redirect("office:team_detail", pk=self.team.pk)
