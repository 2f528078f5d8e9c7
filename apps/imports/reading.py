"""Rows of an uploaded XLSX or CSV file, parsed lazily: from a path, or from the decrypted
upload in memory (``apps.imports.files``; uploads are capped at 20 MB).

XLSX is read with openpyxl's read-only mode; CSV is decoded as UTF-8 (with or without BOM)
or, failing that, GB18030 (what Excel on a Chinese Windows saves).
"""

import codecs
import contextlib
import csv
import io
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


def detect_encoding(source) -> str:
    with _binary(source) as handle:
        sample = handle.read()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            codecs.decode(sample, encoding)
        except UnicodeDecodeError:
            continue
        return encoding
    raise FileFormatError(_("The CSV file is neither UTF-8 nor GB18030 text."))


def _csv_rows(source) -> Iterator[list]:
    encoding = detect_encoding(source)
    with _binary(source) as handle:
        text = io.TextIOWrapper(handle, encoding=encoding, newline="")
        try:
            yield from csv.reader(text)
        finally:
            text.detach()  # the caller's file object stays open


def _xlsx_rows(source) -> Iterator[list]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    if hasattr(source, "seek"):
        source.seek(0)
    try:
        workbook = load_workbook(source, read_only=True, data_only=True)
    except (InvalidFileException, KeyError, OSError, ValueError) as error:
        raise FileFormatError(_("The file is not an Excel workbook (.xlsx).")) from error
    except Exception as error:  # zipfile.BadZipFile and friends from a renamed file
        raise FileFormatError(_("The file is not an Excel workbook (.xlsx).")) from error
    try:
        for row in workbook.worksheets[0].iter_rows(values_only=True):
            yield list(row)
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


def count_rows(source, filename) -> int:
    """Non-blank rows after the header (a quick first pass for the progress bar)."""
    total = -1
    for values in raw_rows(source, filename):
        if not is_blank_row(values):
            total += 1
    return max(total, 0)

