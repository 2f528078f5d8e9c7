"""Template workbooks: the header row (Chinese), and a sheet explaining each column."""

import io

from django.utils.translation import gettext as _


def template_workbook(importer) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "导入"
    sheet.append([column.header + ("*" if column.required else "") for column in importer.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, column in enumerate(importer.columns, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = max(12, len(column.header) * 2 + 4)
    notes = workbook.create_sheet("说明")
    notes.append([_("Column"), _("Required"), _("Expected"), _("Example")])
    for column in importer.columns:
        notes.append([column.header, _("yes") if column.required else "", str(column.expected), column.example])
    notes.append([])
    notes.append([_("Columns marked * are required. Delete nothing else; extra columns are ignored. "
                    "Every file is checked first and imported only when it has no errors.")])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
