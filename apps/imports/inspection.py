"""What an upload may hold, decided before anything parses it (issue 14.11).

An XLSX file is a zip archive whose parts openpyxl inflates while it reads; the shared strings
it keeps in memory whole (about six bytes of memory per byte of XML). Deflate packs up to about
1,000:1, so a 1 MB upload can hold a 1 GB part: a "zip bomb". The archive's central directory
declares each part's compressed and uncompressed size, and Python's ``zipfile`` (which openpyxl
reads through) never inflates a part beyond its declared size: it stops there and fails the CRC.
Checking the declared sizes therefore bounds what any later reading inflates, and costs only a
read of the directory:

- at most ``IMPORT_XLSX_MAX_PARTS`` parts, taken from the end record before ``zipfile`` builds an
  object per part;
- at most ``IMPORT_XLSX_MAX_UNCOMPRESSED_BYTES`` in all, and at most
  ``IMPORT_XLSX_MAX_SHARED_STRINGS_BYTES`` of shared strings;
- no part above ``RATIO_CHECKED_ABOVE`` compressed more than ``IMPORT_XLSX_MAX_RATIO``:1
  (spreadsheet XML compresses about 10:1; small parts may be anything, they stay small);
- stored or deflated parts only, none encrypted, none an archive itself.

The size of the content (XLSX: the parts uncompressed; CSV: the file) is what decides whether a
stage may run in the request (``services.runs_in_background``).
"""

import struct
import zipfile
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from .reading import CSV_SUFFIXES, XLSX_SUFFIXES, FileFormatError

RATIO_CHECKED_ABOVE = 4 * 2**20
SHARED_STRINGS = "xl/sharedStrings.xml"
_END_OF_DIRECTORY = b"PK\x05\x06"
_END_RECORD_SIZE = 22
_MAX_COMMENT = 0xFFFF
#: First bytes of archives and compressed streams: a part starting so is an archive inside the archive.
_ARCHIVE_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08", b"\x1f\x8b", b"BZh", b"\xfd7zXZ\x00",
                  b"7z\xbc\xaf\x27\x1c", b"Rar!")
_ENCRYPTED_FLAG = 0x1


def _too_large():
    return FileFormatError(_("The file is too large once uncompressed; it may be damaged or tampered with. "
                             "Save it again from Excel as .xlsx, or split it into smaller files."))


def _odd_structure():
    return FileFormatError(_("The workbook has too many parts, or holds an encrypted or embedded archive; it may "
                             "be damaged or tampered with. Save it again from Excel as a plain .xlsx file."))


def _not_a_workbook():
    return FileFormatError(_("The file is not an Excel workbook (.xlsx)."))


def _size(handle) -> int:
    handle.seek(0, 2)
    return handle.tell()


def _declared_parts(handle, size) -> int:
    """The number of parts the end-of-directory record announces (0xFFFF: a ZIP64 archive, at least that many)."""
    tail = min(size, _END_RECORD_SIZE + _MAX_COMMENT)
    handle.seek(size - tail)
    data = handle.read(tail)
    at = data.rfind(_END_OF_DIRECTORY)
    if at < 0 or len(data) - at < _END_RECORD_SIZE:
        raise _not_a_workbook()
    return struct.unpack_from("<H", data, at + 10)[0]


def _check_part(info) -> None:
    if info.flag_bits & _ENCRYPTED_FLAG or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise _odd_structure()
    if info.file_size > RATIO_CHECKED_ABOVE and info.file_size > settings.IMPORT_XLSX_MAX_RATIO * max(
            info.compress_size, 1):
        raise _too_large()
    if info.filename == SHARED_STRINGS and info.file_size > settings.IMPORT_XLSX_MAX_SHARED_STRINGS_BYTES:
        raise _too_large()


def xlsx_content_bytes(handle) -> int:
    """The uncompressed size of the workbook in ``handle`` (a binary file object), or
    ``FileFormatError`` when it is not a zip archive or may not be inflated."""
    size = _size(handle)
    if _declared_parts(handle, size) > settings.IMPORT_XLSX_MAX_PARTS:
        raise _odd_structure()
    handle.seek(0)
    try:
        archive = zipfile.ZipFile(handle)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise _not_a_workbook() from error
    with archive:
        parts = archive.infolist()
        if len(parts) > settings.IMPORT_XLSX_MAX_PARTS:  # the end record understated them
            raise _odd_structure()
        total = sum(info.file_size for info in parts)
        if total > settings.IMPORT_XLSX_MAX_UNCOMPRESSED_BYTES:
            raise _too_large()
        for info in parts:
            _check_part(info)
        # Only now, with every size known to be sane, are parts opened: their first bytes (a
        # few KB inflated at most) say whether one is an archive in its turn.
        for info in parts:
            try:
                with archive.open(info) as part:
                    head = part.read(8)
            except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as error:
                raise _not_a_workbook() from error
            if head.startswith(_ARCHIVE_MAGIC):
                raise _odd_structure()
    return total


def content_bytes(source, filename) -> int:
    """Inspect ``source`` (a binary file object: an upload, the decrypted stored file) as
    ``filename``'s suffix says; return the size of its content, refusing what may not be read."""
    suffix = Path(filename).suffix.lower()
    if suffix in XLSX_SUFFIXES:
        size = xlsx_content_bytes(source)
    elif suffix in CSV_SUFFIXES:
        size = _size(source)  # decoded lazily, a line at a time (reading.py): bounded by the upload cap
    else:
        raise FileFormatError(_("Upload an .xlsx or .csv file."))
    source.seek(0)
    return size
