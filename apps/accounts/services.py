"""Membership workflows: invitations, roles, removal (keyword-only, atomic, audited by auditlog)."""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Invitation, Membership, OrgRole, User

INVITATION_VALID_DAYS = 7

#: The one answer to a username that cannot be had, whether badly formed or already used, so that
#: the forms creating accounts do not confirm with a message of its own that an account exists.
USERNAME_UNAVAILABLE = gettext_lazy("This username cannot be used. Choose another one: letters, digits and "
                                    "@/./+/-/_ only.")


def username_check_available(username: str) -> None:
    """Refuse a username that differs from an existing one only in letter case, too: two such
    accounts would be mistaken for each other."""
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": USERNAME_UNAVAILABLE}, code="unavailable")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def invitation_create(*, organization, email, role, actor, accept_url) -> tuple[Invitation, str]:
    """Invite ``email``; ``accept_url(token)`` builds the absolute link sent by e-mail.
    Returns the invitation and the token (shown once; only its hash is stored)."""
    email = email.strip().lower()
    if Membership.objects.filter(organization=organization, user__email__iexact=email).exists():
        raise ValidationError({"email": _("A member with this e-mail address already belongs to the organization.")})
    if Invitation.objects.open(timezone.now()).filter(organization=organization, email__iexact=email).exists():
        raise ValidationError({"email": _("This address already has an open invitation.")})
    token = secrets.token_urlsafe(32)
    invitation = Invitation(organization=organization, email=email, role=role, token_hash=token_hash(token),
                            invited_by=actor, expires_at=timezone.now() + datetime.timedelta(days=INVITATION_VALID_DAYS))
    invitation.full_clean()
    invitation.save()
    send_mail(
        _("Invitation to join %(name)s") % {"name": organization.name},
        _("%(inviter)s invites you to join %(name)s in the Gongzhi portal as %(role)s. "
          "Open this link within %(days)d days to accept:\n\n%(link)s")
        % {"inviter": actor, "name": organization.name, "role": OrgRole(role).label,
           "days": INVITATION_VALID_DAYS, "link": accept_url(token)},
        settings.DEFAULT_FROM_EMAIL, [email],
    )
    return invitation, token


def invitation_for_token(token: str) -> Invitation | None:
    """The open invitation behind a link, or None (expired, used, cancelled or unknown alike)."""
    return (Invitation.objects.open(timezone.now()).select_related("organization")
            .filter(token_hash=token_hash(token)).first())


@transaction.atomic
def invitation_accept(*, invitation, user=None, username="", password="", full_name="") -> Membership:
    """Join with the logged-in ``user``, or create the account from the link."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at or invitation.cancelled_at or invitation.expires_at <= timezone.now():
        raise ValidationError(_("This invitation is no longer valid."), code="invalid")
    if user is None:
        username_check_available(username)
        user = User(username=username, email=invitation.email, full_name=full_name)
        user.set_password(password)
        user.full_clean()
        user.save()
    elif user.is_office_staff:
        raise ValidationError(_("Staff accounts cannot join an organization."), code="staff")
    membership, created = Membership.objects.get_or_create(
        user=user, organization=invitation.organization, defaults={"role": invitation.role})
    if not created:
        raise ValidationError(_("You are already a member of this organization."), code="member")
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


@transaction.atomic
def invitation_cancel(*, invitation) -> Invitation:
    invitation.cancelled_at = timezone.now()
    invitation.save(update_fields=["cancelled_at"])
    return invitation


def _admins_after(organization, membership, new_role):
    admins = Membership.objects.select_for_update().filter(organization=organization, role=OrgRole.ADMIN)
    count = admins.exclude(pk=membership.pk).count()
    return count + (1 if new_role == OrgRole.ADMIN else 0)


@transaction.atomic
def membership_set_role(*, membership, role) -> Membership:
    if role not in OrgRole.values:
        raise ValidationError(_("Unknown role."), code="role")
    if _admins_after(membership.organization, membership, role) == 0:
        raise ValidationError(_("The organization must keep at least one administrator."), code="last_admin")
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def membership_remove(*, membership) -> None:
    if _admins_after(membership.organization, membership, None) == 0:
        raise ValidationError(_("The organization must keep at least one administrator."), code="last_admin")
    membership.delete()
