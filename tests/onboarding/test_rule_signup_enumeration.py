"""Rule (issue 14.8): sign-up and invitation acceptance do not confirm that a username exists with a
message of its own, and the forms that create accounts are limited per client address.

The decision: a username that is already used gets the very message a badly formed one gets, and it
is judged only when everything else in the form is valid (an application with its document, or an
invitation's full form), so a probe costs a complete submission, and submissions are limited. A
person choosing a username still learns that this one cannot be had: no sign-up with chosen
usernames can avoid that, the limit is what keeps it from becoming a list."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from apps.accounts.models import User
from apps.onboarding.models import SignupApplication
from tests.onboarding.factories import make_invitation
from tests.onboarding.test_signup_review import signup_data
from tests.personas import STREET_STAFF

pytestmark = pytest.mark.django_db

ADDRESS = "203.0.113.9"
FEW = {"RATE_LIMITS": {"checkin": (5, 10), "signup": (3, 60), "password_reset": (5, 60)}}


def post_signup(client, world, address="127.0.0.1", **overrides):
    data = signup_data(world, **overrides)
    data["document"] = SimpleUploadedFile("cert.pdf", b"%PDF-1.4\n", content_type="application/pdf")
    return client.post(reverse("portal:signup"), data, REMOTE_ADDR=address)


def _username_errors(response):
    return list(response.context["form"].errors.get("username", []))


def test_a_taken_username_gets_the_same_message_as_a_malformed_one(world, client):
    existing = world.user(STREET_STAFF).username
    taken = _username_errors(post_signup(client, world, username=existing))
    malformed = _username_errors(post_signup(client, world, username="no spaces allowed"))
    assert taken and taken == malformed
    assert not SignupApplication.objects.exists()


def test_letter_case_does_not_make_a_username_new(world, client):
    existing = world.user(STREET_STAFF).username
    assert _username_errors(post_signup(client, world, username=existing.upper())) == \
        _username_errors(post_signup(client, world, username="no spaces allowed"))


def test_the_username_is_judged_only_when_the_rest_is_valid(world, client):
    existing = world.user(STREET_STAFF).username
    response = post_signup(client, world, username=existing, contact_phone="not a phone", password2="different")
    errors = response.context["form"].errors
    assert "password2" in errors and "username" not in errors


def test_the_invitation_form_answers_a_taken_username_like_a_malformed_one(world, client):
    _invitation, token = make_invitation(world.org_a)
    url = reverse("portal:invitation_accept", args=[token])
    data = {"full_name": "新成员", "password1": "Neu-member-2026", "password2": "Neu-member-2026"}
    taken = _username_errors(client.post(url, {**data, "username": world.user(STREET_STAFF).username}))
    malformed = _username_errors(client.post(url, {**data, "username": "no spaces allowed"}))
    assert taken and taken == malformed


@override_settings(**FEW)
def test_sign_ups_are_limited_per_address(world, client):
    for _ in range(3):  # the limit counts every submitted form, valid or not
        assert post_signup(client, world, credit_code="bad", address=ADDRESS).status_code == 200
    blocked = post_signup(client, world, address=ADDRESS)
    assert blocked.status_code == 429
    assert "min" in blocked.content.decode() or "分钟" in blocked.content.decode()
    assert not User.objects.filter(username="hupan").exists()
    assert post_signup(client, world, address="198.51.100.2").status_code == 302  # another address


@override_settings(**FEW)
def test_invitation_acceptance_is_limited_per_link_and_address(world, client):
    _invitation, token = make_invitation(world.org_a)
    url = reverse("portal:invitation_accept", args=[token])
    for _ in range(3):
        client.post(url, {"username": "no spaces allowed"}, REMOTE_ADDR=ADDRESS)
    good = {"username": "neu", "full_name": "新成员", "password1": "Neu-member-2026", "password2": "Neu-member-2026"}
    assert client.post(url, good, REMOTE_ADDR=ADDRESS).status_code == 429
    assert not User.objects.filter(username="neu").exists()
    assert client.post(url, good, REMOTE_ADDR="198.51.100.2").status_code == 302
