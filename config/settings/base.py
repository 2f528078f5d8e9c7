"""Settings shared by every mode. Other modules only override what differs."""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("GONGZHI_VAR_DIR", str(BASE_DIR / "var")))

SECRET_KEY = env_str("DJANGO_SECRET_KEY", None)
# Personal data (ID numbers, phones) is encrypted with these keys, never with SECRET_KEY.
# Comma-separated Fernet keys: the first encrypts, all decrypt (rotation).
DATA_ENCRYPTION_KEYS = env_list("GONGZHI_DATA_KEYS", [])
# Keyed hash for uniqueness and exact look-up of encrypted values.
DATA_HASH_KEY = env_str("GONGZHI_HASH_KEY", None)
# Backup archives (manage.py backup / restore) are encrypted with these Fernet-format keys
# (first encrypts, all decrypt), separate from the data keys: an archive together with its
# backup key still hides personal data. Only the backup job needs them, not the web server.
BACKUP_KEYS = env_list("GONGZHI_BACKUP_KEYS", [])
BACKUP_DIR = Path(env_str("GONGZHI_BACKUP_DIR", str(VAR_DIR / "backups")))

DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "apps.core.admin_apps.GuardedAdminConfig",  # django.contrib.admin, its site guarding every admin
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "django_tables2",
    "auditlog",
    "axes",
    "bootstrap",
    "django_tasks_db",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI's files, served by this server (no CDN)
    # Domain apps (nouns)
    "apps.core",
    "apps.areas",
    "apps.accounts",
    "apps.organizations",
    "apps.volunteers",
    "apps.activities",
    "apps.audit",
    "apps.holidays",
    "apps.procurement",
    "apps.onboarding",
    "apps.imports",
    "apps.reports",
    "apps.apiclients",
    # Audience apps
    "apps.backoffice",
    "apps.portal",
    "apps.public",
    "apps.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Before anything reads a URL or form value (the 400 page is in the visitor's language).
    "apps.web.middleware.RefuseNulMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After authentication and messages: idle sessions end here, signed-in answers are not cached.
    "apps.web.middleware.IdleSessionMiddleware",
    "apps.web.middleware.NoStoreForSignedInMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "apps.portal.middleware.PortalTenantMiddleware",
    # Last resort for a constraint no form or service checked first: a generic page, never a 500.
    "apps.web.middleware.IntegrityErrorMiddleware",
    # Last, so that it sees failed logins after everything else has run.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "apps.core.context_processors.navigation",
            ],
        },
    },
]

