"""Password reset for every audience (issue 14): Django's views with the site's templates, the
e-mail through the configured mailer (``MAILERS``: console in development, SMTP in production).

Django's request view already answers an unknown address exactly like a known one (and logs, not
shows, a failed send); each request is counted per client address, because each may send an
e-mail and, by its timing, hint at an account. The links themselves are not counted: they are
signed with SECRET_KEY, expire after PASSWORD_RESET_TIMEOUT and die with a password change, so
guessing them is hopeless, while counting them would let anyone behind the same address lock out
the person following a real link."""

from django.conf import settings
from django.contrib.auth import views as auth_views

from ..ratelimits import RateLimitedPostMixin


class PasswordResetView(RateLimitedPostMixin, auth_views.PasswordResetView):
    rate_limit = "password_reset"

    @property
    def extra_email_context(self):
        return {"valid_minutes": settings.PASSWORD_RESET_TIMEOUT // 60}
