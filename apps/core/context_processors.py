def navigation(request):
    """Which audience's navigation to show, decided from the URL namespace."""
    match = getattr(request, "resolver_match", None)
    namespaces = match.namespaces if match else []
    user = getattr(request, "user", None)
    memberships = []
    if user is not None and user.is_authenticated and "portal" in namespaces:
        memberships = list(user.memberships.select_related("organization").order_by("organization__name"))
    return {
        "audience": "office" if "office" in namespaces else "portal" if "portal" in namespaces else "",
        "portal_memberships": memberships,
    }
