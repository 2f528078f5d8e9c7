"""Dissolving a volunteer team (issue 16.13): the team is kept as dissolved, its current members
leave on the dissolution day (their memberships keep both dates), all or nothing. auditlog records
the team's status and every membership's leaving day with the actor."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Team, TeamMembership
from .services import team_membership_leave


@transaction.atomic
def team_dissolve(*, actor, team: Team, dissolved_on=None) -> Team:
    team = Team.objects.select_for_update().get(pk=team.pk)
    dissolved_on = dissolved_on or timezone.localdate()
    if team.status == Team.Status.DISSOLVED:
        raise ValidationError(_("The team is already dissolved."), code="dissolved")
    if dissolved_on > timezone.localdate():
        raise ValidationError({"dissolved_on": _("The dissolution date cannot be in the future.")})
    if team.founded_on and dissolved_on < team.founded_on:
        message = _("The dissolution date cannot be before the team was founded (%(day)s).")
        raise ValidationError({"dissolved_on": message % {"day": team.founded_on.isoformat()}})
    for membership in TeamMembership.objects.filter(team=team, left_on__isnull=True).order_by("pk"):
        try:
            team_membership_leave(actor=actor, membership=membership, left_on=dissolved_on)
        except ValidationError as error:
            raise ValidationError({"dissolved_on": error.messages}) from None
    team.status = Team.Status.DISSOLVED
    team.full_clean()
    team.save(update_fields=["status"])
    return team
