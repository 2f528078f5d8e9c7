"""Every API call carries a client's token: ``Authorization: Bearer gz_<prefix>_<secret>``.

The token is looked up by its keyed hash (``apps.apiclients.tokens``). ``request.user`` becomes the
client's service user, an inactive account that cannot log in and sees nothing through
``visible_to``: API views scope through ``ApiScope(request.auth)`` only, where ``request.auth``
is the ``ApiClient``. A person's session is not an authentication here (a browser that is
logged in to the back office cannot be made to call the API).
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from apps.apiclients.models import ApiClient, ClientStatus
from apps.apiclients.tokens import looks_like_token, token_hash

REFUSED = {
    ClientStatus.EXPIRED: _("This token has expired: ask the street office for a new one."),
    ClientStatus.REVOKED: _("This token has been revoked."),
}


class ClientTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Send the token as “Authorization: Bearer <token>”."))
        try:
            token = header[1].decode("ascii")
        except UnicodeDecodeError:
            token = ""
        client = None
        if looks_like_token(token):
            client = (ApiClient.objects.select_related("service_user", "area", "organization__area")
                      .filter(token_hash=token_hash(token)).first())
        if client is None:
            raise exceptions.AuthenticationFailed(_("Unknown token."))
        status = client.status(timezone.now())
        if status != ClientStatus.ACTIVE:
            raise exceptions.AuthenticationFailed(REFUSED[status])
        return client.service_user, client

    def authenticate_header(self, request):
        # A "WWW-Authenticate" header makes DRF answer 401 (not 403) to a missing or bad token.
        return f'{self.keyword} realm="gongzhi-api"'


class ClientTokenScheme(OpenApiAuthenticationExtension):
    target_class = ClientTokenAuthentication
    name = "clientToken"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "bearerFormat": "gz_<prefix>_<secret>",
                "description": "A client's token from the back office (API clients)."}
