"""Idempotency keys of API writes: a retry of the same request (same client, same
``Idempotency-Key`` header, same method, path and body) within ``API_IDEMPOTENCY_HOURS`` gets the
first reply again and writes nothing; the same key with another request is refused.

The key's row is inserted before the work, in the work's transaction: a concurrent retry waits on
the unique index until the first request commits (then replays its reply) or rolls back (then
does the work itself). So no request ever sees a key whose work is still running.
"""

import datetime
import hashlib
import json
import random
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import IdempotencyKey

KEY_MAX_LENGTH = IdempotencyKey._meta.get_field("key").max_length


class KeyReused(Exception):
    """The key was used, within the window, for another request."""


@dataclass(frozen=True)
class Reply:
    status: int
    body: object
    replayed: bool


def request_fingerprint(method: str, path: str, data) -> str:
    """SHA-256 of the request as parsed: the same JSON with other spacing or key order is the same."""
    canonical = json.dumps([method, path, data], sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _window():
    return datetime.timedelta(hours=settings.API_IDEMPOTENCY_HOURS)


def idempotent_run(*, client, key: str, fingerprint: str, handle: Callable[[], tuple[int, object]]) -> Reply:
    """``handle()`` -> (status, body), run at most once per client and key; its reply is kept.
    An exception (a server error) rolls the key back with the work: a retry runs again."""
    now = timezone.now()
    if random.random() < 0.01:  # noqa: S311 - not security relevant: when to tidy up
        IdempotencyKey.objects.filter(created_at__lt=now - _window()).delete()
    with transaction.atomic():
        try:
            with transaction.atomic():
                row = IdempotencyKey.objects.create(client=client, key=key, request_hash=fingerprint, status_code=0)
        except IntegrityError:
            row = IdempotencyKey.objects.select_for_update().get(client=client, key=key)
            if row.created_at >= now - _window():
                if row.request_hash != fingerprint:
                    raise KeyReused(key) from None
                return Reply(row.status_code, row.response_body, replayed=True)
            # Kept longer than the window (not tidied up yet): the key is free again.
            row.request_hash, row.created_at, row.status_code, row.response_body = fingerprint, now, 0, None
        status, body = handle()
        row.status_code, row.response_body = status, body
        row.save()
        return Reply(status, body, replayed=False)
