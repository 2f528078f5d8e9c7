import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_list, env_str

ROOT = Path(__file__).resolve().parents[2]


def test_env_helpers_parse_good_values(monkeypatch):
    monkeypatch.setenv("GZ_B", "yes")
    monkeypatch.setenv("GZ_I", "42")
    monkeypatch.setenv("GZ_L", "a, b,,c")
    assert env_bool("GZ_B") is True
    assert env_int("GZ_I") == 42
    assert env_list("GZ_L") == ["a", "b", "c"]
    assert env_str("GZ_MISSING", "fallback") == "fallback"


@pytest.mark.parametrize(("reader", "value"), [(env_bool, "maybe"), (env_int, "forty")])
def test_env_helpers_fail_loudly_on_bad_values(monkeypatch, reader, value):
    monkeypatch.setenv("GZ_BAD", value)
    with pytest.raises(ImproperlyConfigured, match="GZ_BAD"):
        reader("GZ_BAD", None)


def test_required_variable_missing_fails(monkeypatch):
    monkeypatch.delenv("GZ_REQUIRED", raising=False)
    with pytest.raises(ImproperlyConfigured, match="GZ_REQUIRED"):
        env_str("GZ_REQUIRED")


def _manage(args, env_overrides):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "GONGZHI_", "DATABASE_URL"))}
    env.update(env_overrides)
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)


PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.prod",
    "DJANGO_SECRET_KEY": "x" * 20 + "a-long-random-production-secret-key-0123456789",
    "GONGZHI_DATA_KEYS": Fernet.generate_key().decode(),
    "GONGZHI_HASH_KEY": "another-independent-secret-at-least-32-bytes",
    "DJANGO_ALLOWED_HOSTS": "gongzhi.example.gov.cn",
}


def test_check_deploy_is_clean_in_production_mode(tmp_path):
    result = _manage(["check", "--deploy", "--fail-level", "WARNING"], {**PRODUCTION_ENV, "GONGZHI_VAR_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_mode_refuses_to_start_without_the_data_key(tmp_path):
    env = {**PRODUCTION_ENV, "GONGZHI_VAR_DIR": str(tmp_path)}
    del env["GONGZHI_DATA_KEYS"]
    result = _manage(["check"], env)
    assert result.returncode != 0
    assert "GONGZHI_DATA_KEYS" in result.stderr


def test_production_settings_are_secure():
    from django.conf import settings

    assert settings.LANGUAGE_CODE == "zh-hans"
    assert settings.TIME_ZONE == "Asia/Shanghai"
    assert settings.DATA_ENCRYPTION_KEYS and settings.DATA_ENCRYPTION_KEYS[0] != settings.SECRET_KEY
    assert "django.middleware.csp.ContentSecurityPolicyMiddleware" in settings.MIDDLEWARE
    assert "django.contrib.auth.middleware.LoginRequiredMiddleware" in settings.MIDDLEWARE
