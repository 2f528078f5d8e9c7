import secrets
from decimal import Decimal

from auditlog.registry import auditlog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from apps.audit.registration import own_fields
from apps.core.scoping import ScopedQuerySet
from apps.core.updates import TracksUpdates


class ActivityCategory(models.TextChoices):
    COMMUNITY = "community", _("Community service")
    ELDERLY = "elderly", _("Elderly care")
    DISABILITY = "disability", _("Disability support")
    YOUTH = "youth", _("Children and youth")
    CULTURE = "culture", _("Culture and sports")
    MEDIATION = "mediation", _("Mediation")
    ENVIRONMENT = "environment", _("Environment")
    SAFETY = "safety", _("Safety patrol")
    EMERGENCY = "emergency", _("Emergency response")
    OTHER = "other", _("Other")


class OrganizerKind(models.TextChoices):
    ORGANIZATION = "organization", _("Social organization")
    TEAM = "team", _("Volunteer team")
    COMMUNITY = "community", _("Residents' committee")


def new_checkin_code():
    """The 6-digit sign-in code volunteers type on their phones."""
    return f"{secrets.randbelow(10**6):06d}"


def new_checkin_token():
    """The unguessable part of the QR code's URL."""
    return secrets.token_urlsafe(16)


#: 志愿服务条例 §17: volunteers are insured before they do work that may endanger them.
RISKY_UNINSURED = _("A risky activity needs accident insurance for its volunteers before anyone serves in it.")


class ActivityQuerySet(ScopedQuerySet):
    area_lookup = "community"
    organization_lookup = "organization"


