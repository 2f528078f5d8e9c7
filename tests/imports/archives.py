"""Workbooks that are real XLSX files with something wrong inside the archive: a part that
inflates to far more than the file (a zip bomb), too many parts, an archive within."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.imports.helpers import VOLUNTEER_HEADER, xlsx_upload

SHARED_STRINGS_TYPE = (b'<Override PartName="/xl/sharedStrings.xml" '
                       b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>')
SST_HEAD = (b'<?xml version="1.0" encoding="UTF-8"?>'
            b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')


def _parts_of_a_real_workbook():
    upload = xlsx_upload([VOLUNTEER_HEADER])
    with zipfile.ZipFile(io.BytesIO(upload.read())) as archive:
        return [(info, archive.read(info.filename)) for info in archive.infolist()]


def write_bomb(target, shared_strings_bytes, level=9, chunk=2**20):
    """A workbook whose shared strings hold one string of ``shared_strings_bytes`` bytes of one
    repeated character (deflate packs it about 1,000:1), written a chunk at a time: the whole
    string is never in memory. Listed in the content types, so openpyxl reads it."""
    text = ("共" * (chunk // 3)).encode()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        for info, data in _parts_of_a_real_workbook():
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", SHARED_STRINGS_TYPE + b"</Types>")
            archive.writestr(info.filename, data)
        with archive.open("xl/sharedStrings.xml", "w") as part:
            part.write(SST_HEAD + b"<si><t>")
            written = 0
            while written < shared_strings_bytes:
                part.write(text)
                written += len(text)
            part.write(b"</t></si></sst>")


def bomb_upload(shared_strings_bytes, name="bomb.xlsx"):
    buffer = io.BytesIO()
    write_bomb(buffer, shared_strings_bytes, level=6)
    return SimpleUploadedFile(name, buffer.getvalue())


def workbook_with(extra_parts, name="odd.xlsx"):
    """A real workbook plus ``extra_parts`` ({name: bytes})."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in _parts_of_a_real_workbook():
            archive.writestr(info.filename, data)
        for part_name, data in extra_parts.items():
            archive.writestr(part_name, data)
    return SimpleUploadedFile(name, buffer.getvalue())


def with_encrypted_flag(upload):
    """``upload`` with its first part marked encrypted in the central directory."""
    data = bytearray(upload.read())
    at = data.index(b"PK\x01\x02")
    data[at + 8] |= 0x1
    return SimpleUploadedFile(upload.name, bytes(data))
