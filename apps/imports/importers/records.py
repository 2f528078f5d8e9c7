"""Service records: natural key is volunteer + activity + service date.

A row names the volunteer by document number (or volunteer number) and the activity by name
and date. A pending record is updated; a confirmed one is locked (corrections go through the
correction workflow) unless the row repeats it unchanged.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.activities import services
from apps.activities.models import Activity, RecordStatus, ServiceRecord
from apps.activities.rules import hours_between, record_check
from apps.core.crypto import keyed_hash
from apps.volunteers.models import DocumentType, Volunteer

from ..normalise import parse_time, text
from .base import EXAMPLE_ID_NUMBER, Change, Column, Importer, Prepared, Row

CHANGEABLE = ["started_at", "ended_at", "hours", "content"]
#: The column of each changeable field, for the preview of changes.
CHANGEABLE_COLUMNS = {"started_at": "start", "ended_at": "end", "hours": "hours", "content": "content"}


def _shown(value):
    if isinstance(value, datetime.datetime):
        return f"{timezone.localtime(value):%Y-%m-%d %H:%M}"
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"  # 2.00 (stored) and 2 (typed) read alike
    return "" if value is None else str(value)


class RecordImporter(Importer):
    kind = "records"
    model = ServiceRecord
    columns = [
        Column("id_number", "证件号码", False, gettext_lazy("the volunteer's ID card number (or the volunteer number)"),
               EXAMPLE_ID_NUMBER, ("身份证号", "身份证号码")),
        Column("volunteer_number", "志愿者编号", False, gettext_lazy("the volunteer number (or the ID card number)"),
               ""),
        Column("name", "姓名", False, gettext_lazy("the volunteer's name, checked against the number"), "张三"),
        Column("activity", "活动名称", True, gettext_lazy("the name of an activity within your area"), "重阳节敬老活动"),
        Column("date", "服务日期", True, gettext_lazy("the activity's date, e.g. 2024-03-05"), "2024-03-05"),
        Column("start", "开始时间", False, gettext_lazy("a time such as 9:00 (empty: the activity's start)"), "9:00"),
        Column("end", "结束时间", False, gettext_lazy("a time such as 11:30 (empty: the activity's end)"), "11:30"),
        Column("hours", "服务时长（小时）", False, gettext_lazy("hours with up to two decimals (empty: from the times)"),
               "2.5", ("服务时长", "时长")),
        Column("content", "服务内容", False, "", "陪伴老人"),
    ]
    field_columns = {"started_at": "start", "ended_at": "end", "hours": "hours", "volunteer": "id_number",
                     "content": "content", "activity": "activity"}

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._found_activities = {}

    def _volunteers(self):
        if self.organization is not None:
            return Volunteer.objects.for_organization(self.organization)
        if self.area is None:
            return Volunteer.objects.all()
        return Volunteer.objects.in_area(self.area)

    def _activities(self):
        if self.organization is not None:
            return Activity.objects.for_organization(self.organization)
        if self.area is None:
            return Activity.objects.all()
        return Activity.objects.in_area(self.area)

    def _find_volunteer(self, row):
        id_number, number = row.code("id_number"), row.code("volunteer_number")
        if not id_number and not number:
            row.error("id_number", _("This cell is empty."), self.column("id_number").expected)
            return None
        lookup = ({"document_type": DocumentType.RESIDENT_ID, "id_number_hash": keyed_hash(id_number)}
                  if id_number else {"number": number})
        volunteer = self._volunteers().filter(**lookup).first()
        if volunteer is None:
            column = "id_number" if id_number else "volunteer_number"
            if self.organization is not None:
                row.error(column, _("No volunteer of your organization has this number."),
                          _("a volunteer of your organization; import or add the volunteers first"))
            else:
                row.error(column, _("No volunteer with this number lives or serves within your area."),
                          _("a registered volunteer; import the volunteers first"))
            return None
        name = row.text("name")
        if name and name != volunteer.name:
            row.error("name", _("The name does not match the volunteer registered with this number."),
                      _("the registered name"))
        return volunteer

    def _find_activity(self, row, name, day):
        if (name, day) not in self._found_activities:
            self._found_activities[(name, day)] = list(self._activities().filter(name=name, starts_at__date=day)[:2])
        found = self._found_activities[(name, day)]
        if not found:
            message = (_("No activity “%(name)s” of your organization on %(day)s.") if self.organization is not None
                       else _("No activity “%(name)s” on %(day)s within your area."))
            row.error("activity", message % {"name": name, "day": day.isoformat()}, self.column("activity").expected)
        elif len(found) > 1:
            row.error("activity", _("Several activities “%(name)s” start on %(day)s.")
                      % {"name": name, "day": day.isoformat()}, _("a unique activity name for the day"))
        else:
            return found[0]
        return None

    def _time(self, row, key, day, default):
        try:
            value = parse_time(row.raw.get(key))
        except ValueError:
            row.error(key, _("“%(value)s” is not a time.") % {"value": text(row.raw.get(key))},
                      self.column(key).expected)
            return default
        if value is None:
            return default
        return timezone.make_aware(datetime.datetime.combine(day, value))

    def prepare(self, raw) -> Prepared:
        row = Row(self, raw)
        volunteer = self._find_volunteer(row)
        name, day = row.text("activity", required=True), row.date("date", required=True)
        hours = row.decimal("hours")
        content = row.text("content", max_length=200)
        activity = self._find_activity(row, name, day) if name and day else None
        row.check()
        started_at = self._time(row, "start", day, activity.starts_at)
        ended_at = self._time(row, "end", day, activity.ends_at)
        row.check()
        values = {"started_at": started_at, "ended_at": ended_at, "content": content,
                  "hours": hours if hours is not None else (
                      hours_between(started_at, ended_at) if ended_at > started_at else None)}
        existing = ServiceRecord.objects.live().filter(volunteer=volunteer, activity=activity).first()
        unchanged = existing is not None and all(getattr(existing, k) == values[k] for k in CHANGEABLE)
        if existing is not None and not unchanged and existing.status != RecordStatus.PENDING:
            row.error("", _("This record is already %(status)s and cannot be changed by import; correct it "
                            "on the record's page.") % {"status": existing.get_status_display()},
                      _("the same values as the recorded ones"))
            row.check()
        record = ServiceRecord(pk=existing.pk if existing else None, volunteer=volunteer, activity=activity,
                               recorded_by=self.actor, **values)
        try:
            record_check(record)
        except ValidationError as error:
            row.validation_error(error, self.field_columns)
        row.check()
        prepared = Prepared(key=(volunteer.pk, activity.pk, day), existing=existing, unchanged=unchanged,
                            values={"volunteer": volunteer, "activity": activity, **values})
        if existing is not None and not unchanged:
            prepared.subject = f"{volunteer.name} · {activity.name}"
            prepared.changes = [Change(CHANGEABLE_COLUMNS[key], _shown(getattr(existing, key)), _shown(values[key]))
                                for key in CHANGEABLE if getattr(existing, key) != values[key]]
        return prepared

    @transaction.atomic
    def write(self, prepared: Prepared):
        if prepared.unchanged:
            return prepared.existing
        values = dict(prepared.values)
        if prepared.existing is not None:
            return services.record_update_pending(actor=self.actor, record=prepared.existing,
                                                  **{k: values[k] for k in CHANGEABLE})
        record = ServiceRecord(recorded_by=self.actor, **values)
        record_check(record)  # again: earlier rows of this file are written by now
        record.save()
        return record
