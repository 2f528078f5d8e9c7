"""Password reset: public like the log-in page, and open to signed-in users too (Django's views)."""

from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from apps.accounts.models import User
from tests.access.matrix import REDIRECT, Case, expect, read_only, same_as_get


def _link(world):
    # Not a persona's account: logging a persona in changes its last log-in, which voids its links.
    user = User.objects.create_user("forgetful", email="forgetful@example.org", password="Forgetful-2026")
    return {"uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": default_token_generator.make_token(user)}


CASES = [
    Case("password_reset", expect(200), post=same_as_get),  # an empty form comes back with its error
    Case("password_reset_done", expect(200), post=read_only),
    # A valid link moves its token into the session and redirects to the form; a wrong one is explained.
    Case("password_reset_confirm", expect(REDIRECT), kwargs=_link, label="valid link", post=same_as_get),
    Case("password_reset_confirm", expect(200), kwargs=lambda w: {"uidb64": "MQ", "token": "not-a-token"},
         label="invalid link", post=same_as_get),
    Case("password_reset_complete", expect(200), post=read_only),
]
