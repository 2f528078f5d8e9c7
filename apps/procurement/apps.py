from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ProcurementConfig(AppConfig):
    name = "apps.procurement"
    label = "procurement"
    verbose_name = _("Government-purchased services")

    def ready(self):
        from apps.holidays.signals import working_days_changed

        from .defaults import create_defaults
        from .services.deadlines import deadlines_follow_calendar

        # Default rows come back after a flush (live-server tests) and on every migrate.
        post_migrate.connect(create_defaults, sender=self, dispatch_uid="procurement_defaults")
        # Open deadlines are counted again when the holiday arrangement they ran through changes.
        working_days_changed.connect(deadlines_follow_calendar, dispatch_uid="procurement_deadlines")
        # The API shows a contract with its targets and payments (apps/core/updates.py).
        from apps.core.updates import touch_parent_on_save

        from .models import PaymentMilestone, PerformanceTarget

        touch_parent_on_save(PerformanceTarget, "contract")
        touch_parent_on_save(PaymentMilestone, "contract")
