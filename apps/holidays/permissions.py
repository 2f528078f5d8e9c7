"""Who may change the working calendar.

Everybody on the staff reads it (deadlines depend on it); the arrangements are national, one
table for the whole deployment, so only the city level (the top of the area tree, like the
general purchasing catalogue) and superusers change them.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def can_edit_working_calendar(user) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or (user.area_id is not None and user.area.parent_id is None)


def require_calendar_editor(user):
    if not can_edit_working_calendar(user):
        raise PermissionDenied(_("Only city staff may change the holiday arrangements."))
