"""Rate limits counted in the application's own database, so that every app process sees the
same counts (we scale by adding processes on one PostgreSQL; there is no Redis or memcached).

Why not django-ratelimit: it needs a cache with an atomic increment (Redis, memcached); with
Django's database cache its own system check refuses to run (``django_ratelimit.E003``: the
database cache reads and rewrites a value, so concurrent requests lose counts, and it culls
entries, which would let a flood of keys wipe a counter). Here one row per key and window is
upserted with ``count = count + 1`` in a single statement, atomic on SQLite and PostgreSQL.

Fixed windows: ``hit(key, limit=5, window=timedelta(minutes=10))`` counts in the current
10-minute window (local clock-aligned); a caller asks ``is_limited`` before an attempt and
``hit`` for each attempt that should count (every attempt, or only failed ones).
"""

import datetime
import hashlib
import random
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone

from .models import RateLimitCounter

#: Rows of windows that ended this long ago are deleted now and then.
KEEP = datetime.timedelta(days=2)


@dataclass(frozen=True)
class Limit:
    count: int
    limited: bool
    retry_after: datetime.timedelta


def _window_start(window: datetime.timedelta, now=None) -> datetime.datetime:
    now = now or timezone.now()
    seconds = int(window.total_seconds())
    epoch = int(now.timestamp())
    return datetime.datetime.fromtimestamp(epoch - epoch % seconds, tz=datetime.UTC)


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _result(count, limit, start, window):
    limited = count >= limit
    retry = start + window - timezone.now() if limited else datetime.timedelta(0)
    return Limit(count=count, limited=limited, retry_after=max(retry, datetime.timedelta(0)))


def is_limited(key: str, *, limit: int, window: datetime.timedelta) -> Limit:
    """Whether ``key`` has used up ``limit`` in the current window (does not count)."""
    start = _window_start(window)
    count = (RateLimitCounter.objects.filter(key=_digest(key), window_start=start)
             .values_list("count", flat=True).first()) or 0
    return _result(count, limit, start, window)


def hit(key: str, *, limit: int, window: datetime.timedelta) -> Limit:
    """Count one attempt of ``key`` in the current window; ``limited`` once ``limit`` is reached."""
    start = _window_start(window)
    q = connection.ops.quote_name
    table, key_, window_, count_ = q(RateLimitCounter._meta.db_table), q("key"), q("window_start"), q("count")
    with connection.cursor() as cursor:
        cursor.execute(  # names quoted by the backend, values as parameters
            f"INSERT INTO {table} ({key_}, {window_}, {count_}) VALUES (%s, %s, 1) "
            f"ON CONFLICT ({key_}, {window_}) DO UPDATE SET {count_} = {table}.{count_} + 1 RETURNING {count_}",
            [_digest(key), connection.ops.adapt_datetimefield_value(start)])  # as the ORM stores it
        count = cursor.fetchone()[0]
    if random.random() < 0.01:  # noqa: S311 - not security relevant: when to tidy up
        RateLimitCounter.objects.filter(window_start__lt=timezone.now() - KEEP).delete()
    return _result(count, limit, start, window)


def client_ip(request) -> str:
    """The client's address as the app sees it (behind a proxy: set it to pass REMOTE_ADDR)."""
    return request.META.get("REMOTE_ADDR", "")
