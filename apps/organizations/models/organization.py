import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q, Value
from django.utils.translation import gettext_lazy as _

from apps.core.crypto import EncryptedCharField
from apps.core.masking import mask_phone
from apps.core.scoping import ScopedQuerySet


class LegalForm(models.TextChoices):
    SOCIAL_GROUP = "social_group", _("Social group")
    SERVICE_INSTITUTION = "service_institution", _("Social service institution")
    FOUNDATION = "foundation", _("Foundation")
    FILED_COMMUNITY = "filed_community", _("Community social organization (filed)")
    COMMUNITY_TEAM = "community_team", _("Community team (guided by the residents' committee)")


class ManagementMode(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    FILED = "filed", _("Filed")
    GUIDED = "guided", _("Community guidance")


# The legal form decides how the organization is managed: only the three registered forms are
# legal persons with a credit code.
MODE_BY_FORM = {
    LegalForm.SOCIAL_GROUP: ManagementMode.REGISTERED,
    LegalForm.SERVICE_INSTITUTION: ManagementMode.REGISTERED,
    LegalForm.FOUNDATION: ManagementMode.REGISTERED,
    LegalForm.FILED_COMMUNITY: ManagementMode.FILED,
    LegalForm.COMMUNITY_TEAM: ManagementMode.GUIDED,
}
REGISTERED_FORMS = [form for form, mode in MODE_BY_FORM.items() if mode == ManagementMode.REGISTERED]


class CertificateVariant(models.TextChoices):
    """社会服务机构 hold one of three kinds of registration certificate."""

    LEGAL_PERSON = "legal_person", _("Legal person")
    PARTNERSHIP = "partnership", _("Partnership")
    INDIVIDUAL = "individual", _("Individual")


class CapitalKind(models.TextChoices):
    ACTIVITY_FUNDS = "activity_funds", _("Activity funds")
    START_UP_FUNDS = "start_up_funds", _("Start-up funds")
    ORIGINAL_FUND = "original_fund", _("Original fund")


CAPITAL_KIND_BY_FORM = {
    LegalForm.SOCIAL_GROUP: CapitalKind.ACTIVITY_FUNDS,
    LegalForm.SERVICE_INSTITUTION: CapitalKind.START_UP_FUNDS,
    LegalForm.FOUNDATION: CapitalKind.ORIGINAL_FUND,
}


class AuthorityLevel(models.TextChoices):
    """The level of the civil-affairs department that registered the organization (登记管理机关)."""

    NATIONAL = "national", _("National (Ministry of Civil Affairs)")
    PROVINCIAL = "provincial", _("Provincial")
    CITY = "city", _("City level")
    COUNTY = "county", _("County or district")


#: 基金会 are registered at provincial level or above (DOMAIN §2; 《基金会管理条例》).
FOUNDATION_AUTHORITY_LEVELS = [AuthorityLevel.NATIONAL, AuthorityLevel.PROVINCIAL]


def authority_level_of_code(credit_code: str) -> str:
    """The level a credit code names: positions 3–8 are the registering authority's area code
    (GB 32100), 100000 for the Ministry, XX0000 a province, XXYY00 a city, else a county. Empty
    when the code does not carry one."""
    area = (credit_code or "")[2:8]
    if len(credit_code or "") != 18 or not area.isdigit():
        return ""
    if area == "100000":
        return AuthorityLevel.NATIONAL
    if area.endswith("0000"):
        return AuthorityLevel.PROVINCIAL
    if area.endswith("00"):
        return AuthorityLevel.CITY
    return AuthorityLevel.COUNTY


class OrgStatus(models.TextChoices):
    PREPARING = "preparing", _("In preparation")
    NORMAL = "normal", _("Normal")
    CHANGING = "changing", _("Change in progress")
    DEREGISTERED = "deregistered", _("Deregistered")
    REVOKED = "revoked", _("Registration revoked")
    LICENCE_REVOKED = "licence_revoked", _("Licence revoked")
    FILING_REVOKED = "filing_revoked", _("Filing revoked")


ACTIVE_STATUSES = [OrgStatus.NORMAL, OrgStatus.CHANGING]
CLOSED_STATUSES = [OrgStatus.DEREGISTERED, OrgStatus.REVOKED, OrgStatus.LICENCE_REVOKED, OrgStatus.FILING_REVOKED]


class CreditStatus(models.TextChoices):
    NORMAL = "normal", _("Normal")
    ABNORMAL = "abnormal", _("Abnormal activity")
    SERIOUS = "serious", _("Seriously untrustworthy")


class PartyOrgType(models.TextChoices):
    INDEPENDENT = "independent", _("Independent Party organization")
    JOINT = "joint", _("Joint Party organization")
    FUNCTIONAL = "functional", _("Functional Party organization")
    NONE = "none", _("Not established")


class ServiceDomain(models.Model):
    """An editable list of service domains (社区服务, 养老, 助残 …) for filtering and reports."""

    name = models.CharField(_("name"), max_length=50, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=100)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("service domain")
        verbose_name_plural = _("service domains")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class OrganizationQuerySet(ScopedQuerySet):
    area_lookup = "area"
    organization_lookup = "pk"

    def with_credit_status(self):
        """Annotate ``credit_status`` from open listings (one subquery each, no extra queries)."""
        from .records import CreditListing, CreditListKind

        open_listings = CreditListing.objects.filter(organization=OuterRef("pk"), removed_on__isnull=True)
        return self.annotate(
            on_serious_list=Exists(open_listings.filter(kind=CreditListKind.SERIOUS)),
            on_abnormal_list=Exists(open_listings.filter(kind=CreditListKind.ABNORMAL)),
        ).annotate(
            credit_status=models.Case(
                models.When(on_serious_list=True, then=Value(CreditStatus.SERIOUS)),
                models.When(on_abnormal_list=True, then=Value(CreditStatus.ABNORMAL)),
                default=Value(CreditStatus.NORMAL),
            )
        )

    def with_credit_status_value(self, status):
        return self.with_credit_status().filter(credit_status=status)

    def with_current_grade(self, on_date):
        from .records import EvaluationGrade

        valid = EvaluationGrade.objects.filter(
            organization=OuterRef("pk"), evaluated_on__lte=on_date, valid_until__gt=on_date,
        ).order_by("-evaluated_on", "-pk")
        return self.annotate(
            current_grade=models.Subquery(valid.values("grade")[:1]),
            current_grade_valid_until=models.Subquery(valid.values("valid_until")[:1]),
        )


class OrganizationRecordQuerySet(ScopedQuerySet):
    """Records that belong to one organization are visible wherever the organization is."""

    area_lookup = "organization__area"
    organization_lookup = "organization"


def new_portal_code():
    """The organization's code in portal URLs: short, unguessable, not a sequence."""
    return secrets.token_hex(5)


class Organization(models.Model):
    """A social organization (社会组织). Never deleted: closing it is a status change."""

    code = models.CharField(_("portal code"), max_length=12, unique=True, default=new_portal_code, editable=False)
    name = models.CharField(_("name"), max_length=200)
    legal_form = models.CharField(
        _("legal form"), max_length=24, choices=LegalForm.choices, default=LegalForm.SOCIAL_GROUP,
    )
    certificate_variant = models.CharField(
        _("certificate variant"), max_length=16, choices=CertificateVariant.choices, blank=True,
        help_text=_("Social service institutions only: legal person, partnership or individual."),
    )
    management_mode = models.CharField(
        _("management mode"), max_length=12, choices=ManagementMode.choices, editable=False,
        default=ManagementMode.REGISTERED,
    )
    credit_code = models.CharField(
        _("unified social credit code"), max_length=18, blank=True,
        help_text=_("18 characters (GB 32100-2015). Registered organizations only."),
    )
    filing_number = models.CharField(
        _("filing number"), max_length=50, blank=True,
        help_text=_("Filed community organizations: the local filing number."),
    )
    area = models.ForeignKey(
        "areas.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="organizations",
        help_text=_("The community (or street) where the organization is based."),
    )
    residence = models.CharField(_("registered address"), max_length=200, blank=True)
    purpose = models.TextField(_("purpose and business scope"), blank=True)
    activity_region = models.CharField(_("area of activity"), max_length=100, blank=True)
    representative = models.CharField(_("legal representative / person in charge"), max_length=50, blank=True)
    registered_capital = models.DecimalField(
        _("registered funds (10,000 yuan)"), max_digits=12, decimal_places=2, null=True, blank=True,
    )
    capital_kind = models.CharField(_("kind of funds"), max_length=16, choices=CapitalKind.choices, blank=True)
    supervisor = models.CharField(
        _("supervising unit"), max_length=100, blank=True,
        help_text=_("Empty for organizations that register directly (trade associations, science and "
                    "technology, charity, urban and rural community services)."),
    )
    registration_authority = models.CharField(_("registration authority"), max_length=100, blank=True)
    registration_authority_level = models.CharField(
        _("level of the registration authority"), max_length=12, choices=AuthorityLevel.choices, blank=True,
        help_text=_("Foundations: provincial or national. Left empty, it is read from the credit code."),
    )
    founded_on = models.DateField(_("date of establishment"), null=True, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=50, blank=True)
    # Personal data of the contact person (DOMAIN §6): encrypted at rest, shown masked.
    contact_phone = EncryptedCharField(_("contact phone"), max_length=20, blank=True)
    domains = models.ManyToManyField(ServiceDomain, verbose_name=_("service domains"), blank=True,
                                     related_name="organizations")
    status = models.CharField(_("status"), max_length=16, choices=OrgStatus.choices, default=OrgStatus.NORMAL)
    status_changed_on = models.DateField(_("status since"), null=True, blank=True)
    party_org_type = models.CharField(
        _("Party organization"), max_length=12, choices=PartyOrgType.choices, default=PartyOrgType.NONE,
    )
    party_member_count = models.PositiveIntegerField(_("Party members"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("social organization")
        verbose_name_plural = _("social organizations")
        ordering = ["name"]
        constraints = [
            # One code belongs to one organization; filed groups have none.
            models.UniqueConstraint(fields=["credit_code"], condition=~Q(credit_code=""),
                                    name="organization_credit_code_unique",
                                    violation_error_message=_("This credit code is already registered to "
                                                              "another organization.")),
            models.CheckConstraint(
                condition=Q(management_mode=ManagementMode.REGISTERED) | Q(credit_code=""),
                name="organization_only_registered_have_credit_code",
            ),
            models.CheckConstraint(
                condition=Q(legal_form=LegalForm.SERVICE_INSTITUTION) | Q(certificate_variant=""),
                name="organization_variant_only_for_service_institutions",
            ),
            models.CheckConstraint(
                condition=(
                    Q(legal_form__in=REGISTERED_FORMS, management_mode=ManagementMode.REGISTERED)
                    | Q(legal_form=LegalForm.FILED_COMMUNITY, management_mode=ManagementMode.FILED)
                    | Q(legal_form=LegalForm.COMMUNITY_TEAM, management_mode=ManagementMode.GUIDED)
                ),
                name="organization_mode_matches_form",
            ),
        ]
        indexes = [
            # The list's status and legal-form filters within the user's area.
            models.Index(fields=["status", "legal_form"], name="organization_status_form"),
            # Keyword search by filing number (credit codes use the unique index).
            models.Index(fields=["filing_number"], name="organization_filing_number"),
            # The list's default order (name, then the primary key as StableTable adds it): the first
            # page walks the index and stops after 26 rows instead of sorting the filtered set (city
            # scale, 2,184 organizations of one status and form: 7 → 2 ms). Also the dropdowns' order.
            models.Index(fields=["name", "id"], name="organization_name"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        # Derived before constraints are validated (forms never post the mode).
        if self.legal_form in MODE_BY_FORM:
            self.management_mode = MODE_BY_FORM[self.legal_form]
        if not self.registration_authority_level:
            self.registration_authority_level = authority_level_of_code(self.credit_code)
        errors = {}
        if self.legal_form == LegalForm.FOUNDATION \
                and self.registration_authority_level not in FOUNDATION_AUTHORITY_LEVELS:
            errors["registration_authority_level"] = _(
                "A foundation is registered by civil affairs at provincial level or above (a provincial "
                "department or the Ministry of Civil Affairs): choose that level, not a city or county.")
        # 活动资金 / 开办资金 / 原始基金 follow the legal form; unregistered groups have none.
        expected_kind = CAPITAL_KIND_BY_FORM.get(self.legal_form, "")
        if self.capital_kind and self.capital_kind != expected_kind:
            errors["capital_kind"] = _(
                "The registered funds of a %(form)s are its “%(kind)s”.") % {
                "form": self.get_legal_form_display(), "kind": CapitalKind(expected_kind).label,
            } if expected_kind else _("Filed groups and community teams have no registered funds: leave the kind empty.")
        # 备案: the filed group is known by its local filing number (it has no credit code).
        if self.legal_form == LegalForm.FILED_COMMUNITY and not self.filing_number.strip():
            errors["filing_number"] = _("A filed community organization needs its filing number.")
        # The status service refuses a closing date before the establishment; this keeps an edit
        # of the establishment date from doing the same the other way round.
        if self.is_closed and self.founded_on and self.status_changed_on and self.founded_on > self.status_changed_on:
            errors["founded_on"] = _(
                "The organization was closed on %(day)s: it cannot have been established after that."
            ) % {"day": self.status_changed_on.isoformat()}
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.management_mode = MODE_BY_FORM[self.legal_form]
        if not self.capital_kind and self.legal_form in CAPITAL_KIND_BY_FORM:
            self.capital_kind = CAPITAL_KIND_BY_FORM[self.legal_form]
        super().save(*args, **kwargs)

    @property
    def is_registered(self):
        return MODE_BY_FORM.get(self.legal_form) == ManagementMode.REGISTERED

    @property
    def registry_number(self):
        return self.credit_code or self.filing_number

    @property
    def is_closed(self):
        return self.status in CLOSED_STATUSES

    @property
    def masked_contact_phone(self):
        return mask_phone(self.contact_phone)

    def party_coverage(self):
        return self.party_org_type != PartyOrgType.NONE


class StatusChange(models.Model):
    """One step of an organization's status lifecycle, with its reason and date."""

    organization = models.ForeignKey(Organization, verbose_name=_("organization"), on_delete=models.PROTECT,
                                     related_name="status_changes")
    from_status = models.CharField(_("from"), max_length=16, choices=OrgStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=16, choices=OrgStatus.choices)
    changed_on = models.DateField(_("date"))
    reason = models.TextField(_("reason"))
    document = models.CharField(_("reference number"), max_length=100, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = OrganizationRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["-changed_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="statuschange_reason_required"),
        ]

    def __str__(self):
        return f"{self.organization}: {self.get_from_status_display()} → {self.get_to_status_display()}"

