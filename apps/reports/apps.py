from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """Figures for an area and a period (dashboard, street report) and the files they go out in.
    No models: every figure is an aggregate query over the domain apps' scoped querysets."""

    name = "apps.reports"
    label = "reports"
    verbose_name = _("Reports")
