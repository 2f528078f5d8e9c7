"""The certificate PDF: Chinese text in an embedded CJK font, the snapshot, a QR code to the
public verification page. Only masked personal data is printed (first 1 + last 2)."""

import io

import segno
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from fpdf import FPDF
from fpdf.fonts import FontFace

from .models import Certificate


def _font(pdf):
    try:
        pdf.add_font("cjk", fname=settings.CERTIFICATE_FONT_PATH,
                     collection_font_number=settings.CERTIFICATE_FONT_INDEX)
    except FileNotFoundError as error:
        raise ImproperlyConfigured(
            f"Certificate font {settings.CERTIFICATE_FONT_PATH} is missing: install Debian's fonts-noto-cjk."
        ) from error


def certificate_pdf(certificate: Certificate, verify_url: str) -> bytes:
    data = certificate.snapshot
    pdf = FPDF(format="A4")
    pdf.set_title(f"志愿服务记录证明 {certificate.number}")
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()
    _font(pdf)
    pdf.set_font("cjk", size=20)
    pdf.cell(0, 14, "志愿服务记录证明", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("cjk", size=10)
    pdf.cell(0, 7, f"证明编号：{certificate.number}    验证码：{certificate.verification_code}", align="C",
             new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("cjk", size=12)
    body = (
        f"兹证明 {data['volunteer_name']}（{data['document_type']}：{data['id_number_public']}，"
        f"志愿者编号：{data['volunteer_number']}）于 {certificate.period_start:%Y年%m月%d日} 至 "
        f"{certificate.period_end:%Y年%m月%d日} 期间，在本单位参加志愿服务，经记录确认的志愿服务时长共计 "
        f"{data['total_hours']} 小时。服务内容如下："
    )
    pdf.multi_cell(0, 8, body, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font("cjk", size=10)
    with pdf.table(col_widths=(25, 75, 20, 60), text_align=("LEFT", "LEFT", "RIGHT", "LEFT"),
                   headings_style=FontFace(emphasis="", fill_color=(238, 238, 238))) as table:
        table.row(["日期", "活动", "时长（小时）", "服务内容"])
        for record in data["records"]:
            table.row([record["date"], record["activity"], record["hours"], record["content"]])
    pdf.ln(6)
    pdf.set_font("cjk", size=11)
    lines = [
        f"出具单位：{data['issuer']}（盖章）",
        f"负责人：{certificate.responsible_person}    经办人：{certificate.handler}    联系电话：{certificate.contact}",
        f"出具日期：{data['issued_on']}    公示期至：{certificate.publicity_ends_on:%Y-%m-%d}",
        "本证明免费出具。扫描二维码或访问验证页面输入验证码，可核验本证明真伪。",
    ]
    for line in lines:
        pdf.multi_cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    qr = io.BytesIO()
    segno.make(verify_url, error="m").save(qr, kind="png", scale=4, border=1)
    qr.seek(0)
    pdf.image(qr, x=pdf.w - 50, y=pdf.get_y() + 2, w=32)
    return bytes(pdf.output())
