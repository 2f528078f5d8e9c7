"""Volunteers (masked personal data) and volunteer teams."""

from apps.volunteers.models import Team, Volunteer

from ..filters import TeamFilter, VolunteerFilter
from ..serializers.people import TeamSerializer, VolunteerSerializer
from .base import ScopedReadViewSet


class VolunteerViewSet(ScopedReadViewSet):
    """Volunteers the client's scope sees (an area: living there or serving with its
    organizations; an organization: its current members). ID number and phone masked, age instead
    of the birth date; full values are never given over the API."""

    model = Volunteer
    serializer_class = VolunteerSerializer
    filterset_class = VolunteerFilter
    select_related = ("community",)

    def get_queryset(self):
        # Extra personal fields are not shown: not even read (their consent may be withdrawn).
        return super().get_queryset().defer("occupation", "education")


class TeamViewSet(ScopedReadViewSet):
    model = Team
    serializer_class = TeamSerializer
    filterset_class = TeamFilter
    select_related = ("organization", "community", "area", "leader")

    def get_queryset(self):
        # The leader is shown by number and name: their encrypted numbers are not even read.
        return super().get_queryset().defer("leader__id_number", "leader__phone")
