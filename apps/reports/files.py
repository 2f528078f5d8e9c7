"""The street report as files: XLSX (openpyxl) and PDF (fpdf2 with the certificates' CJK font)."""

import io
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.fonts import FontFace
from openpyxl import Workbook
from openpyxl.styles import Font

from apps.core.export import escape_formula

from .street_report import StreetReport


def _cell(value):
    if isinstance(value, Decimal):
        return float(value)
    return escape_formula(value if isinstance(value, int | float) else str(value))


def report_xlsx(report: StreetReport) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Street report")[:31]
    bold = Font(bold=True)
    sheet.append([_cell(report.title)])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([_("Period"), f"{report.period.start:%Y-%m-%d} – {report.period.end:%Y-%m-%d}"])
    sheet.append([_("Made on"), date_format(report.generated_on, "Y-m-d")])
    for section in report.sections:
        sheet.append([])
        sheet.append([_cell(section.title)])
        sheet.cell(row=sheet.max_row, column=1).font = bold
        sheet.append([_cell(header) for header in section.headers])
        for column in range(1, len(section.headers) + 1):
            sheet.cell(row=sheet.max_row, column=column).font = bold
        for row in section.rows:
            sheet.append([_cell(value) for value in row])
        if section.note:
            sheet.append([_cell(section.note)])
    for column, width in zip("ABCDE", (44, 30, 30, 16, 12), strict=True):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _font(pdf):
    try:
        pdf.add_font("cjk", fname=settings.CERTIFICATE_FONT_PATH, collection_font_number=settings.CERTIFICATE_FONT_INDEX)
    except FileNotFoundError as error:
        raise ImproperlyConfigured(
            f"Report font {settings.CERTIFICATE_FONT_PATH} is missing: install Debian's fonts-noto-cjk."
        ) from error


def _text(value):
    return "" if value is None else str(value)


def report_pdf(report: StreetReport) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_title(report.title)
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.add_page()
    _font(pdf)
    pdf.set_font("cjk", size=16)
    pdf.multi_cell(0, 10, report.title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("cjk", size=10)
    pdf.cell(0, 7, f"{_('Period')}: {report.period.start:%Y-%m-%d} – {report.period.end:%Y-%m-%d}    "
                   f"{_('Made on')}: {date_format(report.generated_on, 'Y-m-d')}",
             align="C", new_x="LMARGIN", new_y="NEXT")
    heading = FontFace(emphasis="", fill_color=(238, 238, 238))
    for section in report.sections:
        pdf.ln(4)
        pdf.set_font("cjk", size=12)
        pdf.cell(0, 8, section.title, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("cjk", size=9)
        if not section.rows:
            pdf.cell(0, 6, _("None in this period."), new_x="LMARGIN", new_y="NEXT")
        else:
            align = ["LEFT"] * (len(section.headers) - 1) + ["RIGHT"]
            with pdf.table(text_align=align, headings_style=heading) as table:
                table.row([_text(header) for header in section.headers])
                for row in section.rows:
                    table.row([_text(value) for value in row])
        if section.note:
            pdf.set_font("cjk", size=8)
            pdf.multi_cell(0, 5, section.note, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
