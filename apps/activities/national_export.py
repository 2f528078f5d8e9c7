"""Service records as CSV for entry into the national volunteer information system
(全国志愿服务信息系统). One row per confirmed record; UTF-8 with BOM so that spreadsheet
programs open the Chinese text. Columns, in order:

====  ==============  =====================================================================
 1    志愿者编号        the deployment's volunteer number
 2    姓名              the volunteer's name
 3    证件类型          居民身份证 / 港澳台居民通行证 / 外国人永久居留证 / 护照
 4    证件号码          full number for users allowed to reveal it (the export is audited),
                       masked (first 6 + last 4) for everybody else
 5    活动名称          the activity
 6    组织单位          organizing organization, or the community for residents' committees
 7    服务类别          activity category
 8    服务日期          YYYY-MM-DD (Asia/Shanghai)
 9    开始时间          YYYY-MM-DD HH:MM
10    结束时间          YYYY-MM-DD HH:MM
11    服务时长（小时）   two decimals
12    服务内容          the record's content, else the activity's category
13    记录状态          always 已确认 (only confirmed records are exported)
14    记录编号          this system's record id, for reconciliation
====  ==============  =====================================================================
"""

import csv
import io

from django.utils import timezone
from django.utils.translation import override

from apps.core.masking import mask_id_number

from .models import RecordStatus

DOCUMENT_TYPE_LABELS = {
    "resident_id": "居民身份证", "hmt_permit": "港澳台居民通行证", "foreign_pr": "外国人永久居留证",
    "passport": "护照",
}
COLUMNS = ["志愿者编号", "姓名", "证件类型", "证件号码", "活动名称", "组织单位", "服务类别", "服务日期",
           "开始时间", "结束时间", "服务时长（小时）", "服务内容", "记录状态", "记录编号"]


def national_csv(records, *, full_id: bool) -> str:
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    records = records.filter(status=RecordStatus.CONFIRMED).order_by("started_at", "pk")
    related = records.query.select_related
    if isinstance(related, dict) and "volunteer" in related and records.query.deferred_loading == (frozenset(), True):
        records = records.defer("volunteer__phone")  # not exported: not decrypted either
    categories = {}  # category -> label (get_FOO_display() rebuilds the choices on every call)
    with override("zh-hans"):
        for record in records.iterator(2000):
            volunteer, activity = record.volunteer, record.activity
            start, end = timezone.localtime(record.started_at), timezone.localtime(record.ended_at)
            organizer = activity.organization.name if activity.organization_id else activity.community.name
            category = categories.get(activity.category)
            if category is None:
                category = categories[activity.category] = str(activity.get_category_display())
            writer.writerow([
                volunteer.number, volunteer.name, DOCUMENT_TYPE_LABELS[volunteer.document_type],
                volunteer.id_number if full_id else mask_id_number(volunteer.id_number),
                activity.name, organizer, category, f"{start:%Y-%m-%d}",
                f"{start:%Y-%m-%d %H:%M}", f"{end:%Y-%m-%d %H:%M}", f"{record.hours:.2f}",
                record.content or category, "已确认", record.pk,
            ])
    return out.getvalue()
