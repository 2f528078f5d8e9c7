"""Star thresholds and awards, training and honour records: with service records and the
registration these make up the five record categories of a volunteer."""

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.audit.registration import own_fields
from apps.core.scoping import ScopedQuerySet


class StarThreshold(models.Model):
    """Hours needed for each star level (local: Beijing uses 100/200/500/800/1000)."""

    level = models.PositiveSmallIntegerField(_("star level"), unique=True)
    min_hours = models.DecimalField(_("minimum confirmed hours"), max_digits=9, decimal_places=2)

    class Meta:
        verbose_name = _("star threshold")
        verbose_name_plural = _("star thresholds")
        ordering = ["level"]
        constraints = [
            models.CheckConstraint(condition=Q(level__gte=1, level__lte=5), name="starthreshold_level_1_5",
                                   violation_error_message=_("Star levels run from 1 to 5.")),
        ]

    def __str__(self):
        return f"{self.level}★ ≥ {self.min_hours} h"


class AwardQuerySet(ScopedQuerySet):
    """A volunteer's star awards, trainings and honours: staff see those of volunteers living in their
    area; an organization (the portal, ``for_organization``) those of its current volunteers."""

    area_lookup = "volunteer__community"
    organization_lookup = None

    def for_organization(self, organization):
        from .volunteers import VolunteerMembership

        return self.filter(volunteer__in=VolunteerMembership.objects.current().filter(
            organization=organization.pk).values("volunteer"))


class StarAwardStatus(models.TextChoices):
    GRANTED = "granted", _("Granted")
    # The volunteer's confirmed hours fell below the level's threshold (a correction): the award
    # stands until staff decide to keep or revoke it (apps.volunteers.stars).
    UNDER_REVIEW = "review", _("Under review")
    REVOKED = "revoked", _("Revoked")


class StarAward(models.Model):
    """A star level granted to a volunteer: an award with a date and a granting body. Never
    deleted: a revoked award stays with the decision's date, author and reason."""

    volunteer = models.ForeignKey("volunteers.Volunteer", verbose_name=_("volunteer"), on_delete=models.PROTECT,
                                  related_name="star_awards")
    level = models.PositiveSmallIntegerField(_("star level"))
    hours_at_grant = models.DecimalField(_("confirmed hours at grant"), max_digits=9, decimal_places=2)
    granted_on = models.DateField(_("granted on"), default=timezone.localdate)
    granting_body = models.CharField(_("granting body"), max_length=100)
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("granted by"), null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(_("status"), max_length=8, choices=StarAwardStatus.choices,
                              default=StarAwardStatus.GRANTED)
    review_flagged_at = models.DateTimeField(_("flagged for review at"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("reviewed by"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    review_reason = models.CharField(_("reason of the review decision"), max_length=200, blank=True)

    objects = AwardQuerySet.as_manager()

    class Meta:
        verbose_name = _("star award")
        verbose_name_plural = _("star awards")
        ordering = ["-level"]
        constraints = [
            # A revoked award stays as history; the level can be granted again later.
            models.UniqueConstraint(fields=["volunteer", "level"], condition=~Q(status="revoked"),
                                    name="staraward_once_per_level",
                                    violation_error_message=_("The volunteer already holds this star level.")),
            models.CheckConstraint(condition=Q(level__gte=1, level__lte=5), name="staraward_level_1_5",
                                   violation_error_message=_("Star levels run from 1 to 5.")),
            models.CheckConstraint(condition=~Q(status="revoked") | ~Q(review_reason=""),
                                   name="staraward_revoked_has_reason",
                                   violation_error_message=_("A revoked award needs the reason for revoking it.")),
        ]
        indexes = [
            # Dashboard alert and volunteer-list filter "star awards under review": a small share.
            models.Index(fields=["volunteer"], condition=Q(status="review"), name="staraward_under_review"),
        ]

    def __str__(self):
        return f"{self.volunteer.name} {self.level}★"


class TrainingRecord(models.Model):
    """Training received (one of the five record categories)."""

    volunteer = models.ForeignKey("volunteers.Volunteer", verbose_name=_("volunteer"), on_delete=models.PROTECT,
                                  related_name="trainings")
    title = models.CharField(_("training"), max_length=200)
    organizer = models.CharField(_("organizer"), max_length=100)
    held_on = models.DateField(_("date"))
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=2)

    objects = AwardQuerySet.as_manager()

    class Meta:
        verbose_name = _("training record")
        verbose_name_plural = _("training records")
        ordering = ["-held_on"]
        constraints = [models.CheckConstraint(condition=Q(hours__gt=0), name="trainingrecord_hours_positive",
                                              violation_error_message=_("The hours must be more than zero."))]

    def __str__(self):
        return self.title


class HonourRecord(models.Model):
    """Commendations and awards other than stars (one of the five record categories)."""

    volunteer = models.ForeignKey("volunteers.Volunteer", verbose_name=_("volunteer"), on_delete=models.PROTECT,
                                  related_name="honours")
    title = models.CharField(_("honour"), max_length=200)
    granting_body = models.CharField(_("granting body"), max_length=100)
    granted_on = models.DateField(_("granted on"))

    objects = AwardQuerySet.as_manager()

    class Meta:
        verbose_name = _("honour record")
        verbose_name_plural = _("honour records")
        ordering = ["-granted_on"]

    def __str__(self):
        return self.title


auditlog.register(StarThreshold, include_fields=own_fields(StarThreshold))
auditlog.register(StarAward, include_fields=own_fields(StarAward))
auditlog.register(TrainingRecord, include_fields=own_fields(TrainingRecord))
auditlog.register(HonourRecord, include_fields=own_fields(HonourRecord))
