"""Who may write the street office's decisions on an organization.

Seeing follows the one scoping mechanism (``visible_to``). Status changes, grades, credit
listings and penalties are the street office's records: staff at street level or above (and
superusers) record them; community workers only read them.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def can_decide(user) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return user.is_superuser or user.acts_at_street_level_or_above


def require_decider(actor):
    """Refuse a decision by anybody else, whoever calls the service (a view, the admin, a script)."""
    if not can_decide(actor):
        raise PermissionDenied(_("Only street-office staff record this."))
