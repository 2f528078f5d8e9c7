from auditlog.registry import auditlog
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.areas.models import LEVEL_DEPTH, AreaLevel


class OrgRole(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    EDITOR = "editor", _("Editor")
    VIEWER = "viewer", _("Viewer")


# A role includes every role to its right: an admin may do what an editor may.
ROLE_RANK = {OrgRole.VIEWER: 1, OrgRole.EDITOR: 2, OrgRole.ADMIN: 3}


class User(AbstractUser):
    """A person who logs in.

    Staff accounts carry an ``area`` and see everything under it. Organization accounts have
    no area and reach organizations through ``Membership`` rows. Django's ``is_staff`` only
    means "may open the Django admin".
    """

    full_name = models.CharField(_("full name"), max_length=50, blank=True)
    area = models.ForeignKey(
        "areas.Area", verbose_name=_("area"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="staff_users",
        help_text=_("Staff accounts only: the area this person works for."),
    )

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.full_name or self.username

    @property
    def is_office_staff(self):
        return self.is_active and (self.area_id is not None or self.is_superuser)

    @property
    def acts_at_street_level_or_above(self) -> bool:
        """The one rule behind the street office's own work (deciding registry records, managing
        purchased services, seeing full personal data): an active account working for a street
        office or a level above it (district, city). Community and grid workers only read.
        Superusers are not included: each caller says whether they are."""
        return (self.is_active and self.area_id is not None
                and LEVEL_DEPTH[self.area.level] <= LEVEL_DEPTH[AreaLevel.STREET])

    def organization_ids(self):
        """A subquery of the organizations this user is a member of (no extra query)."""
        return Membership.objects.filter(user_id=self.pk).values("organization_id")


class Membership(models.Model):
    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships")
    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("organization"),
        on_delete=models.CASCADE, related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=10, choices=OrgRole.choices, default=OrgRole.VIEWER)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="membership_user_org_unique",
                                    violation_error_message=_("This person is already a member of the "
                                                              "organization.")),
        ]

    def __str__(self):
        return f"{self.user} @ {self.organization} ({self.get_role_display()})"

    def has_role(self, required):
        return ROLE_RANK[self.role] >= ROLE_RANK[required]


class InvitationQuerySet(models.QuerySet):
    def open(self, now):
        return self.filter(accepted_at__isnull=True, cancelled_at__isnull=True, expires_at__gt=now)


class Invitation(models.Model):
    """An organization admin invites somebody by e-mail; the account is created (or an existing
    one joined) when the link is followed. Only a hash of the link's token is stored."""

    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("organization"),
        on_delete=models.CASCADE, related_name="invitations",
    )
    email = models.EmailField(_("e-mail"))
    role = models.CharField(_("role"), max_length=10, choices=OrgRole.choices, default=OrgRole.VIEWER)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(User, verbose_name=_("invited by"), null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(_("invited at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(User, verbose_name=_("accepted by"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The members page lists an organization's open invitations.
            models.Index(fields=["organization", "accepted_at"], name="invitation_org_accepted"),
        ]

    def __str__(self):
        return f"{self.email} → {self.organization}"


auditlog.register(User, exclude_fields=["password", "last_login"])
auditlog.register(Membership)
auditlog.register(Invitation, exclude_fields=["token_hash"])