class Activity(TracksUpdates, models.Model):
    name = models.CharField(_("name"), max_length=200)
    organizer_kind = models.CharField(_("organizer type"), max_length=12, choices=OrganizerKind.choices)
    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("organizing organization"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="activities",
        help_text=_("The organization that records and certifies the hours (also for its teams)."),
    )
    team = models.ForeignKey("volunteers.Team", verbose_name=_("organizing team"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="activities")
    community = models.ForeignKey("areas.Area", verbose_name=_("community"), on_delete=models.PROTECT,
                                  related_name="activities")
    place = models.CharField(_("place"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    category = models.CharField(_("category"), max_length=12, choices=ActivityCategory.choices)
    content = models.TextField(_("content"), blank=True)
    beneficiaries = models.CharField(_("beneficiaries"), max_length=200, blank=True)
    beneficiary_count = models.PositiveIntegerField(_("beneficiaries served"), null=True, blank=True)
    lead_person = models.CharField(_("person in charge"), max_length=50)
    recruitment_needs = models.TextField(_("recruitment needs"), blank=True)
    is_risky = models.BooleanField(_("risky work"), default=False,
                                   help_text=_("Minors are never assigned to risky activities."))
    is_insured = models.BooleanField(_("volunteers insured"), default=False)
    contract = models.ForeignKey(
        "procurement.Contract", verbose_name=_("purchased-service contract"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="activities",
        help_text=_("The government-purchased service contract this activity delivers, if any."),
    )
    checkin_code = models.CharField(_("sign-in code"), max_length=6, default=new_checkin_code, editable=False)
    checkin_token = models.CharField(max_length=32, unique=True, default=new_checkin_token, editable=False)
    is_cancelled = models.BooleanField(_("cancelled"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True,
                                   on_delete=models.SET_NULL, related_name="+", editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-starts_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="activity_ends_after_start",
                                   violation_error_message=_("The activity must end after it starts.")),
            models.CheckConstraint(
                condition=(Q(organizer_kind="organization", organization__isnull=False)
                           | Q(organizer_kind="team", team__isnull=False)
                           | Q(organizer_kind="community")),
                name="activity_organizer_given",
                violation_error_message=_("Choose the organizing organization or team for this kind of organizer."),
            ),
        ]
        indexes = [
            # Activity list of a community, newest first; and, from the index alone (the last two
            # columns), the dashboard's activities per community in the last 12 months and the join
            # of its "records awaiting confirmation" count (city scale: 13 → 2 ms and 20 → 13 ms).
            models.Index(fields=["community", "-starts_at", "is_cancelled", "id"], name="activity_community_held"),
            # The public home page's "sign in with the code": today's activities of one 6-digit code
            # (apps.public.views.checkin_code), a handful of rows among all activities.
            models.Index(fields=["checkin_code", "starts_at"], name="activity_checkin_code"),
            # The API's incremental sync: rows changed since a time, in the cursor's order.
            models.Index(fields=["updated_at", "id"], name="activity_updated"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        # The rules of every path that creates an activity (back office, portal, API: the service
        # runs full_clean; the forms' own validation too), so each says them in the same words.
        errors = {}
        # Not a CheckConstraint: activities recorded before the rule may lack insurance; they
        # take no new records (rules.record_check) until insurance is recorded.
        if self.lacks_required_insurance:
            errors["is_insured"] = RISKY_UNINSURED
        if self.organizer_kind == OrganizerKind.ORGANIZATION and not self.organization_id:
            errors["organization"] = _("Choose the organizing organization.")
        if self.organizer_kind == OrganizerKind.TEAM and not self.team_id:
            errors["team"] = _("Choose the organizing team.")
        # A contract is delivered by its provider: only the provider's own activities count towards
        # its targets. Not judged before the organizer is known (the portal's form sets it later).
        if self.organizer_kind and self.contract_id and self.contract.provider_id != self.delivering_organization_id:
            errors["contract"] = _("Choose a contract whose provider is the organization running this activity.")
        if errors:
            raise ValidationError(errors)

    @property
    def delivering_organization_id(self):
        """The organization that delivers the activity: the organizing one, or the team's."""
        if self.organizer_kind == OrganizerKind.ORGANIZATION:
            return self.organization_id
        if self.organizer_kind == OrganizerKind.TEAM and self.team_id:
            return self.team.organization_id
        return None

    @property
    def lacks_required_insurance(self) -> bool:
        return self.is_risky and not self.is_insured

    @property
    def duration_hours(self) -> Decimal:
        return (Decimal((self.ends_at - self.starts_at).total_seconds()) / 3600).quantize(Decimal("0.01"))

    @property
    def organizer_name(self):
        if self.organizer_kind == OrganizerKind.TEAM and self.team_id:
            return str(self.team)
        if self.organization_id:
            return str(self.organization)
        return str(self.community)


class PositionQuerySet(ScopedQuerySet):
    area_lookup = "activity__community"
    organization_lookup = "activity__organization"


class ActivityPosition(models.Model):
    activity = models.ForeignKey(Activity, verbose_name=_("activity"), on_delete=models.CASCADE,
                                 related_name="positions")
    name = models.CharField(_("position"), max_length=100)
    quota = models.PositiveIntegerField(_("quota"))
    description = models.CharField(_("description"), max_length=200, blank=True)

    objects = PositionQuerySet.as_manager()

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["pk"]
        constraints = [models.CheckConstraint(condition=Q(quota__gte=1), name="position_quota_positive",
                                              violation_error_message=_("A position needs at least one place."))]

    def __str__(self):
        return f"{self.name} ({self.quota})"


class RecordStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    DISPUTED = "disputed", _("Disputed")
    CORRECTED = "corrected", _("Corrected")
    VOID = "void", _("Void")


#: Records that still claim the volunteer's time (overlap rule) and are not history.
LIVE_STATUSES = [RecordStatus.PENDING, RecordStatus.CONFIRMED, RecordStatus.DISPUTED]


class Evaluation(models.TextChoices):
    EXCELLENT = "excellent", _("Excellent")
    GOOD = "good", _("Good")
    ADEQUATE = "adequate", _("Adequate")
    POOR = "poor", _("Poor")


class ServiceRecordQuerySet(ScopedQuerySet):
    area_lookup = "activity__community"
    organization_lookup = "activity__organization"

    def live(self):
        return self.filter(status__in=LIVE_STATUSES)


class ServiceRecord(TracksUpdates, models.Model):
    """Hours one volunteer served in one activity. Never deleted: confirmed records are locked,
    a correction creates a new version (``supersedes``) and marks the old one 已更正."""

    volunteer = models.ForeignKey("volunteers.Volunteer", verbose_name=_("volunteer"), on_delete=models.PROTECT,
                                  related_name="service_records")
    activity = models.ForeignKey(Activity, verbose_name=_("activity"), on_delete=models.PROTECT,
                                 related_name="records", db_index=False)  # served by record_activity_started
    position = models.ForeignKey(ActivityPosition, verbose_name=_("position"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="records")
    started_at = models.DateTimeField(_("started at"))
    ended_at = models.DateTimeField(_("ended at"))
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=2,
                                help_text=_("Actual service time, travel excluded."))
    content = models.CharField(_("service content"), max_length=200, blank=True)
    evaluation = models.CharField(_("evaluation"), max_length=10, choices=Evaluation.choices, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=RecordStatus.choices,
                              default=RecordStatus.PENDING)
    note = models.CharField(_("note"), max_length=200, blank=True,
                            help_text=_("Reason for a dispute, a correction or voiding."))
    supersedes = models.OneToOneField("self", verbose_name=_("corrects record"), null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="superseded_by")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("confirmed by"), null=True,
                                     blank=True, on_delete=models.SET_NULL, related_name="+")
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ServiceRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("service record")
        verbose_name_plural = _("service records")
        ordering = ["-started_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ended_at__gt=F("started_at")), name="record_ends_after_start",
                                   violation_error_message=_("The service must end after it starts.")),
            models.CheckConstraint(condition=Q(hours__gt=0), name="record_hours_positive",
                                   violation_error_message=_("The hours must be more than zero.")),
            # One live record per volunteer and activity; history (corrected, void) may repeat.
            models.UniqueConstraint(fields=["volunteer", "activity"], condition=Q(status__in=LIVE_STATUSES),
                                    name="record_one_live_per_activity",
                                    violation_error_message=_("This volunteer already has a record of this "
                                                              "activity: correct that record instead.")),
            models.CheckConstraint(
                condition=Q(status__in=["confirmed", "corrected"]) | Q(confirmed_at__isnull=True),
                name="record_confirmed_at_only_when_confirmed",
                violation_error_message=_("Only a confirmed record has a confirmation time."),
            ),
        ]
        indexes = [
            # Overlap check: a volunteer's live records around a time window.
            models.Index(fields=["volunteer", "started_at"], name="record_volunteer_time"),
            # Records page of an activity by status (bulk confirmation).
            models.Index(fields=["activity", "status"], name="record_activity_status"),
            # The records list: newest first (the model's ordering) within a date range.
            models.Index(fields=["-started_at", "-id"], name="record_list_newest"),
            # The records list of one organization within a date range (benchmark: organization +
            # month): the plan probes every activity of the organization, one index range each
            # (city scale, 4,700 activities: 32 → 16 ms). Also every look-up by activity.
            models.Index(fields=["activity", "started_at"], name="record_activity_started"),
            # Dashboard alert "records awaiting confirmation": COUNT(*) of an area's pending records
            # (scoped through the activity); pending records are a small share of all.
            models.Index(fields=["activity"], condition=Q(status="pending"), name="record_pending_activity"),
            # The API's incremental sync: rows changed since a time, in the cursor's order.
            models.Index(fields=["updated_at", "id"], name="record_updated"),
        ]

    def __str__(self):
        return f"{self.volunteer_id}/{self.activity_id} {self.hours} h"

    @property
    def is_locked(self):
        return self.status != RecordStatus.PENDING and self.status != RecordStatus.DISPUTED


class HoursTotal(models.Model):
    """Confirmed hours kept per organization, team and area (every level above the activity's
    community), so pages never sum the records. Volunteers keep theirs on their own row."""

    class Kind(models.TextChoices):
        ORGANIZATION = "organization", _("Organization")
        TEAM = "team", _("Team")
        AREA = "area", _("Area")

    kind = models.CharField(max_length=12, choices=Kind.choices)
    key = models.BigIntegerField()
    hours = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    records = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("hours total")
        verbose_name_plural = _("hours totals")
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="hourstotal_kind_key_unique",
                                               violation_error_message=_("This total is already kept."))]

    def __str__(self):
        return f"{self.kind}:{self.key} {self.hours} h"


# ``updated_at`` only serves the API's sync (apps/core/updates.py): not a change to log.
auditlog.register(Activity, include_fields=own_fields(Activity, exclude=["updated_at"]),
                  exclude_fields=["checkin_code", "checkin_token"])
auditlog.register(ActivityPosition, include_fields=own_fields(ActivityPosition))
auditlog.register(ServiceRecord, include_fields=own_fields(ServiceRecord, exclude=["updated_at"]))


class CheckInQuerySet(ScopedQuerySet):
    area_lookup = "activity__community"
    organization_lookup = "activity__organization"


class CheckIn(models.Model):
    """A volunteer's phone sign-in; signing out turns it into a pending service record."""

    activity = models.ForeignKey(Activity, verbose_name=_("activity"), on_delete=models.PROTECT,
                                 related_name="checkins")
    volunteer = models.ForeignKey("volunteers.Volunteer", verbose_name=_("volunteer"), on_delete=models.PROTECT,
                                  related_name="checkins")
    checked_in_at = models.DateTimeField(_("checked in at"))
    checked_out_at = models.DateTimeField(_("checked out at"), null=True, blank=True)
    record = models.OneToOneField(ServiceRecord, verbose_name=_("service record"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="checkin")

    objects = CheckInQuerySet.as_manager()

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        constraints = [
            models.UniqueConstraint(fields=["activity", "volunteer"], name="checkin_once_per_activity",
                                    violation_error_message=_("This volunteer has already signed in to this "
                                                              "activity.")),
        ]

    def __str__(self):
        return f"{self.volunteer_id}@{self.activity_id}"


auditlog.register(CheckIn, include_fields=own_fields(CheckIn))
