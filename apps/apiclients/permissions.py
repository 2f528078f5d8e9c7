"""Who manages API clients: the street office's own work (``User.acts_at_street_level_or_above``) and
superusers. Staff see the clients of their area (``ApiClient.objects.visible_to``); community
workers only read them."""


def can_manage_api_clients(user) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.acts_at_street_level_or_above
