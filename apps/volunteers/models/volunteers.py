import secrets

from auditlog.registry import auditlog
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.audit.registration import own_fields
from apps.core.crypto import EncryptedCharField, keyed_hash
from apps.core.masking import mask_id_number, mask_phone
from apps.core.scoping import ScopedQuerySet

from ..id_numbers import age_on, check_birth_date, normalise_other_document, parse_resident_id


class DocumentType(models.TextChoices):
    RESIDENT_ID = "resident_id", _("Resident ID card")
    HK_MACAO_TAIWAN = "hmt_permit", _("Hong Kong/Macao/Taiwan travel permit")
    FOREIGN_PERMANENT = "foreign_pr", _("Foreigner's permanent residence card")
    PASSPORT = "passport", _("Passport")


class Sex(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class PoliticalStatus(models.TextChoices):
    PARTY_MEMBER = "cpc", _("CPC member")
    PROBATIONARY = "cpc_probationary", _("CPC probationary member")
    LEAGUE_MEMBER = "cyl", _("Communist Youth League member")
    DEMOCRATIC_PARTY = "democratic", _("Democratic party member")
    MASSES = "masses", _("Ordinary citizen")


def person_key(name: str, birth_date) -> str:
    """Keyed hash of name and birth date: finds the same person registered again with another
    document (a resident ID holder who also has a passport) without a clear column."""
    if not name or birth_date is None:
        return ""
    return keyed_hash(f"person|{''.join(name.split())}|{birth_date.isoformat()}")


class DuplicateReview(models.TextChoices):
    LIKELY = "likely", _("Likely duplicate: awaiting review")
    DIFFERENT = "different", _("Confirmed a different person")


def new_volunteer_number():
    """The volunteer's own number: year + 8 random digits, never derived from the ID number."""
    return f"{timezone.localdate():%Y}{secrets.randbelow(10**8):08d}"


class VolunteerQuerySet(ScopedQuerySet):
    """A volunteer is one person across the deployment. Staff see volunteers who live in their
    area or serve with an organization based there; an organization sees its current members."""

    area_lookup = "community"
    organization_lookup = "memberships__organization"

    def visible_to_organization_user(self, user):
        return self.filter(pk__in=VolunteerMembership.objects.current().filter(
            organization__in=user.organization_ids()).values("volunteer"))

    def in_area(self, area):
        from apps.areas.models import Area

        if area.parent_id is None and not Area.objects.filter(parent__isnull=True).exclude(pk=area.pk).exists():
            # The deployment's only top-level area: every volunteer's community lies under it, so
            # that is every volunteer, without the OR over all the city's memberships (city-scale
            # dashboard: 880 ms → 270 ms). With several cities, each its own subtree, as below.
            return self.all()
        subtree = Area.objects.subtree(area)
        serving = VolunteerMembership.objects.filter(organization__area__in=subtree).values("volunteer")
        return self.filter(Q(community__in=subtree) | Q(pk__in=serving))

    def for_organization(self, organization):
        return self.filter(pk__in=VolunteerMembership.objects.current().filter(
            organization=organization.pk).values("volunteer"))


#: Personal fields beyond DOMAIN §3's registration list: need an "extra fields" consent.
EXTRA_FIELDS = ("occupation", "education")


class Volunteer(models.Model):
    number = models.CharField(_("volunteer number"), max_length=16, unique=True, default=new_volunteer_number,
                              editable=False)
    name = models.CharField(_("full name"), max_length=50)
    sex = models.CharField(_("sex"), max_length=6, choices=Sex.choices)
    birth_date = models.DateField(_("birth date"))
    document_type = models.CharField(_("document type"), max_length=12, choices=DocumentType.choices,
                                     default=DocumentType.RESIDENT_ID)
    # Encrypted at rest; ``*_hash`` is the keyed hash for uniqueness and exact look-up.
    id_number = EncryptedCharField(_("document number"), max_length=20)
    id_number_hash = models.CharField(max_length=64, editable=False)
    phone = EncryptedCharField(_("mobile phone"), max_length=20)
    phone_hash = models.CharField(max_length=64, editable=False, db_index=True)
    # ``person_key(name, birth_date)``: a second registration of one person (apps.volunteers.duplicates).
    person_hash = models.CharField(max_length=64, editable=False, blank=True)
    duplicate_review = models.CharField(_("duplicate check"), max_length=10, choices=DuplicateReview.choices,
                                        blank=True, editable=False)
    duplicate_of = models.ForeignKey("self", verbose_name=_("likely the same person as"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+", editable=False)
    community = models.ForeignKey(
        "areas.Area", verbose_name=_("residence community"), on_delete=models.PROTECT, related_name="volunteers",
    )
    political_status = models.CharField(_("political status"), max_length=20, choices=PoliticalStatus.choices,
                                        default=PoliticalStatus.MASSES)
    skills = models.CharField(_("service skills"), max_length=200, blank=True)
    availability = models.CharField(_("available times"), max_length=200, blank=True)
    service_intention = models.CharField(_("service intention"), max_length=200, blank=True)
    # Extra personal fields (DOMAIN §3): kept and shown only while an "extra fields" consent is
    # in force; see EXTRA_FIELDS and apps.volunteers.consent.
    occupation = models.CharField(_("occupation"), max_length=50, blank=True)
    education = models.CharField(_("education"), max_length=20, blank=True)
    # Kept totals (see apps.activities.totals): never summed over records on a page view.
    confirmed_hours = models.DecimalField(_("confirmed hours"), max_digits=9, decimal_places=2, default=0,
                                          editable=False)
    confirmed_records = models.PositiveIntegerField(_("confirmed records"), default=0, editable=False)
    star_level = models.PositiveSmallIntegerField(_("star level"), default=0, editable=False,
                                                  help_text=_("Highest star award granted."))
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = VolunteerQuerySet.as_manager()

    class Meta:
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")
        ordering = ["-created_at", "-pk"]
        permissions = [("reveal_personal_data", _("Can reveal full ID numbers and phones"))]
        constraints = [
            # One person, one registration across the deployment.
            models.UniqueConstraint(fields=["document_type", "id_number_hash"], name="volunteer_document_unique",
                                    # Never Django's "… with this Id number hash already exists".
                                    violation_error_message=_("A person can hold only one volunteer registration.")),
            models.CheckConstraint(condition=Q(star_level__lte=5), name="volunteer_star_level_max"),
        ]
        indexes = [
            # Volunteer list of a community, newest first.
            models.Index(fields=["community", "-created_at"], name="volunteer_community_recent"),
            # "Most hours" ordering and star reports.
            models.Index(fields=["-confirmed_hours"], name="volunteer_hours"),
            # The duplicate look-up at registration (same name and birth date, another document).
            models.Index(fields=["person_hash"], name="volunteer_person"),
            # Dashboard alert and volunteer-list filter "likely duplicates": a small share.
            models.Index(fields=["community"], condition=Q(duplicate_review="likely"), name="volunteer_likely_dup"),
        ]

    def __str__(self):
        return f"{self.name} ({self.number})"

    def clean(self):
        # Birth date and sex of a resident ID card holder come from the number, not from input.
        try:
            if self.document_type == DocumentType.RESIDENT_ID:
                identity = parse_resident_id(self.id_number)
                self.id_number, self.birth_date, self.sex = identity.number, identity.birth_date, identity.sex
            elif self.id_number:
                self.id_number = normalise_other_document(self.id_number)
        except ValidationError as error:
            raise ValidationError({"id_number": error.messages}) from None
        if self.document_type != DocumentType.RESIDENT_ID and self.birth_date:
            try:
                check_birth_date(self.birth_date)
            except ValidationError as error:
                raise ValidationError({"birth_date": error.messages}) from None

    def save(self, *args, **kwargs):
        # The hashes follow the clear values on every save, so no code path can forget them.
        self.id_number_hash = keyed_hash(self.id_number)
        self.phone_hash = keyed_hash(self.phone) if self.phone else ""
        self.person_hash = person_key(self.name, self.birth_date)
        super().save(*args, **kwargs)

    @property
    def age(self) -> int:
        """Shown instead of the birth date, which is the part a masked ID number hides."""
        return age_on(self.birth_date, timezone.localdate())

    @property
    def id_number_masked(self):
        return mask_id_number(self.id_number)

    @property
    def id_number_public(self):
        return mask_id_number(self.id_number, public=True)

    @property
    def phone_masked(self):
        return mask_phone(self.phone)


class ConsentPurpose(models.TextChoices):
    REGISTRATION = "registration", _("Registration and service records")
    EXTRA_FIELDS = "extra_fields", _("Extra personal fields")
    PUBLICATION = "publication", _("Publication (honour rolls, star lists)")


class ConsentQuerySet(ScopedQuerySet):
    area_lookup = "volunteer__community"
    organization_lookup = None


class Consent(models.Model):
    """What the volunteer (or a guardian for a minor) agreed to, in which version, when."""

    volunteer = models.ForeignKey(Volunteer, verbose_name=_("volunteer"), on_delete=models.CASCADE,
                                  related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=20, choices=ConsentPurpose.choices)
    version = models.CharField(_("notice version"), max_length=20)
    given_at = models.DateTimeField(_("given at"), default=timezone.now)
    guardian_name = models.CharField(_("guardian"), max_length=50, blank=True)
    guardian_relation = models.CharField(_("guardian's relation"), max_length=20, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawal_reason = models.CharField(_("reason for withdrawal"), max_length=200, blank=True)

    objects = ConsentQuerySet.as_manager()

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_at"]
        constraints = [
            models.CheckConstraint(condition=Q(withdrawn_at__isnull=True) | ~Q(withdrawal_reason=""),
                                   name="consent_withdrawal_has_reason"),
        ]

    def __str__(self):
        return f"{self.get_purpose_display()} {self.version}"

    @property
    def in_force(self):
        return self.withdrawn_at is None


class MembershipQuerySet(ScopedQuerySet):
    area_lookup = "organization__area"
    organization_lookup = "organization"

    def current(self):
        return self.filter(left_on__isnull=True)


class VolunteerMembership(models.Model):
    """A volunteer serving with an organization."""

    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        BACKBONE = "backbone", _("Core member")
        LEADER = "leader", _("Leader")

    volunteer = models.ForeignKey(Volunteer, verbose_name=_("volunteer"), on_delete=models.PROTECT,
                                  related_name="memberships")
    organization = models.ForeignKey("organizations.Organization", verbose_name=_("organization"),
                                     on_delete=models.PROTECT, related_name="volunteer_memberships",
                                     db_index=False)  # served by membership_org_volunteer below
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    joined_on = models.DateField(_("joined on"), default=timezone.localdate)
    left_on = models.DateField(_("left on"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("organization membership")
        verbose_name_plural = _("organization memberships")
        ordering = ["-joined_on"]
        constraints = [
            models.UniqueConstraint(fields=["volunteer", "organization"], condition=Q(left_on__isnull=True),
                                    name="volunteermembership_one_current"),
            models.CheckConstraint(condition=Q(left_on__isnull=True) | Q(left_on__gte=models.F("joined_on")),
                                   name="volunteermembership_left_after_joined"),
        ]
        indexes = [
            # "Volunteers serving with an organization of the area" (VolunteerQuerySet.in_area, the
            # dashboard's volunteer figures): organization → volunteer from the index alone
            # (city scale: 92k memberships of a street in 29 ms instead of 97 ms). Also serves
            # every look-up by organization, for which the FK had its own index.
            models.Index(fields=["organization", "volunteer"], name="membership_org_volunteer"),
        ]

    def __str__(self):
        return f"{self.volunteer.name} @ {self.organization}"


class TeamQuerySet(ScopedQuerySet):
    area_lookup = "area"
    organization_lookup = "organization"


class Team(models.Model):
    """A volunteer service team (志愿服务队) of an organization or of a community."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        DISSOLVED = "dissolved", _("Dissolved")

    name = models.CharField(_("name"), max_length=100)
    organization = models.ForeignKey("organizations.Organization", verbose_name=_("organization"), null=True,
                                     blank=True, on_delete=models.PROTECT, related_name="teams")
    community = models.ForeignKey("areas.Area", verbose_name=_("community"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    # The organization's or the community's area, kept for scoping in one lookup.
    area = models.ForeignKey("areas.Area", verbose_name=_("area"), on_delete=models.PROTECT, editable=False,
                             related_name="volunteer_teams")
    leader = models.ForeignKey(Volunteer, verbose_name=_("leader"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="led_teams")
    contact_name = models.CharField(_("contact person"), max_length=50, blank=True)
    contact_phone = EncryptedCharField(_("contact phone"), max_length=20, blank=True)
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = TeamQuerySet.as_manager()

    class Meta:
        verbose_name = _("volunteer team")
        verbose_name_plural = _("volunteer teams")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(organization__isnull=False) | Q(community__isnull=False),
                                   name="team_has_parent"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.area_id = self.organization.area_id if self.organization_id else self.community_id
        super().save(*args, **kwargs)

    @property
    def contact_phone_masked(self):
        return mask_phone(self.contact_phone)


class TeamMembershipQuerySet(ScopedQuerySet):
    area_lookup = "team__area"
    organization_lookup = "team__organization"


class TeamMembership(models.Model):
    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        DEPUTY = "deputy", _("Deputy leader")
        LEADER = "leader", _("Leader")

    team = models.ForeignKey(Team, verbose_name=_("team"), on_delete=models.PROTECT, related_name="memberships")
    volunteer = models.ForeignKey(Volunteer, verbose_name=_("volunteer"), on_delete=models.PROTECT,
                                  related_name="team_memberships")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    joined_on = models.DateField(_("joined on"), default=timezone.localdate)
    left_on = models.DateField(_("left on"), null=True, blank=True)

    objects = TeamMembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("team membership")
        verbose_name_plural = _("team memberships")
        ordering = ["-joined_on"]
        constraints = [
            models.UniqueConstraint(fields=["team", "volunteer"], condition=Q(left_on__isnull=True),
                                    name="teammembership_one_current"),
            models.CheckConstraint(condition=Q(left_on__isnull=True) | Q(left_on__gte=models.F("joined_on")),
                                   name="teammembership_left_after_joined"),
        ]

    def __str__(self):
        return f"{self.volunteer.name} @ {self.team}"


# Never copied into the audit trail: encrypted values and their hashes, the birth date (the eight
# characters a masked resident ID hides: with it the masked number is the full one), and the
# extra fields that a consent withdrawal must erase.
_PERSONAL = ["id_number", "id_number_hash", "phone", "phone_hash", "person_hash", "birth_date", *EXTRA_FIELDS]
auditlog.register(Volunteer, include_fields=own_fields(Volunteer),
                  exclude_fields=_PERSONAL + ["confirmed_hours", "confirmed_records"])
auditlog.register(Consent, include_fields=own_fields(Consent))
auditlog.register(VolunteerMembership, include_fields=own_fields(VolunteerMembership))
auditlog.register(Team, include_fields=own_fields(Team), exclude_fields=["contact_phone"])
auditlog.register(TeamMembership, include_fields=own_fields(TeamMembership))
