"""The core app's one table: counters of the rate limits (``apps.core.ratelimit``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RateLimitCounter(models.Model):
    key = models.CharField(max_length=64, help_text="SHA-256 of the caller's key (which may hold an IP address).")
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            # The upsert's conflict target; also serves is_limited's look-up.
            models.UniqueConstraint(fields=["key", "window_start"], name="ratelimitcounter_key_window",
                                    violation_error_message=_("This counter already exists.")),
        ]
        indexes = [models.Index(fields=["window_start"], name="ratelimitcounter_window")]  # the clean-up

    def __str__(self):
        return f"{self.key[:8]}@{self.window_start:%Y-%m-%d %H:%M}: {self.count}"
