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
