"""The OpenAPI schema and the Swagger UI page: for API clients (token) and back-office staff
(session). Swagger UI's files come from drf-spectacular-sidecar, served by this server; the page
loads its settings from a script URL (no inline script or style: the site's CSP holds)."""

from django.contrib.auth.decorators import login_not_required
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.authentication import SessionAuthentication

from ..authentication import ClientTokenAuthentication
from ..permissions import StaffOrClient


class SchemaView(SpectacularAPIView):
    authentication_classes = [ClientTokenAuthentication, SessionAuthentication]
    permission_classes = [StaffOrClient]
    throttle_classes = []

    @classmethod
    def as_view(cls, **kwargs):
        # Open to a token without a session; a missing token or session answers 401 (DRF).
        return login_not_required(super().as_view(**kwargs))


class DocsView(SpectacularSwaggerSplitView):
    """The documentation page for people: signed-in staff (anonymous visitors log in first)."""

    authentication_classes = [SessionAuthentication]
    permission_classes = [StaffOrClient]
    throttle_classes = []
    template_name = "api/swagger_ui.html"
    url_name = "api:schema"

    @classmethod
    def as_view(cls, **kwargs):
        # DRF marks its views login_not_required; this page is for people: anonymous visitors are
        # sent to the log-in page (LoginRequiredMiddleware), organization users are refused (403).
        view = super().as_view(**kwargs)
        view.login_required = True
        return view
