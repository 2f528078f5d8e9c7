"""Tables of the audit log: each page's rows read as a clerk's log (``apps.audit.display``), the
related names and event details of a page loaded at once (constant queries per page)."""

import django_tables2 as tables
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from apps.audit.display import EMPTY, cause_note, entry_changes, event_notes, local_minute
from apps.core.tables import StableTable


# On a phone the table fits 390 px: the record type is left out below the md breakpoint, long
# values break, the time wraps between its date and its time of day.
NOWRAP = {"td": {"class": "text-nowrap"}, "th": {"class": "text-nowrap"}}
WIDE_ONLY = {"td": {"class": "d-none d-md-table-cell"}, "th": {"class": "d-none d-md-table-cell"}}
BREAKS = {"td": {"class": "text-break"}}


def _record_type(record):
    model = record.content_type.model_class() if record.content_type_id else None
    return capfirst(model._meta.verbose_name) if model else EMPTY


class _AuditTable(StableTable):
    time = tables.Column(verbose_name=_("time"))
    actor = tables.Column(verbose_name=_("user"), order_by=("actor__username",), default=_("system"), attrs=BREAKS)
    record_type = tables.Column(verbose_name=_("record type"), accessor="content_type", orderable=False,
                                attrs=WIDE_ONLY)
    object_repr = tables.Column(verbose_name=_("record"), default=EMPTY, attrs=BREAKS)

    def render_time(self, value):
        day, minute = local_minute(value).split(" ")
        return format_html('<span class="text-nowrap">{}</span> {}', day, minute)

    def render_record_type(self, record):
        return _record_type(record)

    def render_action(self, record):
        return capfirst(record.get_action_display())  # auditlog's own labels are lower case in English

    @cached_property
    def page_rows(self):
        page = getattr(self, "page", None)
        rows = page.object_list if page is not None else self.rows
        return [row.record for row in rows]


class LogEntryTable(_AuditTable):
    time = tables.Column(verbose_name=_("time"), accessor="timestamp")
    action = tables.Column(verbose_name=_("action"), attrs=NOWRAP)
    changes = tables.Column(verbose_name=_("changes"), accessor="pk", orderable=False, attrs=BREAKS)

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
        note = cause_note(record)  # an import names its file, as in the record's own history
        if not rows and not note:
            return EMPTY
        # One block in the cell: on a phone the cell is a card line (label, then the changes).
        if record.action == record.Action.CREATE:
            lines = format_html_join("", "<div><strong>{}</strong>: {}</div>",
                                     ((change.label, change.new) for change in rows))
        else:
            lines = format_html_join("", "<div><strong>{}</strong>: {} → {}</div>",
                                     ((change.label, change.old, change.new) for change in rows))
        if note:
            lines = format_html('{}<div class="text-muted small">{}</div>', lines, note)
        return format_html("<div>{}</div>", lines)


class AuditEventTable(_AuditTable):
    time = tables.Column(verbose_name=_("time"), accessor="created_at")
    action = tables.Column(verbose_name=_("action"), attrs=BREAKS)
    detail = tables.Column(verbose_name=_("detail"), accessor="pk", orderable=False, attrs=BREAKS)

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
