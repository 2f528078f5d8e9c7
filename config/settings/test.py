"""Test runs: fast hashing, in-memory mail, static files without a manifest."""

from .dev import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
STORAGES = {
    **STORAGES,  # noqa: F405
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": VAR_DIR / "test-media", "base_url": None},  # noqa: F405
    },
}
# Every test Client builds its own middleware chain; without autorefresh WhiteNoise lists every
# static file through the finders at each build (~40 ms, most of an access-matrix request).
# With it, a static file is looked up when it is asked for, which is all tests need.
WHITENOISE_AUTOREFRESH = True
# The production font (Noto CJK, 20 MB) costs 1–3 s per PDF; tests print with a subset of it
# (tests/fonts/make_test_font.py). tests/activities/test_views.py keeps one certificate on the
# production setting.
CERTIFICATE_FONT_PATH = str(BASE_DIR / "tests" / "fonts" / "test-cjk.ttf")  # noqa: F405
CERTIFICATE_FONT_INDEX = 0
