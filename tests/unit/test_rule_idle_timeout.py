"""Rule (issue 14.6): a session ends after SESSION_IDLE_MINUTES without a request (default 30) and,
however active, SESSION_COOKIE_AGE (8 h) after the log-in; the idle visitor is sent to the log-in
page with the reason, and comes back to the page asked for. The clock is patched."""

import datetime
from unittest import mock

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from tests.personas import ORG_A_ADMIN, STREET_STAFF


class Clock:
    def __init__(self):
        self.start = timezone.now()

    def at(self, minutes):
        return mock.patch("django.utils.timezone.now", return_value=self.start + datetime.timedelta(minutes=minutes))

    def get(self, client, url, minutes):
        with self.at(minutes):
            return client.get(url)


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def logged_in(client_for, clock):
    """A client that logged in at minute 0 of the clock."""

    def make(persona):
        with clock.at(0):
            return client_for(persona)

    return make


def _logged_out(response):
    return response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_default_idle_timeout_is_half_an_hour():
    assert settings.SESSION_IDLE_MINUTES == 30
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60


def test_an_idle_session_ends_with_a_message(logged_in, clock):
    client, url = logged_in(STREET_STAFF), reverse("office:home")
    assert clock.get(client, url, 1).status_code == 200
    response = clock.get(client, url, 32)
    assert _logged_out(response)
    assert f"next={url}" in response["Location"]  # back to the page after logging in
    page = clock.get(client, response["Location"], 32).content.decode()
    assert "30" in page and ("without activity" in page or "无操作" in page)
    assert _logged_out(clock.get(client, url, 33))  # the session is gone, not just refused once


def test_activity_keeps_the_session(world, logged_in, clock):
    client, url = logged_in(ORG_A_ADMIN), reverse("portal:org_home", args=[world.org_a.code])
    for minutes in range(0, 181, 25):  # three hours, never 30 minutes apart
        assert clock.get(client, url, minutes).status_code == 200, minutes


def test_the_absolute_end_stays_eight_hours_after_log_in_however_active(logged_in, clock):
    client, url = logged_in(STREET_STAFF), reverse("office:home")
    for minutes in range(0, 8 * 60, 20):
        assert clock.get(client, url, minutes).status_code == 200, minutes
    assert _logged_out(clock.get(client, url, 8 * 60 + 1))


def test_a_session_from_before_the_rule_starts_at_its_next_request(world, client, clock):
    # Sessions made without the log-in signal (e.g. before an upgrade) get their record then.
    with clock.at(0):
        client.force_login(world.user(STREET_STAFF), backend="django.contrib.auth.backends.ModelBackend")
    session = client.session
    session.pop("gz_last_seen")
    session.set_expiry(None)
    session.save()
    url = reverse("office:home")
    assert clock.get(client, url, 5).status_code == 200
    assert _logged_out(clock.get(client, url, 40))


@override_settings(SESSION_IDLE_MINUTES=5)
def test_the_timeout_is_a_setting(logged_in, clock):
    client, url = logged_in(STREET_STAFF), reverse("office:home")
    assert clock.get(client, url, 4).status_code == 200
    assert clock.get(client, url, 8).status_code == 200
    assert _logged_out(clock.get(client, url, 14))


@pytest.mark.parametrize("minutes", [29, 31])
def test_the_boundary(logged_in, clock, minutes):
    client, url = logged_in(STREET_STAFF), reverse("office:home")
    assert _logged_out(clock.get(client, url, minutes)) is (minutes > 30)
