"""Rules for every request, as middleware rather than per-view code so that a new view cannot forget
them: no NUL character reaches a view (issue 14.9); for every page behind a log-in (issue 14,
DOMAIN §6) nothing a signed-in user sees is kept by a browser or proxy cache, and a session ends after
a spell without requests as well as at its absolute end. Also the last resort for a write a database
constraint refuses (issue 16): never a 500 page."""

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import BadRequest
from django.db import IntegrityError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from apps.accounts.sessions import session_is_idle, session_seen

logger = logging.getLogger(__name__)


class RefuseNulMiddleware:
    """400 for a NUL character in the path, a query parameter or a form value. No page of the site
    takes one, and PostgreSQL refuses it in any text parameter ("A string literal cannot contain
    NUL"), so a URL keyword or a parameter that reaches a query unvalidated would otherwise end in
    a server error there (and only there: SQLite stores it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path_info or _holds_nul(request.GET) or (
                request.method == "POST" and _holds_nul(request.POST)):
            if request.path_info.startswith("/api/"):  # the API's error body (apps/api/errors.py), in JSON
                return JsonResponse({"code": "invalid", "detail": _("A request may not contain a NUL character.")},
                                    status=400)
            raise BadRequest("NUL character in the request")
        return self.get_response(request)


def _holds_nul(query_dict):
    return any("\x00" in key or any("\x00" in value for value in values) for key, values in query_dict.lists())


class NoStoreForSignedInMiddleware:
    """``Cache-Control: no-store`` (Django's ``never_cache`` headers) on every answer to a signed-in
    user: back office, portal, exports, PDFs, attachments, reveal pages and the admin alike. Pages
    without a log-in that show personal data (the check-in page, certificate verification) use
    ``never_cache`` themselves."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated and "no-store" not in response.get("Cache-Control", ""):
            add_never_cache_headers(response)
        return response


class IdleSessionMiddleware:
    """End a session idle for too long, and record the request otherwise (``apps/accounts/sessions.py``).
    The session is logged out before the view runs, so a page that needs a log-in sends the visitor
    to the log-in page (``LoginRequiredMiddleware``) with the path to come back to, where the message
    says why."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = timezone.now()
            if session_is_idle(request.session, now):
                logout(request)
                messages.warning(request, _("You were logged out after %(minutes)d minutes without activity. "
                                            "Please log in again.") % {"minutes": settings.SESSION_IDLE_MINUTES})
            else:
                session_seen(request.session, now)
        return self.get_response(request)


class IntegrityErrorMiddleware:
    """The last resort when a database constraint refuses a write that no form or service checked
    first, typically two people saving the same thing at the same moment. Every constraint has its
    own message, which forms and services show (``violation_error_message``, issue 16); this only
    makes sure that nobody is shown a 500 page, let alone the constraint's name: a generic message
    (409) and an ERROR in the log, so that the missing check is found and added where it belongs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, IntegrityError):
            return None
        logger.error("Database constraint refused a write at %s", request.path, exc_info=exception)
        # No request context: the template needs no database, whatever state the failed write left.
        return HttpResponse(render_to_string("409.html"), status=409)
