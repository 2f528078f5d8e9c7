"""Who may see full ID numbers and phones.

Rule: superusers, staff working at street level or above (street, district, city), and any
user given the ``volunteers.reveal_personal_data`` permission. Community workers and
organization users see masked values only. Every reveal is audited (services.volunteer_reveal).
"""

from apps.areas.models import AreaLevel

REVEAL_LEVELS = {AreaLevel.CITY, AreaLevel.DISTRICT, AreaLevel.STREET}


def can_reveal_personal_data(user) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser or user.has_perm("volunteers.reveal_personal_data"):
        return True
    return user.area_id is not None and user.area.level in REVEAL_LEVELS
