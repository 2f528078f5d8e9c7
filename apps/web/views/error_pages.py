"""The project's 400 page (``handler400`` in ``config/urls.py``).

Django's own ``bad_request`` handler is wrapped in ``requires_csrf_token``, whose check reads
``request.POST`` again. When the request was refused *because* its body cannot be read (a form
declaring ``charset=utf-16``, more fields than ``DATA_UPLOAD_MAX_NUMBER_FIELDS``), the handler
raised the same error a second time and the visitor got the server's bare "A server error
occurred" instead of a 400. This handler neither reads the body nor needs the request: the error
pages are standalone (``error_base.html``)."""

from django.conf import settings
from django.core.exceptions import TooManyFieldsSent
from django.http import HttpResponseBadRequest
from django.template.loader import render_to_string
from django.utils.translation import gettext as _


def bad_request(request, exception):
    message = ""
    if isinstance(exception, TooManyFieldsSent):
        # E.g. ticking more rows than that on a list: say what the limit is and what to do.
        message = _("The form sent more than %(limit)s values at once. Select fewer rows and repeat.") % {
            "limit": settings.DATA_UPLOAD_MAX_NUMBER_FIELDS}
    return HttpResponseBadRequest(render_to_string("400.html", {"message": message}))
