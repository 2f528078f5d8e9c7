"""Who may see full ID numbers and phones.

Rule: superusers, staff acting at street level or above
(``User.acts_at_street_level_or_above``), and any user given the
``volunteers.reveal_personal_data`` permission. Community workers and organization users see
masked values only. Every reveal is audited (services.volunteer_reveal).
"""


def can_reveal_personal_data(user) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser or user.has_perm("volunteers.reveal_personal_data"):
        return True
    return user.acts_at_street_level_or_above


def can_decide_volunteer_reviews(user) -> bool:
    """Keeping or revoking a star award under review, and deciding on a likely duplicate
    registration, are registry decisions: superusers and staff acting at street level or above."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.acts_at_street_level_or_above


def can_edit_star_thresholds(user) -> bool:
    """The star thresholds are the city's table (DOMAIN §3, local): superusers and staff of the
    deployment's top-level area (the city), as for the general procurement catalogue."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or (user.area_id is not None and user.area.parent_id is None)
