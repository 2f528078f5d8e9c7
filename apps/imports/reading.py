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
import re
import unicodedata
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


#: Real 花名册 files put a merged title row, and sometimes a notes row, above the header: the header
#: is the first of the first ``HEADER_SEARCH_ROWS`` non-blank rows that names at least
#: ``HEADER_MIN_COLUMNS`` of the importer's columns (a title or a note fills one cell, which names
#: none of them).
HEADER_SEARCH_ROWS = 10
HEADER_MIN_COLUMNS = 2
_WHITESPACE = re.compile(r"\s+")


def header_key(value) -> str:
    """Headers compare after NFKC (full-width letters, digits, brackets and asterisks become
    half-width), without any whitespace (line breaks inside a cell too) and without required-marks
    (*) at either end: ``＊证件 号码``, ``证件号码*`` and ``服务时长（小时）`` / ``服务时长(小时)`` match."""
    return _WHITESPACE.sub("", unicodedata.normalize("NFKC", text(value))).strip("*").lower()


def header_lookup(columns) -> dict:
    """{header key: column key} of every name (header and aliases) of ``columns``."""
    lookup = {}
    for column in columns:
        for name in (column.header, *column.aliases):
            lookup.setdefault(header_key(name), column.key)
    return lookup


def header_positions(values, lookup) -> dict:
    """{column key: cell index} of the cells of ``values`` that name a column (the first one wins)."""
    positions = {}
    for index, value in enumerate(values):
        key = lookup.get(header_key(value))
        if key and key not in positions:
            positions[key] = index
    return positions


def _after_header(source, filename, columns) -> tuple[dict, Iterator[tuple[int, list]]]:
    """The header's positions, and the (spreadsheet row number, cells) of the non-blank rows after it.

    Row numbers are the spreadsheet's own (1-based, blank rows counted), so errors name the row a
    clerk sees in Excel whatever stands above the header."""
    lookup = header_lookup(columns)
    rows = ((number, values) for number, values in enumerate(raw_rows(source, filename), start=1)
            if not is_blank_row(values))
    looked_at = 0
    for number, values in rows:
        looked_at += 1
        positions = header_positions(values, lookup)
        if len(positions) >= min(HEADER_MIN_COLUMNS, len(columns)):
            missing = [c.header for c in columns if c.required and c.key not in positions]
            if missing:
                raise FileFormatError(
                    _("The header row (row %(row)d) lacks the required column(s): %(columns)s. "
                      "Download the template to see the expected headers.")
                    % {"row": number, "columns": "、".join(missing)})
            return positions, rows
        if looked_at >= HEADER_SEARCH_ROWS:
            break
    if not looked_at:
        raise FileFormatError(_("The file is empty."))
    raise FileFormatError(
        _("No header row found: none of the first %(count)d rows names at least two of the template's columns "
          "(%(columns)s). Download the template to see the expected headers.")
        % {"count": min(looked_at, HEADER_SEARCH_ROWS), "columns": "、".join(c.header for c in columns)})


def data_rows(source, filename, columns) -> Iterator[tuple[int, dict]]:
    """(spreadsheet row number, {column key: raw value}) for every non-blank data row.

    ``columns``: the importer's column specs; their ``header`` (Chinese) and ``aliases`` name
    the column. The header row is found among the first rows (``HEADER_SEARCH_ROWS``): rows above
    it (a title, notes) are skipped. Unknown columns are ignored; a missing required column is a
    file error.
    """
    positions, rows = _after_header(source, filename, columns)
    for number, values in rows:
        yield number, {key: (values[index] if index < len(values) else None) for key, index in positions.items()}


def too_many_rows(limit) -> FileFormatError:
    return FileFormatError(_("The file has more than %(max)d rows; split it.") % {"max": limit})


def count_rows(source, filename, columns, limit=None) -> int:
    """Non-blank rows after the header (a quick first pass for the progress bar); a file with
    more than ``limit`` of them is refused as soon as the count passes it."""
    _positions, rows = _after_header(source, filename, columns)
    total = 0
    for _row in rows:
        total += 1
        if limit is not None and total > limit:
            raise too_many_rows(limit)
    return total

