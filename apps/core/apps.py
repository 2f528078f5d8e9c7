from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "apps.core"
    label = "core"

    def ready(self):
        from . import tables

        tables.install()  # per-function cache of django-tables2's per-cell signature look-up
