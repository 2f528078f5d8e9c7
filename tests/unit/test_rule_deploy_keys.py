"""Rule (issue 14.7): `manage.py check --deploy` refuses keys that would not protect personal data: a
data key that is not a Fernet key, a key used for two purposes, a hash key shorter than 32 bytes."""

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings

from tests.unit.test_settings import PRODUCTION_ENV, _manage

DATA_KEY = Fernet.generate_key().decode()
GOOD = {"SECRET_KEY": "s" * 50, "DATA_ENCRYPTION_KEYS": [DATA_KEY], "DATA_HASH_KEY": "h" * 32}


def _deploy_check_ids():
    from apps.core.checks import data_keys_check

    return sorted(message.id for message in data_keys_check(None))


def test_independent_strong_keys_pass():
    with override_settings(**GOOD):
        assert _deploy_check_ids() == []


@pytest.mark.parametrize(("overrides", "expected"), [
    ({"DATA_ENCRYPTION_KEYS": ["not-a-fernet-key"]}, "gongzhi.E002"),
    ({"DATA_ENCRYPTION_KEYS": [DATA_KEY, "ZGV2"]}, "gongzhi.E002"),  # a rotation key must be valid too
    ({"DATA_ENCRYPTION_KEYS": []}, "gongzhi.E001"),
    ({"DATA_HASH_KEY": "h" * 31}, "gongzhi.E003"),
    ({"DATA_HASH_KEY": "长" * 10}, "gongzhi.E003"),  # 30 bytes in UTF-8: bytes count, not characters
    ({"DATA_HASH_KEY": DATA_KEY}, "gongzhi.E004"),
    ({"SECRET_KEY": DATA_KEY}, "gongzhi.E004"),
    ({"SECRET_KEY": "h" * 32}, "gongzhi.E004"),  # the hash key is the secret key
], ids=["bad-fernet", "bad-rotation-key", "no-data-key", "short-hash-key", "short-in-bytes", "hash-is-data",
        "secret-is-data", "secret-is-hash"])
def test_weak_or_shared_keys_fail(overrides, expected):
    with override_settings(**{**GOOD, **overrides}):
        assert expected in _deploy_check_ids()


def test_messages_never_print_the_keys():
    with override_settings(**{**GOOD, "DATA_ENCRYPTION_KEYS": ["not-a-fernet-key"], "DATA_HASH_KEY": DATA_KEY}):
        from apps.core.checks import data_keys_check

        text = " ".join(f"{m.msg} {m.hint}" for m in data_keys_check(None))
    assert "not-a-fernet-key" not in text and DATA_KEY not in text


def test_the_check_runs_with_deploy_only():
    bad = {**GOOD, "DATA_HASH_KEY": "short"}
    with override_settings(**bad):
        call_command("check", "--tag", "security")  # development keeps its short, fake keys
        with pytest.raises(SystemCheckError, match="gongzhi.E003"):
            call_command("check", "--deploy", "--tag", "security")


def test_check_deploy_fails_in_production_mode_with_a_short_hash_key(tmp_path):
    env = {**PRODUCTION_ENV, "GONGZHI_VAR_DIR": str(tmp_path), "GONGZHI_HASH_KEY": "too-short"}
    result = _manage(["check", "--deploy"], env)
    assert result.returncode != 0
    assert "gongzhi.E003" in result.stderr
