from dataclasses import dataclass, field
from datetime import datetime

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType

from .models import AuditEvent


@dataclass
class HistoryItem:
    time: datetime
    actor: object
    action: str
    changes: dict = field(default_factory=dict)
    note: str = ""


def object_history(obj, limit=200) -> list[HistoryItem]:
    """Row changes (auditlog) and events (reveals, exports …) of one object, newest first."""
    items = [
        HistoryItem(
            time=entry.timestamp,
            actor=entry.actor,
            action=entry.get_action_display(),
            changes=entry.changes_display_dict,
        )
        for entry in LogEntry.objects.get_for_object(obj).select_related("actor")[:limit]
    ]
    content_type = ContentType.objects.get_for_model(obj)
    events = AuditEvent.objects.filter(content_type=content_type, object_id=str(obj.pk)).select_related("actor")
    items += [
        HistoryItem(time=event.created_at, actor=event.actor, action=event.get_action_display(),
                    note=", ".join(f"{k}: {v}" for k, v in event.detail.items()))
        for event in events[:limit]
    ]
    items.sort(key=lambda item: item.time, reverse=True)
    return items[:limit]
