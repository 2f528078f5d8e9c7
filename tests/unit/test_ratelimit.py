"""Rate limits count in the database, per key and window, and say when to retry."""

import datetime
from unittest import mock

from django.utils import timezone

from apps.core import ratelimit
from apps.core.models import RateLimitCounter

WINDOW = datetime.timedelta(minutes=10)


def test_the_limit_is_reached_after_the_allowed_attempts(db):
    results = [ratelimit.hit("checkin:T:1.2.3.4", limit=5, window=WINDOW) for _ in range(6)]
    assert [r.count for r in results] == [1, 2, 3, 4, 5, 6]
    assert [r.limited for r in results] == [False] * 4 + [True] * 2
    assert ratelimit.is_limited("checkin:T:1.2.3.4", limit=5, window=WINDOW).limited
    assert datetime.timedelta(0) < results[-1].retry_after <= WINDOW
    # Other keys count apart; asking does not count.
    assert not ratelimit.is_limited("checkin:T:5.6.7.8", limit=5, window=WINDOW).limited
    assert ratelimit.is_limited("checkin:T:5.6.7.8", limit=5, window=WINDOW).count == 0


def test_a_new_window_starts_afresh(db):
    start = timezone.now()
    for _ in range(5):
        ratelimit.hit("k", limit=5, window=WINDOW)
    with mock.patch("django.utils.timezone.now", return_value=start + WINDOW + datetime.timedelta(seconds=1)):
        assert not ratelimit.is_limited("k", limit=5, window=WINDOW).limited
        assert ratelimit.hit("k", limit=5, window=WINDOW).count == 1


def test_keys_are_stored_hashed(db):
    ratelimit.hit("checkin:T:1.2.3.4", limit=5, window=WINDOW)
    assert "1.2.3.4" not in RateLimitCounter.objects.get().key


def test_old_windows_are_tidied_up(db):
    RateLimitCounter.objects.create(key="old", window_start=timezone.now() - datetime.timedelta(days=3), count=9)
    with mock.patch("apps.core.ratelimit.random.random", return_value=0.0):
        ratelimit.hit("new", limit=5, window=WINDOW)
    assert list(RateLimitCounter.objects.values_list("count", flat=True)) == [1]
