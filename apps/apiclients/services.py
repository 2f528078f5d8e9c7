"""Creating and revoking API clients (back office). Atomic; auditlog records both (the token's
hash excluded), and the creation says which scope the client was given."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.areas.models import Area
from apps.organizations.models import Organization

from .models import Access, ApiClient
from .permissions import can_manage_api_clients
from .tokens import new_token, token_hash


def _require_manager(actor):
    if not can_manage_api_clients(actor):
        raise PermissionDenied(_("Only street-office staff manage API clients."))


def _check_binding(actor, area, organization):
    """The client's scope must lie within the actor's own: nobody hands out more than they see."""
    if (area is None) == (organization is None):
        raise ValidationError(_("Bind the client to an area or to an organization, not both."))
    if area is not None and not Area.objects.visible_to(actor).filter(pk=area.pk).exists():
        raise ValidationError({"area": _("This area is outside your own.")})
    if organization is not None and not Organization.objects.visible_to(actor).filter(pk=organization.pk).exists():
        raise ValidationError({"organization": _("This organization is outside your area.")})


@transaction.atomic
def api_client_create(*, actor, name: str, contact: str = "", area=None, organization=None,
                      access: str = Access.READ, valid_days: int, rate_limit=None) -> tuple[ApiClient, str]:
    """Create a client and its token; the token is returned once and never stored."""
    _require_manager(actor)
    _check_binding(actor, area, organization)
    if not 1 <= valid_days <= settings.API_TOKEN_MAX_DAYS:
        raise ValidationError({"valid_days": _("A token is valid for 1 to %(days)d days.") % {
            "days": settings.API_TOKEN_MAX_DAYS}})
    for _attempt in range(5):  # a prefix already taken (1 in 10^12): draw again
        token, prefix = new_token()
        try:
            with transaction.atomic():
                user = get_user_model().objects.create_user(
                    username=f"api-{prefix}", full_name=f"API · {name}"[:50], is_active=False)
                client = ApiClient(
                    name=name, contact=contact, area=area, organization=organization, access=access,
                    token_prefix=prefix, token_hash=token_hash(token), rate_limit=rate_limit,
                    expires_at=timezone.now() + datetime.timedelta(days=valid_days),
                    service_user=user, created_by=actor)
                client.full_clean()
                client.save()
        except IntegrityError:
            continue
        return client, token
    raise RuntimeError("could not draw an unused token prefix")


@transaction.atomic
def api_client_revoke(*, actor, client: ApiClient, reason: str) -> ApiClient:
    """Revoke a client's token for good (a new client gets a new token)."""
    _require_manager(actor)
    client = ApiClient.objects.select_for_update().get(pk=client.pk)
    if client.revoked_at is not None:
        raise ValidationError(_("This client is already revoked."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the revocation.")})
    client.revoked_at, client.revoked_by, client.revoke_reason = timezone.now(), actor, reason.strip()
    client.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
    return client
