from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class HolidaysConfig(AppConfig):
    name = "apps.holidays"
    label = "holidays"
    verbose_name = _("Working calendar")

    def ready(self):
        from .defaults import create_defaults

        # The seeded years come back after a flush (live-server tests) and on every migrate.
        post_migrate.connect(create_defaults, sender=self, dispatch_uid="holidays_defaults")
