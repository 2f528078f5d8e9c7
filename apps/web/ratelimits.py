"""What a visitor may repeat, per client address (issue 14): the rules of ``settings.RATE_LIMITS``
(attempts per window of minutes) over the database counters of ``apps/core/ratelimit.py``, and the
message that tells a person how long to wait. Views ask ``blocked`` before an attempt and call
``count`` for each attempt that counts; ``scope`` narrows a counter (e.g. one activity's token)."""

import datetime
import math

from django.conf import settings
from django.contrib import messages
from django.utils.translation import gettext as _

from apps.core import ratelimit


def _rule(kind):
    attempts, minutes = settings.RATE_LIMITS[kind]
    return {"limit": attempts, "window": datetime.timedelta(minutes=minutes)}


def _key(request, kind, scope):
    return ":".join([kind, *scope, ratelimit.client_ip(request)])


def wait_message(limit: ratelimit.Limit) -> str:
    minutes = max(1, math.ceil(limit.retry_after.total_seconds() / 60))
    return _("Too many attempts from this connection. Please wait %(minutes)d min and try again.") % {
        "minutes": minutes}


def blocked(request, kind: str, *scope: str) -> str:
    """The wait message if this address has used up its attempts of ``kind``, else ''."""
    limit = ratelimit.is_limited(_key(request, kind, scope), **_rule(kind))
    return wait_message(limit) if limit.limited else ""


def count(request, kind: str, *scope: str) -> str:
    """Count one attempt; the wait message if it was the last one allowed, else ''."""
    limit = ratelimit.hit(_key(request, kind, scope), **_rule(kind))
    return wait_message(limit) if limit.limited else ""


class RateLimitedPostMixin:
    """A form view whose every submission counts against ``rate_limit`` (a key of RATE_LIMITS); once
    used up, the page is shown again with the wait message and 429, and the form is not processed."""

    rate_limit = ""

    def rate_limit_scope(self) -> tuple[str, ...]:
        return ()

    def post(self, request, *args, **kwargs):
        wait = blocked(request, self.rate_limit, *self.rate_limit_scope())
        if wait:
            messages.error(request, wait)
            return self.render_to_response(self.get_context_data(), status=429)
        count(request, self.rate_limit, *self.rate_limit_scope())
        return super().post(request, *args, **kwargs)
