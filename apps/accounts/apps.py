from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "apps.accounts"
    label = "accounts"

    def ready(self):
        from . import sessions  # noqa: F401  (starts a session's lifetime on log-in)
