"""Template workbooks (issue 16.4): what a clerk fills in, and how.

- 导入 (first sheet, the one the importer reads): the Chinese header row, required columns marked
  with *, dropdowns (data validation) of the Chinese labels the importer accepts for every coded
  column, and number and ID columns formatted as text so that Excel keeps all 18 digits.
- 说明: one row per column: required or optional, the format expected, the accepted values of a
  coded column, and an example.
- 示例: the header and one example row, each value taken from the columns' examples, which pass the
  importer's own checks (the example ID number has its own check character); a place column takes
  the name of a place the uploader may name. It is a sheet of its own, so an example is never
  imported by mistake.
- 选项 (hidden): the lists the dropdowns point to (a list typed into the validation itself may hold
  at most 255 characters).
"""

import io

from django.utils import translation
from django.utils.translation import gettext as _

IMPORT_SHEET = "导入"
NOTES_SHEET = "说明"
EXAMPLE_SHEET = "示例"
OPTIONS_SHEET = "选项"
#: Rows of the import sheet that get dropdowns (a roster is rarely longer).
FORMATTED_ROWS = 5000
#: Columns whose values Excel would turn into numbers (18-digit IDs lose their last digits).
TEXT_COLUMNS = {"id_number", "volunteer_number", "phone", "contact_phone", "credit_code", "filing_number"}
#: Columns that name a place: their example is a place the uploader may name.
PLACE_COLUMNS = {"community", "area"}


def choice_labels(choices) -> list[str]:
    """The Chinese labels of ``choices``: what the dropdown offers (the importer accepts them, the
    English labels and the stored values)."""
    with translation.override("zh-hans"):
        return [str(label) for label in choices.labels]


def example_row(importer, place_name="") -> list[str]:
    """The example value of every column, in order (a place column: ``place_name``)."""
    return [place_name if column.key in PLACE_COLUMNS and place_name else column.example
            for column in importer.columns]


def template_workbook(importer, *, place_name="") -> bytes:
    """The template of ``importer``'s file as XLSX bytes. ``place_name``: a community the uploader
    may name (the example row's place)."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = IMPORT_SHEET
    _header(sheet, importer.columns)
    _text_columns(sheet, importer.columns)
    if any(column.choices is not None for column in importer.columns):
        options = workbook.create_sheet(OPTIONS_SHEET)
        _dropdowns(sheet, options, importer.columns)
        options.sheet_state = "hidden"
    _notes(workbook.create_sheet(NOTES_SHEET, index=1), importer.columns)
    examples = workbook.create_sheet(EXAMPLE_SHEET, index=2)
    _header(examples, importer.columns)
    _text_columns(examples, importer.columns)
    for index, value in enumerate(example_row(importer, place_name), start=1):
        cell = examples.cell(row=2, column=index, value=value or None)
        if importer.columns[index - 1].key in TEXT_COLUMNS:
            cell.number_format = "@"
    workbook.active = 0
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _header(sheet, columns):
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet.append([column.header + ("*" if column.required else "") for column in columns])
    for index, column in enumerate(columns, start=1):
        sheet.cell(row=1, column=index).font = Font(bold=True, color="C00000" if column.required else None)
        sheet.column_dimensions[get_column_letter(index)].width = max(12, len(column.header) * 2 + 4,
                                                                     len(column.example) + 4)
    sheet.freeze_panes = "A2"


def _text_columns(sheet, columns):
    """ID, phone and code columns formatted as text (``@``): the column's own style, which Excel gives
    every cell typed into it (styling thousands of empty cells would make the file large enough to
    be parsed only in the background)."""
    from openpyxl.utils import get_column_letter

    for index, column in enumerate(columns, start=1):
        if column.key in TEXT_COLUMNS:
            sheet.column_dimensions[get_column_letter(index)].number_format = "@"


def _dropdowns(sheet, options, columns):
    from openpyxl.utils import get_column_letter, quote_sheetname
    from openpyxl.worksheet.datavalidation import DataValidation

    coded = [(index, column) for index, column in enumerate(columns, start=1) if column.choices is not None]
    for position, (index, column) in enumerate(coded, start=1):
        labels = choice_labels(column.choices)
        letter = get_column_letter(position)
        options.cell(row=1, column=position, value=column.header)
        for row, label in enumerate(labels, start=2):
            options.cell(row=row, column=position, value=label)
        source = f"{quote_sheetname(OPTIONS_SHEET)}!${letter}$2:${letter}${len(labels) + 1}"
        validation = DataValidation(type="list", formula1=source, allow_blank=True, showDropDown=False,
                                    showErrorMessage=True, errorTitle=column.header,
                                    error=_("Choose one of the values in the list."))
        target = get_column_letter(index)
        validation.add(f"{target}2:{target}{FORMATTED_ROWS}")
        sheet.add_data_validation(validation)


def _notes(notes, columns):
    from openpyxl.styles import Alignment, Font

    notes.append([_("Column"), _("Required or optional"), _("Format"), _("Accepted values"), _("Example")])
    for cell in notes[1]:
        cell.font = Font(bold=True)
    for column in columns:
        accepted = "、".join(choice_labels(column.choices)) if column.choices is not None else ""
        notes.append([column.header, _("required") if column.required else _("optional"), str(column.expected),
                      accepted, column.example])
    notes.append([])
    notes.append([_("Fill in the sheet “%(sheet)s”: the first row holds the column headers; a title or notes "
                    "above them are fine (the header is looked for in the first 10 rows). Columns marked * are "
                    "required; extra columns are ignored. The sheet “%(example)s” shows a filled-in row. Every "
                    "file is checked first and imported only when it has no errors.")
                  % {"sheet": IMPORT_SHEET, "example": EXAMPLE_SHEET}])
    for letter, width in zip("ABCDE", (18, 10, 48, 40, 24), strict=True):
        notes.column_dimensions[letter].width = width
    for row in notes.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
