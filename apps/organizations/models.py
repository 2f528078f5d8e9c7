from auditlog.registry import auditlog
import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core.scoping import ScopedQuerySet


class OrganizationQuerySet(ScopedQuerySet):
    area_lookup = "area"
    organization_lookup = "pk"


def new_portal_code():
    """The organization's code in portal URLs: short, unguessable, not a sequence."""
    return secrets.token_hex(5)


class Organization(models.Model):
    """A social organization (社会组织). The registry issue grows this model."""

    code = models.CharField(_("portal code"), max_length=12, unique=True, default=new_portal_code, editable=False)
    name = models.CharField(_("name"), max_length=200)
    area = models.ForeignKey(
        "areas.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="organizations",
        help_text=_("The community (or street) where the organization is based."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("social organization")
        verbose_name_plural = _("social organizations")
        ordering = ["name"]

    def __str__(self):
        return self.name


auditlog.register(Organization)
