"""Deploy checks of the keys that protect personal data (``manage.py check --deploy``).

Django's own deploy checks look at ``SECRET_KEY`` only. A data key that is not a Fernet key
would fail at the first encryption, long after start-up. One value used for two purposes turns
one leak into two: ``SECRET_KEY`` signs cookies and password-reset links, the data keys decrypt
ID and phone numbers, the hash key lets anyone recompute the look-up hashes (an 11-digit phone
number has few enough candidates that the key is all that protects its hash, which is also why
it must be long). The messages name the setting, never its value: check output lands in logs.
"""

from cryptography.fernet import Fernet
from django.conf import settings
from django.core.checks import Error, Tags, register

#: HMAC-SHA256 takes 32 bytes of key material; fewer make the hash key the weak part.
MIN_HASH_KEY_BYTES = 32


@register(Tags.security, deploy=True)
def data_keys_check(app_configs, **kwargs):
    data_keys = list(settings.DATA_ENCRYPTION_KEYS or [])
    hash_key = settings.DATA_HASH_KEY or ""
    errors = []
    if not data_keys:
        errors.append(Error("DATA_ENCRYPTION_KEYS is empty: personal data cannot be encrypted.",
                            hint="Set GONGZHI_DATA_KEYS to a key made by Fernet.generate_key().", id="gongzhi.E001"))
    for position, key in enumerate(data_keys, start=1):
        try:
            Fernet(key)
        except (TypeError, ValueError):
            errors.append(Error(f"Data key number {position} of GONGZHI_DATA_KEYS is not a valid Fernet key.",
                                hint="A Fernet key is 32 random bytes in URL-safe base64, made by "
                                     "Fernet.generate_key().", id="gongzhi.E002"))
    if len(hash_key.encode()) < MIN_HASH_KEY_BYTES:
        errors.append(Error(f"DATA_HASH_KEY is shorter than {MIN_HASH_KEY_BYTES} bytes.",
                            hint="Set GONGZHI_HASH_KEY to a long random value (e.g. secrets.token_urlsafe(48)).",
                            id="gongzhi.E003"))
    roles = [("SECRET_KEY", settings.SECRET_KEY or ""), ("DATA_HASH_KEY", hash_key)]
    roles += [("DATA_ENCRYPTION_KEYS", key) for key in data_keys]
    shared = sorted({f"{a} and {b}" for i, (a, key_a) in enumerate(roles) for b, key_b in roles[i + 1:]
                     if a != b and key_a and key_a == key_b})
    if shared:
        errors.append(Error(f"The same value is used as {', '.join(shared)}.",
                            hint="The secret key, the data keys and the hash key must all be different.",
                            id="gongzhi.E004"))
    return errors