# Django's form renderer, with <select> written in Python (apps/core/forms.py: large dropdowns).
FORM_RENDERER = "apps.core.forms.Renderer"

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'gongzhi.sqlite3'}"),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers and the single writer work at the same time.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # psycopg 3's pool: each app process keeps a few warm connections.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "pool": {
            "min_size": env_int("GONGZHI_DB_POOL_MIN", 2),
            "max_size": env_int("GONGZHI_DB_POOL_MAX", 10),
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login throttling (django-axes): lock a username+IP pair after repeated failures.
AXES_FAILURE_LIMIT = env_int("GONGZHI_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# One date and number format in both languages (config/formats; apps/core/formats.py uses them).
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    # Uploaded attachments live outside the static path and are served by views that check
    # access, never by the web server directly.
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": VAR_DIR / "media", "base_url": None},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Django's built-in Content-Security-Policy: everything comes from this server.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 60 * 60  # one working day, counted from log-in (apps/web/middleware.py keeps it fixed)
# A session also ends after this many minutes without a request (issue 14: an unattended screen of
# personal data); apps/web/middleware.py:IdleSessionMiddleware enforces both.
SESSION_IDLE_MINUTES = env_int("GONGZHI_SESSION_IDLE_MINUTES", 30)
# A reset link in a mailbox is a key to the account, so it is short-lived (Django's default is 3 days).
PASSWORD_RESET_TIMEOUT = env_int("GONGZHI_PASSWORD_RESET_MINUTES", 60) * 60
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

FILTERS_EMPTY_CHOICE_LABEL = _("All")  # django-filter's dropdowns: "全部" instead of "---------"

DJANGO_TABLES2_TEMPLATE = "django_tables2/gz_bootstrap5.html"  # bootstrap5.html, rows written in Python
DJANGO_TABLES2_TABLE_ATTRS = {"class": "table table-sm table-hover align-middle"}

MAILERS = {
    "default": {"BACKEND": env_str("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")},
}
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", "gongzhi@localhost")

AUDITLOG_DISABLE_REMOTE_ADDR = False

# What anyone can repeat, per client address (issue 14): (attempts, window in minutes), counted in
# the database by apps/core/ratelimit.py through apps/web/ratelimits.py. "checkin": failed phone
# sign-ins per activity; "signup": submitted sign-up and invitation-acceptance forms (each may create
# an account); "password_reset": reset requests (each may send an e-mail) and invalid reset links;
# "picker": searches of the choosers of volunteers and organizations.
RATE_LIMITS = {
    "checkin": (env_int("GONGZHI_CHECKIN_ATTEMPTS", 5), env_int("GONGZHI_CHECKIN_WINDOW_MINUTES", 10)),
    # The home page's "find today's activity by its code": look-ups that find nothing.
    "checkin_code": (env_int("GONGZHI_CHECKIN_CODE_ATTEMPTS", 10), env_int("GONGZHI_CHECKIN_CODE_WINDOW_MINUTES", 10)),
    "signup": (env_int("GONGZHI_SIGNUP_ATTEMPTS", 10), env_int("GONGZHI_SIGNUP_WINDOW_MINUTES", 60)),
    "password_reset": (env_int("GONGZHI_PASSWORD_RESET_ATTEMPTS", 5),
                       env_int("GONGZHI_PASSWORD_RESET_WINDOW_MINUTES", 60)),
    # Searches of the pickers (issue 16.9), per signed-in user and address: one per keystroke
    # after a pause, so a busy clerk makes a few hundred an hour; a script making thousands waits.
    "picker": (env_int("GONGZHI_PICKER_SEARCHES", 600), env_int("GONGZHI_PICKER_WINDOW_MINUTES", 10)),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("GONGZHI_LOG_LEVEL", "WARNING")},
}

# Volunteers (issue 4). Local rules: guardian consent below this age (never below 14 by law),
# service hours rounded down to this many minutes (0 = no rounding), the CJK font printed on
# certificates (Debian's fonts-noto-cjk; index 2 of the collection is Simplified Chinese).
VOLUNTEER_GUARDIAN_CONSENT_AGE = env_int("GONGZHI_GUARDIAN_CONSENT_AGE", 14)
SERVICE_HOURS_ROUNDING_MINUTES = env_int("GONGZHI_HOURS_ROUNDING_MINUTES", 0)
# At most this many pending and confirmed service hours per volunteer and local day, over all
# records (apps.activities.rules.record_check; local, default 24).
SERVICE_HOURS_MAX_PER_DAY = env_int("GONGZHI_MAX_HOURS_PER_DAY", 24)
if not 1 <= SERVICE_HOURS_MAX_PER_DAY <= 24:
    raise ImproperlyConfigured(f"GONGZHI_MAX_HOURS_PER_DAY={SERVICE_HOURS_MAX_PER_DAY} is not between 1 and 24.")
