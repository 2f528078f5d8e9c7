"""Who may call what: every call needs an active client (the authentication class has checked its
token); writes need read-write access. The schema and its documentation page are also open to
staff signed in to the back office (``StaffOrClient``)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import permissions

from apps.apiclients.models import ApiClient


class ClientMayCall(permissions.BasePermission):
    message = _("This client may only read.")

    def has_permission(self, request, view):
        if not isinstance(request.auth, ApiClient):
            return False  # answered 401: no (valid) token
        return request.method in permissions.SAFE_METHODS or request.auth.can_write


class StaffOrClient(permissions.BasePermission):
    message = _("The API's documentation is for street-office staff and API clients.")

    def has_permission(self, request, view):
        if isinstance(request.auth, ApiClient):
            return True
        user = request.user
        return user is not None and user.is_authenticated and user.is_office_staff
