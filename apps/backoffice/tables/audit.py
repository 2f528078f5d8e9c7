"""Tables of the audit log: each page's rows read as a clerk's log (``apps.audit.display``), the
related names and event details of a page loaded at once (constant queries per page)."""

import django_tables2 as tables
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from apps.audit.display import EMPTY, entry_changes, event_notes, local_minute
from apps.core.tables import StableTable


def _record_type(record):
    model = record.content_type.model_class() if record.content_type_id else None
    return capfirst(model._meta.verbose_name) if model else EMPTY


class _AuditTable(StableTable):
    time = tables.Column(verbose_name=_("time"), attrs={"td": {"class": "text-nowrap"}})
    actor = tables.Column(verbose_name=_("user"), order_by=("actor__username",), default=_("system"),
                          attrs={"td": {"class": "text-nowrap"}, "th": {"class": "text-nowrap"}})
    record_type = tables.Column(verbose_name=_("record type"), accessor="content_type", orderable=False,
                                attrs={"td": {"class": "text-nowrap"}, "th": {"class": "text-nowrap"}})
    object_repr = tables.Column(verbose_name=_("record"), default=EMPTY)

    def render_time(self, value):
        return local_minute(value)

    def render_record_type(self, record):
        return _record_type(record)

    def render_action(self, record):
        return record.get_action_display()

    @cached_property
    def page_rows(self):
        page = getattr(self, "page", None)
        rows = page.object_list if page is not None else self.rows
        return [row.record for row in rows]


class LogEntryTable(_AuditTable):
    time = tables.Column(verbose_name=_("time"), accessor="timestamp", attrs={"td": {"class": "text-nowrap"}})
    action = tables.Column(verbose_name=_("action"), attrs={"td": {"class": "text-nowrap"}, "th": {"class": "text-nowrap"}})
    changes = tables.Column(verbose_name=_("changes"), accessor="pk", orderable=False)

    class Meta:
        model = None
        fields = ()
        sequence = ("time", "actor", "action", "record_type", "object_repr", "changes")
        order_by = "-time"
        attrs = {"data-testid": "audit-log"}

    @cached_property
    def _changes(self):
        return entry_changes(self.page_rows)

    def render_changes(self, record):
        rows = self._changes.get(record.pk, [])
        if not rows:
            return EMPTY
        if record.action == record.Action.CREATE:
            return format_html_join("", "<div><strong>{}</strong>: {}</div>",
                                    ((change.label, change.new) for change in rows))
        return format_html_join("", "<div><strong>{}</strong>: {} → {}</div>",
                                ((change.label, change.old, change.new) for change in rows))


class AuditEventTable(_AuditTable):
    time = tables.Column(verbose_name=_("time"), accessor="created_at", attrs={"td": {"class": "text-nowrap"}})
    action = tables.Column(verbose_name=_("action"), attrs={"td": {"class": "text-nowrap"}, "th": {"class": "text-nowrap"}})
    detail = tables.Column(verbose_name=_("detail"), accessor="pk", orderable=False)

    class Meta:
        model = None
        fields = ()
        sequence = ("time", "actor", "action", "record_type", "object_repr", "detail")
        order_by = "-time"
        attrs = {"data-testid": "audit-events"}

    @cached_property
    def _notes(self):
        return event_notes(self.page_rows)

    def render_detail(self, record):
        return format_html("{}", self._notes.get(record.pk) or EMPTY)
