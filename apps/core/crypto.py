"""Encryption at rest and keyed hashing of personal data (ID numbers, phones).

Keys come from ``settings.DATA_ENCRYPTION_KEYS`` (Fernet keys; the first encrypts, all
decrypt, so keys can be rotated) and ``settings.DATA_HASH_KEY`` (HMAC key), never from
``SECRET_KEY``. Fernet tokens differ on every write, so encrypted columns cannot be searched:
uniqueness and exact look-up use the keyed hash stored next to them.
"""

import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils.text import capfirst


@lru_cache(maxsize=4)
def _fernet(keys: tuple) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured("DATA_ENCRYPTION_KEYS is empty: personal data cannot be encrypted.")
    return MultiFernet([Fernet(key) for key in keys])


def encrypt(value: str) -> str:
    return _fernet(tuple(settings.DATA_ENCRYPTION_KEYS)).encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return _fernet(tuple(settings.DATA_ENCRYPTION_KEYS)).decrypt(token.encode()).decode()
    except InvalidToken as error:
        raise ImproperlyConfigured("Cannot decrypt personal data: no configured key matches.") from error


def encrypt_bytes(data: bytes) -> bytes:
    """A whole file as one Fernet token (uploads are capped at 20 MB, so it fits in memory)."""
    return _fernet(tuple(settings.DATA_ENCRYPTION_KEYS)).encrypt(data)


def decrypt_bytes(token: bytes) -> bytes:
    try:
        return _fernet(tuple(settings.DATA_ENCRYPTION_KEYS)).decrypt(token)
    except InvalidToken as error:
        raise ImproperlyConfigured("Cannot decrypt a stored file: no configured key matches.") from error


def is_token(value: str) -> bool:
    """Whether ``value`` already is a Fernet token (version byte 0x80, base64 ``gAAAAA``): lets
    a data migration encrypt the clear values of a column once, and only once."""
    return value.startswith("gAAAAA")


def keyed_hash(value: str) -> str:
    """HMAC-SHA256 of the normalised value: equal inputs give equal hashes, without the key
    the hash cannot be reversed by trying all 10^17 ID numbers."""
    if not settings.DATA_HASH_KEY:
        raise ImproperlyConfigured("DATA_HASH_KEY is not set.")
    normalised = value.strip().upper()
    return hmac.new(settings.DATA_HASH_KEY.encode(), normalised.encode(), hashlib.sha256).hexdigest()


class EncryptedCharField(models.TextField):
    """A text value stored as a Fernet token; Python code sees the clear value.

    Cannot be filtered or ordered on (pair it with a keyed-hash column for look-ups).
    """

    description = "Encrypted text"

    def __init__(self, *args, max_length=None, **kwargs):
        self.clear_max_length = max_length  # validated on the clear value by the form
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.clear_max_length is not None:
            kwargs["max_length"] = self.clear_max_length
        return name, path, args, kwargs

    def from_db_value(self, value, expression, connection):
        if value in (None, ""):
            return value
        return decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value in (None, ""):
            return value
        return encrypt(str(value))

    def formfield(self, **kwargs):
        from django import forms

        # The field's own label and help text, as Django's fields give them: without them a form
        # would label the field from its name, in English whatever the language ("Contact phone").
        defaults = {"label": capfirst(self.verbose_name), "help_text": self.help_text}
        return forms.CharField(max_length=self.clear_max_length, required=not self.blank, **defaults | {
            k: v for k, v in kwargs.items() if k in {"label", "help_text", "initial"}
        })


def defer_encrypted(queryset):
    """``queryset`` without its encrypted columns: for dropdowns and other listings that show
    only names, so loading 500 organizations does not decrypt 500 phone numbers."""
    names = [f.name for f in queryset.model._meta.concrete_fields if isinstance(f, EncryptedCharField)]
    return queryset.defer(*names) if names else queryset
