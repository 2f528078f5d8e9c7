"""The encrypted chunk stream on its own: round trip, and every way of damaging it is caught."""

import io
import os

import pytest
from cryptography.fernet import Fernet

from apps.core.backup.archive import MAGIC, BackupError, Damaged, EncryptedReader, EncryptedWriter, WrongKey

KEY = Fernet.generate_key().decode()
OTHER_KEY = Fernet.generate_key().decode()
CHUNK = 64
HEADER = len(MAGIC) + 16 + 16


def seal(data: bytes, key=KEY) -> bytes:
    out = io.BytesIO()
    writer = EncryptedWriter(out, key, chunk_size=CHUNK)
    for start in range(0, len(data), 10):  # many small writes, as tarfile does
        writer.write(data[start : start + 10])
    writer.close()
    return out.getvalue()


def open_all(sealed: bytes, keys=(KEY,)) -> bytes:
    reader = EncryptedReader(io.BytesIO(sealed), list(keys))
    data = b"".join(iter(lambda: reader.read(7), b""))
    reader.verify_end()
    return data


def chunks(sealed: bytes) -> list[bytes]:
    """The records after the header, each with its length prefix."""
    records, offset = [], HEADER
    while offset < len(sealed):
        length = int.from_bytes(sealed[offset : offset + 4], "big") & 0x7FFF_FFFF
        records.append(sealed[offset : offset + 4 + length])
        offset += 4 + length
    return records


@pytest.mark.parametrize("size", [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 5])
def test_round_trip_across_chunk_boundaries(size):
    data = (b"plain text " * size)[:size]
    sealed = seal(data)
    assert open_all(sealed) == data
    assert size < 5 or b"plain" not in sealed
    assert len(chunks(sealed)) == max(1, -(-size // CHUNK))  # no empty chunk except for empty data


def test_every_archive_has_its_own_salt():
    assert seal(b"same") != seal(b"same")


def test_old_keys_still_open_archives():
    assert open_all(seal(b"data", key=KEY), keys=(OTHER_KEY, KEY)) == b"data"


def test_wrong_key_is_told_apart_from_damage():
    with pytest.raises(WrongKey, match="another backup key"):
        open_all(seal(b"data"), keys=(OTHER_KEY,))
    with pytest.raises(WrongKey, match="No backup key"):
        open_all(seal(b"data"), keys=())


def test_a_key_that_is_not_a_fernet_key_is_refused():
    with pytest.raises(BackupError, match="not a Fernet key"):
        EncryptedWriter(io.BytesIO(), "too-short")


def _flip(sealed: bytes, position: int) -> bytes:
    damaged = bytearray(sealed)
    damaged[position] ^= 0x01
    return bytes(damaged)


@pytest.mark.parametrize(("position", "error", "message"), [
    (0, Damaged, "not a Gongzhi backup"),
    (len(MAGIC) - 1, Damaged, "Unsupported archive format"),
    (len(MAGIC) + 3, WrongKey, "another backup key"),  # salt: the key check no longer matches
    (HEADER - 1, WrongKey, "another backup key"),  # key check
    (HEADER + 3, Damaged, "impossible length|fails authentication|truncated"),  # length of chunk 0
    (HEADER + 10, Damaged, "chunk 0 fails authentication"),  # ciphertext of chunk 0
    (-1, Damaged, "fails authentication"),  # tag of the last chunk
])
def test_any_flipped_bit_is_refused(position, error, message):
    sealed = seal(os.urandom(3 * CHUNK))
    with pytest.raises(error, match=message):
        open_all(_flip(sealed, position))


def test_reordered_chunks_are_refused():
    sealed = seal(os.urandom(3 * CHUNK))
    first, second, *rest = chunks(sealed)
    with pytest.raises(Damaged, match="chunk 0 fails authentication"):
        open_all(sealed[:HEADER] + second + first + b"".join(rest))


def test_a_dropped_middle_chunk_is_refused():
    sealed = seal(os.urandom(3 * CHUNK))
    first, _second, *rest = chunks(sealed)
    with pytest.raises(Damaged, match="chunk 1 fails authentication"):
        open_all(sealed[:HEADER] + first + b"".join(rest))


def test_truncation_at_a_chunk_boundary_is_refused():
    sealed = seal(os.urandom(3 * CHUNK))
    without_last = sealed[:HEADER] + b"".join(chunks(sealed)[:-1])
    with pytest.raises(Damaged, match="ends before its last chunk"):
        open_all(without_last)


@pytest.mark.parametrize("cut", [1, 5, 100])
def test_truncation_inside_a_chunk_or_header_is_refused(cut):
    sealed = seal(os.urandom(3 * CHUNK))
    with pytest.raises(Damaged, match="truncated"):
        open_all(sealed[: len(sealed) - cut] if cut != 100 else sealed[:20])


def test_data_after_the_last_chunk_is_refused():
    with pytest.raises(Damaged, match="data after its last chunk"):
        open_all(seal(b"data") + b"\x00")


def test_a_chunk_moved_from_another_archive_is_refused():
    # Same key, other salt: the header is the associated data of every chunk.
    mine, theirs = seal(os.urandom(2 * CHUNK)), seal(os.urandom(2 * CHUNK))
    with pytest.raises(Damaged, match="chunk 0 fails authentication"):
        open_all(mine[:HEADER] + chunks(theirs)[0] + chunks(mine)[1])
