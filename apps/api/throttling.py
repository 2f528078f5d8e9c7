"""Per-client rate limit: ``settings.API_RATE_LIMIT`` (requests, minutes), or the client's own
requests per minute, counted in the database (``apps.core.ratelimit``: every app process sees the
same count). Over the limit: 429 with ``Retry-After`` (seconds until the window ends)."""

import datetime
import math

from django.conf import settings
from rest_framework.throttling import BaseThrottle

from apps.apiclients.models import ApiClient
from apps.core import ratelimit


def client_rule(client) -> tuple[int, datetime.timedelta]:
    if client.rate_limit:
        return client.rate_limit, datetime.timedelta(minutes=1)
    requests, minutes = settings.API_RATE_LIMIT
    return requests, datetime.timedelta(minutes=minutes)


class ClientRateThrottle(BaseThrottle):
    def allow_request(self, request, view):
        client = request.auth
        if not isinstance(client, ApiClient):
            return True  # no client, no API call: the schema page for signed-in staff
        limit, window = client_rule(client)
        counted = ratelimit.hit(f"api:{client.pk}", limit=limit, window=window)
        self.retry_after = counted.retry_after
        return counted.count <= limit

    def wait(self):
        return max(1, math.ceil(self.retry_after.total_seconds()))
