"""Local development on SQLite: fixed, clearly fake keys so a fresh clone just runs."""

from .base import *  # noqa: F403
from .base import env_bool, env_list, env_str

DEBUG = env_bool("DJANGO_DEBUG", True)
SECRET_KEY = env_str("DJANGO_SECRET_KEY", "dev-only-secret-key-not-for-production-use-0123456789")
DATA_ENCRYPTION_KEYS = env_list("GONGZHI_DATA_KEYS", ["ZGV2LW9ubHktZGF0YS1rZXktbm90LWZvci1wcm9kdWM="])
DATA_HASH_KEY = env_str("GONGZHI_HASH_KEY", "dev-only-hash-key")
BACKUP_KEYS = env_list("GONGZHI_BACKUP_KEYS", ["ZGV2LW9ubHktYmFja3VwLWtleS1ub3QtZm9yLXByb2Q="])
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405  (WhiteNoise warns when it is missing)
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True  # dev and tests serve static files without collectstatic