CERTIFICATE_FONT_PATH = env_str("GONGZHI_CERTIFICATE_FONT", "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
CERTIFICATE_FONT_INDEX = env_int("GONGZHI_CERTIFICATE_FONT_INDEX", 2)
# 公示: days a newly issued certificate stays in publicity (DOMAIN §4 "about 7 days", local).
CERTIFICATE_PUBLICITY_DAYS = env_int("GONGZHI_CERTIFICATE_PUBLICITY_DAYS", 7)

# Imports (issues 7, 14.11, 14.12). Files whose content (XLSX: the uncompressed parts) is larger
# than IMPORT_INLINE_MAX_BYTES are counted and parsed only by the background worker (django.tasks
# and the database-backed worker, `manage.py db_worker`); the upload request stores them and
# checks the zip's directory. An XLSX is refused before anything parses it when its parts add up
# to more than IMPORT_XLSX_MAX_UNCOMPRESSED_BYTES, when a part above 4 MB is compressed more than
# IMPORT_XLSX_MAX_RATIO:1, when it has more than IMPORT_XLSX_MAX_PARTS parts, or when its shared
# strings (held in memory whole by openpyxl) exceed IMPORT_XLSX_MAX_SHARED_STRINGS_BYTES. A check
# or import that gave no sign of work for IMPORT_WORKER_TIMEOUT_SECONDS lost its worker.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
IMPORT_MAX_ROWS = env_int("GONGZHI_IMPORT_MAX_ROWS", 50000)
IMPORT_INLINE_MAX_BYTES = env_int("GONGZHI_IMPORT_INLINE_MAX_BYTES", 200 * 1024)
IMPORT_XLSX_MAX_UNCOMPRESSED_BYTES = env_int("GONGZHI_IMPORT_XLSX_MAX_UNCOMPRESSED_BYTES", 200 * 2**20)
IMPORT_XLSX_MAX_RATIO = env_int("GONGZHI_IMPORT_XLSX_MAX_RATIO", 100)
IMPORT_XLSX_MAX_PARTS = env_int("GONGZHI_IMPORT_XLSX_MAX_PARTS", 1000)
IMPORT_XLSX_MAX_SHARED_STRINGS_BYTES = env_int("GONGZHI_IMPORT_XLSX_MAX_SHARED_STRINGS_BYTES", 32 * 2**20)
IMPORT_WORKER_TIMEOUT_SECONDS = env_int("GONGZHI_IMPORT_WORKER_TIMEOUT_SECONDS", 300)

# Personal data (issue 14): per user and hour, exact look-ups by a full ID number or phone in the
# back office, and an organization's attempts to find a registered person in the portal (adding
# one by number and name, registering a number that is taken). Uploaded import files are
# encrypted, deleted when their job ends, and at the latest after this many hours by
# `manage.py purge_import_files` (run it from cron).
VOLUNTEER_EXACT_LOOKUPS_PER_HOUR = env_int("GONGZHI_EXACT_LOOKUPS_PER_HOUR", 20)
VOLUNTEER_ADD_EXISTING_PER_HOUR = env_int("GONGZHI_ADD_EXISTING_PER_HOUR", 20)
IMPORT_FILE_RETENTION_HOURS = env_int("GONGZHI_IMPORT_FILE_RETENTION_HOURS", 24)

# The data-sharing API for other government systems (issue 17, /api/v1/, apps/api). Clients and
# their tokens are made in the back office (apps/apiclients); every call is authenticated by a
# client's token, limited per client (API_RATE_LIMIT: requests per window of minutes, unless the
# client has its own per-minute figure) and audited. A write's Idempotency-Key keeps its reply for
# API_IDEMPOTENCY_HOURS.
API_TOKEN_MAX_DAYS = env_int("GONGZHI_API_TOKEN_MAX_DAYS", 365)
API_RATE_LIMIT = (env_int("GONGZHI_API_REQUESTS", 120), env_int("GONGZHI_API_WINDOW_MINUTES", 1))
API_IDEMPOTENCY_HOURS = env_int("GONGZHI_API_IDEMPOTENCY_HOURS", 24)
API_PAGE_SIZE = env_int("GONGZHI_API_PAGE_SIZE", 100)
API_MAX_PAGE_SIZE = env_int("GONGZHI_API_MAX_PAGE_SIZE", 500)
REST_FRAMEWORK = {
    # No session or basic authentication: a person's session never opens the API (apps/api/views/base.py).
    "DEFAULT_AUTHENTICATION_CLASSES": ["apps.api.authentication.ClientTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["apps.api.permissions.ClientMayCall"],
    "DEFAULT_THROTTLE_CLASSES": ["apps.api.throttling.ClientRateThrottle"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "apps.api.pagination.SyncCursorPagination",
    "DEFAULT_FILTER_BACKENDS": ["apps.api.filters.ScopedFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "apps.api.schema.ApiAutoSchema",
    "EXCEPTION_HANDLER": "apps.api.errors.exception_handler",
    "DATETIME_FORMAT": "iso-8601",
    "COERCE_DECIMAL_TO_STRING": True,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Gongzhi data-sharing API",
    "DESCRIPTION": "一次采集、多方利用: areas, organizations, volunteers (masked), teams, activities, service "
                   "records, contracts and the public disclosure, for other government systems. See the README.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "CreditListKindEnum": "apps.organizations.models.CreditListKind",
        "TargetKindEnum": "apps.procurement.models.TargetKind",
    },
}
