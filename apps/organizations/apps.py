from django.apps import AppConfig
from django.db.models.signals import post_migrate


class OrganizationsConfig(AppConfig):
    name = "apps.organizations"
    label = "organizations"

    def ready(self):
        from .defaults import create_defaults

        # Default rows come back after a flush (live-server tests) and on every migrate.
        post_migrate.connect(create_defaults, sender=self, dispatch_uid="organizations_defaults")
        # The API shows an organization with its grades and credit listings (apps/core/updates.py).
        from apps.core.updates import touch_parent_on_save

        from .models import CreditListing, EvaluationGrade

        touch_parent_on_save(EvaluationGrade, "organization")
        touch_parent_on_save(CreditListing, "organization")
