"""Who may write the street office's decisions on an organization.

Seeing follows the one scoping mechanism (``visible_to``). Status changes, grades, credit
listings and penalties are the street office's records: staff at street level or above (and
superusers) record them; community workers only read them.
"""


def can_decide(user) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return user.is_superuser or user.acts_at_street_level_or_above
