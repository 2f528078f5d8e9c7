"""Reading the audit trail: an object's history tab (``object_history``, ``related_history``)."""

from dataclasses import dataclass, field
from datetime import datetime

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.text import capfirst

from .display import cause_note, entry_changes, event_notes
from .models import AuditEvent


@dataclass
class HistoryItem:
    time: datetime
    actor: object
    action: str
    changes: list = field(default_factory=list)  # [display.Change]: label, old, new
    note: str = ""
    subject: str = ""  # for related_history: which related object changed
    kind: str = "event"  # "create", "update", "delete" (row changes) or "event"


_KINDS = {LogEntry.Action.CREATE: "create", LogEntry.Action.UPDATE: "update", LogEntry.Action.DELETE: "delete"}


def _entry_items(entries, subject=None) -> list[HistoryItem]:
    changes = entry_changes(entries)
    items = []
    for entry in entries:
        label = ""
        if subject:
            model = entry.content_type.model_class()
            kind = capfirst(model._meta.verbose_name) if model else entry.content_type.model
            label = f"{kind}: {entry.object_repr}"
        items.append(HistoryItem(time=entry.timestamp, actor=entry.actor, action=entry.get_action_display(),
                                 changes=changes[entry.pk], note=cause_note(entry), subject=label, kind=_KINDS.get(entry.action, "update")))
    return items


def object_history(obj, limit=200) -> list[HistoryItem]:
    """Row changes (auditlog) and events (reveals, exports …) of one object, newest first, as a clerk
    reads them (``display``): a fixed number of queries, whatever the number of entries."""
    entries = list(LogEntry.objects.get_for_object(obj).select_related("actor", "content_type")[:limit])
    items = _entry_items(entries)
    content_type = ContentType.objects.get_for_model(obj)
    events = list(AuditEvent.objects.filter(content_type=content_type, object_id=str(obj.pk))
                  .select_related("actor", "content_type")[:limit])
    notes = event_notes(events)
    items += [HistoryItem(time=event.created_at, actor=event.actor, action=event.get_action_display(),
                          note=notes[event.pk]) for event in events]
    items.sort(key=lambda item: item.time, reverse=True)
    return items[:limit]


def related_history(obj, related_querysets, limit=200) -> list[HistoryItem]:
    """``object_history(obj)`` plus the row changes of the objects in ``related_querysets``
    (e.g. an organization's annual reports, grades, credit listings), newest first. Each item
    of a related object names it in ``subject``. A fixed number of queries: one for the log
    entries of all related objects, one per model their foreign keys point to."""
    items = object_history(obj, limit=limit)
    condition = Q()
    for queryset in related_querysets:
        content_type = ContentType.objects.get_for_model(queryset.model)
        condition |= Q(content_type=content_type, object_id__in=queryset.order_by().values("pk"))
    if not condition:
        return items
    entries = list(LogEntry.objects.filter(condition).select_related("actor", "content_type")
                   .order_by("-timestamp", "-pk")[:limit])
    items += _entry_items(entries, subject=True)
    items.sort(key=lambda item: item.time, reverse=True)
    return items[:limit]
