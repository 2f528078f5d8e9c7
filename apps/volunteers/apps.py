from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class VolunteersConfig(AppConfig):
    name = "apps.volunteers"
    label = "volunteers"
    verbose_name = _("Volunteers")

    def ready(self):
        from .defaults import create_defaults

        # Default rows come back after a flush (live-server tests) and on every migrate.
        post_migrate.connect(create_defaults, sender=self, dispatch_uid="volunteers_defaults")
