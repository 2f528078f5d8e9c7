"""How long a logged-in session lives (issue 14): ``SESSION_COOKIE_AGE`` after log-in at most, and
``SESSION_IDLE_MINUTES`` without a request (0: no idle limit). ``apps/web/middleware.py`` applies it
on every request; the log-in signal starts it, so the first request after a log-in writes nothing.

The absolute end is fixed with ``set_expiry(<datetime>)``: the session store then refuses the
session after that moment however often it is saved, whereas by default every save (such as the
one that records the last request here) would push the end ``SESSION_COOKIE_AGE`` further."""

import datetime

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils import timezone

#: Session key: when the session last made a request (epoch seconds).
LAST_SEEN_KEY = "gz_last_seen"
#: Recording every request would save the session on every request; recording at most once a
#: minute ends an idle session at most a minute early, which a half-hour limit can spare.
LAST_SEEN_PRECISION = 60


def session_start(session, now: datetime.datetime) -> None:
    session.set_expiry(now + datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE))
    session[LAST_SEEN_KEY] = int(now.timestamp())


def session_is_idle(session, now: datetime.datetime) -> bool:
    last_seen, idle_minutes = session.get(LAST_SEEN_KEY), settings.SESSION_IDLE_MINUTES
    return bool(idle_minutes and last_seen is not None and now.timestamp() - last_seen > idle_minutes * 60)


def session_seen(session, now: datetime.datetime) -> None:
    """Record a request (a session from before this rule, without the record, starts here)."""
    last_seen = session.get(LAST_SEEN_KEY)
    if last_seen is None:
        session_start(session, now)
    elif now.timestamp() - last_seen >= LAST_SEEN_PRECISION:
        session[LAST_SEEN_KEY] = int(now.timestamp())


@receiver(user_logged_in, dispatch_uid="accounts.session_start")
def _start_on_log_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        session_start(request.session, timezone.now())
