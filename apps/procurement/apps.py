from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ProcurementConfig(AppConfig):
    name = "apps.procurement"
    label = "procurement"
    verbose_name = _("Government-purchased services")

    def ready(self):
        from .defaults import create_defaults

        # Default rows come back after a flush (live-server tests) and on every migrate.
        post_migrate.connect(create_defaults, sender=self, dispatch_uid="procurement_defaults")
