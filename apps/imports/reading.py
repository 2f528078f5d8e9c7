"""Rows of an uploaded XLSX or CSV file, parsed lazily: from a path, or from the decrypted
upload in memory (``apps.imports.files``; uploads are capped at 20 MB).

XLSX is read with openpyxl's read-only mode, after ``inspection`` has checked the archive's
declared sizes (nothing is inflated before that); CSV is decoded as UTF-8 (with or without BOM)
or, failing that, GB18030 (what Excel on a Chinese Windows saves), a chunk at a time. A CSV cell
may hold at most ``csv.field_size_limit()`` characters (131,072 unless changed), so a row can
only be as large as the 20 MB upload.
"""

import codecs
import contextlib
import csv
import io
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

from django.utils.translation import gettext as _

from .normalise import is_blank_row, text

XLSX_SUFFIXES = {".xlsx", ".xlsm"}
CSV_SUFFIXES = {".csv", ".txt"}


class FileFormatError(ValueError):
    """The file as a whole cannot be read (wrong format, no header row)."""


def _binary(source):
    """``source`` open for reading bytes: a path, or a file object (the decrypted upload), rewound."""
    if hasattr(source, "read"):
        source.seek(0)
        return contextlib.nullcontext(source)
    return open(source, "rb")


DECODE_CHUNK = 2**20


def _decodes_as(handle, encoding) -> bool:
    """Whether the whole file decodes, read in chunks (no second copy of it as one string)."""
    handle.seek(0)
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        while chunk := handle.read(DECODE_CHUNK):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def detect_encoding(source) -> str:
    with _binary(source) as handle:
        for encoding in ("utf-8-sig", "gb18030"):
            if _decodes_as(handle, encoding):
                return encoding
    raise FileFormatError(_("The CSV file is neither UTF-8 nor GB18030 text."))


def _csv_rows(source) -> Iterator[list]:
    encoding = detect_encoding(source)
    with _binary(source) as handle:
        handle.seek(0)
        text = io.TextIOWrapper(handle, encoding=encoding, newline="")
        reader = csv.reader(text)
        try:
            yield from reader
        except csv.Error as error:  # a cell beyond the field size limit, mostly a quote never closed
            raise FileFormatError(
                _("The CSV file cannot be read from line %(line)d on: a cell is longer than %(max)d characters "
                  "or a quotation mark is not closed.")
                % {"line": reader.line_num, "max": csv.field_size_limit()}) from error
        finally:
            text.detach()  # the caller's file object stays open


def _xlsx_rows(source) -> Iterator[list]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    from .inspection import xlsx_content_bytes  # (it raises this module's FileFormatError)

    with _binary(source) as handle:
        xlsx_content_bytes(handle)  # a zip bomb stops here, before openpyxl inflates anything
        handle.seek(0)
        try:
            workbook = load_workbook(handle, read_only=True, data_only=True)
        except (InvalidFileException, KeyError, OSError, ValueError) as error:
            raise FileFormatError(_("The file is not an Excel workbook (.xlsx).")) from error
        except Exception as error:  # zipfile.BadZipFile and friends from a renamed file
            raise FileFormatError(_("The file is not an Excel workbook (.xlsx).")) from error
        try:
            for row in workbook.worksheets[0].iter_rows(values_only=True):
                yield list(row)
        except (zipfile.BadZipFile, zlib.error, EOFError) as error:  # a damaged part, found while reading it
            raise FileFormatError(_("The file is not an Excel workbook (.xlsx).")) from error
        finally:
            workbook.close()


def raw_rows(source, filename) -> Iterator[list]:
    """Rows of ``source`` (a path or a binary file object), read as ``filename``'s suffix says."""
    suffix = Path(filename).suffix.lower()
    if suffix in XLSX_SUFFIXES:
        return _xlsx_rows(source)
    if suffix in CSV_SUFFIXES:
        return _csv_rows(source)
    raise FileFormatError(_("Upload an .xlsx or .csv file."))


def header_key(value) -> str:
    """Headers compare without spaces, full-width forms or a trailing required-mark."""
    return text(value).replace(" ", "").rstrip("*＊").strip()


def data_rows(source, filename, columns) -> Iterator[tuple[int, dict]]:
    """(spreadsheet row number, {column key: raw value}) for every non-blank data row.

    ``columns``: the importer's column specs; their ``header`` (Chinese) and ``aliases`` name
    the column. The first non-blank row is the header. Unknown columns are ignored; a missing
    required column is a file error.
    """
    rows = raw_rows(source, filename)
    by_header = {}
    for column in columns:
        for name in (column.header, *column.aliases):
            by_header[header_key(name)] = column.key
    positions = None
    for number, values in enumerate(rows, start=1):
        if is_blank_row(values):
            continue
        if positions is None:
            positions = {}
            for index, value in enumerate(values):
                key = by_header.get(header_key(value))
                if key and key not in positions:
                    positions[key] = index
            missing = [c.header for c in columns if c.required and c.key not in positions]
            if missing:
                raise FileFormatError(
                    _("The header row (row %(row)d) lacks the required column(s): %(columns)s. "
                      "Download the template to see the expected headers.")
                    % {"row": number, "columns": "、".join(missing)})
            continue
        yield number, {key: (values[index] if index < len(values) else None) for key, index in positions.items()}
    if positions is None:
        raise FileFormatError(_("The file is empty."))


def too_many_rows(limit) -> FileFormatError:
    return FileFormatError(_("The file has more than %(max)d rows; split it.") % {"max": limit})


def count_rows(source, filename, limit=None) -> int:
    """Non-blank rows after the header (a quick first pass for the progress bar); a file with
    more than ``limit`` of them is refused as soon as the count passes it."""
    total = -1
    for values in raw_rows(source, filename):
        if not is_blank_row(values):
            total += 1
            if limit is not None and total > limit:
                raise too_many_rows(limit)
    return max(total, 0)

