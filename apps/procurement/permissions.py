"""Who may change purchasing records.

Seeing follows the one scoping mechanism (``visible_to``). Changing needs more: the purchaser
is a street office or above, so staff acting at street level or above
(``User.acts_at_street_level_or_above``, or a superuser) manage the projects in their area;
community workers only read.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from apps.accounts.models import Membership, OrgRole
from apps.areas.models import AreaLevel

PURCHASER_LEVELS = {AreaLevel.DISTRICT, AreaLevel.STREET}


def can_manage_procurement(user) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.acts_at_street_level_or_above


def can_manage_area(user, area) -> bool:
    return can_manage_procurement(user) and (user.is_superuser or area.is_within(user.area))


def can_edit_general_catalogue(user) -> bool:
    """The general catalogue (no area) belongs to the city level."""
    return user.is_superuser or (can_manage_procurement(user) and user.area.parent_id is None)


def require_manager(user, area):
    if not can_manage_area(user, area):
        raise PermissionDenied(_("Only staff of the purchasing street office or above may change this."))


def is_provider_editor(user, organization) -> bool:
    membership = Membership.objects.filter(user_id=getattr(user, "pk", None), organization=organization).first()
    return membership is not None and membership.has_role(OrgRole.EDITOR)
