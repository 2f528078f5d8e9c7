from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiClientsConfig(AppConfig):
    name = "apps.apiclients"
    label = "apiclients"
    verbose_name = _("API clients")
