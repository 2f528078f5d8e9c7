"""The encrypted outer layer of a backup archive (``*.gzbak``): a stream of AES-256-GCM chunks.

Fernet needs a whole token in memory and does not bind tokens to their order, so the archive
uses the STREAM construction instead: the plaintext (a gzip-compressed tar, see ``services``)
is cut into chunks of at most ``CHUNK_SIZE`` bytes, each sealed on its own. Memory stays at
about one chunk on both sides, whatever the size of the database.

Layout (integers big-endian)::

    header   8 bytes   MAGIC, b"GZBAK" 0 0 <format version 1>
            16 bytes   salt, random per archive
            16 bytes   key check: HMAC-SHA256(check key, MAGIC + salt), first 16 bytes
    chunk    4 bytes   ciphertext length, top bit set on the last chunk
             n bytes   AES-256-GCM(chunk key, nonce, plaintext, associated data = header)
    ...                nonce = chunk counter (8 bytes, from 0) + last-chunk flag (4 bytes, 0 or 1)

The chunk key and the check key come from HKDF-SHA256 over the backup key (a Fernet key from
``settings.BACKUP_KEYS``, 32 bytes of URL-safe base64) with the salt, so every archive has its
own keys and a nonce never repeats under one key. The counter in the nonce makes reordered or
dropped chunks fail authentication; the flag makes an archive cut at a chunk boundary fail
(no last chunk) and so does anything after the last chunk. The key check tells a wrong key
apart from a damaged archive (and commits the archive to one key, which GCM alone does not).
"""

import base64
import binascii
import hashlib
import hmac
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

MAGIC = b"GZBAK\x00\x00\x01"
CHUNK_SIZE = 1024 * 1024
_SALT_SIZE = 16
_CHECK_SIZE = 16
_TAG_SIZE = 16
_LAST = 0x8000_0000
_INFO = b"gongzhi backup archive v1"


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is meant for the operator."""


class WrongKey(BackupError):
    pass


class Damaged(BackupError):
    pass


def parse_key(key: str) -> bytes:
    try:
        raw = base64.urlsafe_b64decode(key.encode())
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) != 32:
        raise BackupError(
            "A backup key is not a Fernet key (32 bytes, URL-safe base64): generate one with "
            "`python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'`."
        )
    return raw


def _derive(raw_key: bytes, salt: bytes) -> tuple[AESGCM, bytes]:
    material = HKDF(algorithm=hashes.SHA256(), length=64, salt=salt, info=_INFO).derive(raw_key)
    return AESGCM(material[:32]), material[32:]


def _key_check(check_key: bytes, salt: bytes) -> bytes:
    return hmac.new(check_key, MAGIC + salt, hashlib.sha256).digest()[:_CHECK_SIZE]


def _nonce(counter: int, last: bool) -> bytes:
    return counter.to_bytes(8, "big") + (1 if last else 0).to_bytes(4, "big")


class EncryptedWriter:
    """A write-only file object that seals what it is given into ``fileobj``.

    ``close()`` writes the last chunk; an archive whose writer was not closed is unreadable.
    """

    def __init__(self, fileobj, key: str, *, chunk_size: int = CHUNK_SIZE):
        self._out = fileobj
        self._chunk_size = chunk_size
        salt = os.urandom(_SALT_SIZE)
        self._aead, check_key = _derive(parse_key(key), salt)
        self._header = MAGIC + salt + _key_check(check_key, salt)
        self._out.write(self._header)
        self._buffer = bytearray()
        self._counter = 0
        self.closed = False

    def write(self, data) -> int:
        self._buffer += data
        # Only a chunk with more data behind it can be sealed: the last one carries the flag.
        while len(self._buffer) > self._chunk_size:
            self._seal(bytes(self._buffer[: self._chunk_size]), last=False)
            del self._buffer[: self._chunk_size]
        return len(data)

    def close(self):
        if not self.closed:
            self._seal(bytes(self._buffer), last=True)
            self._buffer = bytearray()
            self.closed = True

    def _seal(self, plaintext: bytes, *, last: bool):
        sealed = self._aead.encrypt(_nonce(self._counter, last), plaintext, self._header)
        self._out.write((len(sealed) | (_LAST if last else 0)).to_bytes(4, "big"))
        self._out.write(sealed)
        self._counter += 1


class EncryptedReader:
    """A read-only file object giving back the plaintext of an archive, chunk by chunk.

    Every chunk is authenticated before any of its bytes are returned. The end of the
    plaintext is only trusted after ``verify_end()`` (or a ``read()`` returning ``b""``):
    a consumer such as tarfile may stop before the last chunk.
    """

    def __init__(self, fileobj, keys: list[str]):
        self._in = fileobj
        header = self._in.read(len(MAGIC) + _SALT_SIZE + _CHECK_SIZE)
        if header[: len(MAGIC) - 1] != MAGIC[:-1]:
            raise Damaged("This is not a Gongzhi backup archive (unknown header).")
        if header[: len(MAGIC)] != MAGIC:
            raise Damaged(f"Unsupported archive format version {header[len(MAGIC) - 1]}.")
        if len(header) < len(MAGIC) + _SALT_SIZE + _CHECK_SIZE:
            raise Damaged("The archive is truncated (incomplete header).")
        salt, check = header[len(MAGIC) : -_CHECK_SIZE], header[-_CHECK_SIZE:]
        if not keys:
            raise WrongKey("No backup key is configured (GONGZHI_BACKUP_KEYS).")
        for key in keys:
            aead, check_key = _derive(parse_key(key), salt)
            if hmac.compare_digest(_key_check(check_key, salt), check):
                self._aead = aead
                break
        else:
            raise WrongKey("The archive was encrypted with another backup key: none of GONGZHI_BACKUP_KEYS opens it.")
        self._header = header
        self._counter = 0
        self._plain = b""
        self._offset = 0
        self._ended = False

    def read(self, size: int = -1) -> bytes:
        while self._offset >= len(self._plain) and not self._ended:
            self._open_next()
        if size is None or size < 0:
            size = len(self._plain) - self._offset
        piece = self._plain[self._offset : self._offset + size]
        self._offset += len(piece)
        return piece

    def verify_end(self):
        while not self._ended:
            self._open_next()

    def _open_next(self):
        prefix = self._in.read(4)
        if len(prefix) < 4:
            raise Damaged("The archive is truncated: it ends before its last chunk.")
        value = int.from_bytes(prefix, "big")
        last, length = bool(value & _LAST), value & ~_LAST
        if not _TAG_SIZE <= length <= CHUNK_SIZE + _TAG_SIZE:
            raise Damaged(f"The archive is damaged: chunk {self._counter} has an impossible length.")
        sealed = self._in.read(length)
        if len(sealed) < length:
            raise Damaged("The archive is truncated: its last chunk is incomplete.")
        try:
            self._plain = self._aead.decrypt(_nonce(self._counter, last), sealed, self._header)
        except InvalidTag:
            raise Damaged(
                f"The archive is damaged or was tampered with: chunk {self._counter} fails authentication."
            ) from None
        self._offset = 0
        self._counter += 1
        if last:
            self._ended = True
            if self._in.read(1):
                raise Damaged("The archive is damaged: there is data after its last chunk.")
