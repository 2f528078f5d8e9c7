"""Password reset (issue 14.6): linked from the log-in page, the e-mail sent through the configured
mailer, the same answer for an unknown address, requests limited per client address."""

import re

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from tests.personas import STREET_STAFF

FEW = {"RATE_LIMITS": {"checkin": (5, 10), "signup": (10, 60), "password_reset": (3, 60)}}
NEW_PASSWORD = "Reset-password-2026"


@pytest.fixture
def user(world):
    user = world.user(STREET_STAFF)
    user.email = "street@example.org"
    user.save(update_fields=["email"])
    return user


def _link(message):
    return re.search(r"https?://testserver(/accounts/password_reset/\S+/)", message.body).group(1)


def test_the_login_page_links_to_the_reset(client):
    page = client.get(reverse("login")).content.decode()
    assert reverse("password_reset") in page


def test_a_reset_by_e_mail_sets_a_new_password(user, client):
    response = client.post(reverse("password_reset"), {"email": "Street@Example.org"})
    assert response["Location"] == reverse("password_reset_done")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [user.email]
    form = client.get(_link(mail.outbox[0]), follow=True)
    assert form.context["validlink"]
    done = client.post(form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done["Location"] == reverse("password_reset_complete")
    logged_in = client.post(reverse("login"), {"username": user.username, "password": NEW_PASSWORD})
    assert logged_in.status_code == 302 and logged_in["Location"] != reverse("login")
    # The link works once.
    assert not client.get(_link(mail.outbox[0]), follow=True).context["validlink"]


def test_an_unknown_address_gets_the_same_answer_and_no_mail(user, client):
    known = client.post(reverse("password_reset"), {"email": user.email})
    unknown = client.post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert len(mail.outbox) == 1


def test_the_mail_is_in_the_site_language_and_names_the_time_limit(user, client):
    client.post(reverse("password_reset"), {"email": user.email})
    message = mail.outbox[0]
    assert "共治" in message.subject
    assert "60" in message.body and user.username in message.body


@override_settings(**FEW)
def test_reset_requests_are_limited_per_address(user, client):
    for _ in range(3):
        client.post(reverse("password_reset"), {"email": user.email}, REMOTE_ADDR="203.0.113.5")
    blocked = client.post(reverse("password_reset"), {"email": user.email}, REMOTE_ADDR="203.0.113.5")
    assert blocked.status_code == 429
    assert "分钟" in blocked.content.decode() or "min" in blocked.content.decode()
    assert len(mail.outbox) == 3
    client.post(reverse("password_reset"), {"email": user.email}, REMOTE_ADDR="198.51.100.5")
    assert len(mail.outbox) == 4  # another address


def test_the_pages_are_the_sites_own(db, client):
    for name in ["password_reset", "password_reset_done", "password_reset_complete"]:
        page = client.get(reverse(name)).content.decode()
        assert "gz-login" in page, name  # not the admin's templates
