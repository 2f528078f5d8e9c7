from django.contrib.admin.apps import AdminConfig


class GuardedAdminConfig(AdminConfig):
    """django.contrib.admin with ``apps.core.admin.GuardedAdminSite`` as ``admin.site``."""

    default_site = "apps.core.admin.GuardedAdminSite"
