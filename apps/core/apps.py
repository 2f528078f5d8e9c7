from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "apps.core"
    label = "core"

    def ready(self):
        from . import checks, lookups, tables  # noqa: F401  (checks registers the deploy checks of the keys)

        tables.install()  # per-function cache of django-tables2's per-cell signature look-up
        lookups.install()  # integer __in without values the column cannot hold

