"""API tokens: ``gz_<prefix>_<secret>``, random, shown once. The prefix (10 hex digits) names the
token in lists and audit entries; the whole token is stored only as a keyed hash, looked up by
that hash (an index), so a leaked database or backup cannot be used to call the API."""

import secrets

from apps.core.crypto import keyed_hash

PREFIX = "gz_"


def new_token() -> tuple[str, str]:
    """(token, prefix) of a fresh token: 40 random bytes of secret (hex)."""
    prefix = secrets.token_hex(5)
    return f"{PREFIX}{prefix}_{secrets.token_hex(20)}", prefix


def token_hash(token: str) -> str:
    return keyed_hash(f"api-token|{token}")


def looks_like_token(value: str) -> bool:
    """Cheap shape check before hashing: a header with anything else is not one of ours."""
    return value.startswith(PREFIX) and len(value) == len(PREFIX) + 10 + 1 + 40
