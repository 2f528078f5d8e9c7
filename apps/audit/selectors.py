from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from .models import AuditEvent


@dataclass
class HistoryItem:
    time: datetime
    actor: object
    action: str
    changes: dict = field(default_factory=dict)
    note: str = ""
    subject: str = ""  # for related_history: which related object changed


def cause_note(entry) -> str:
    """What a row change names as its cause: an import writes ``{"import": {"file": …}, "unlogged":
    [fields changed whose values are never kept]}`` (``apps.imports.history``)."""
    data = entry.additional_data if isinstance(entry.additional_data, dict) else {}
    cause = data.get("import")
    if not isinstance(cause, dict) or not cause.get("file"):
        return ""
    note = _("Imported from %(file)s") % {"file": cause["file"]}
    model = entry.content_type.model_class()
    unlogged = []
    for name in data.get("unlogged") or ():
        try:
            unlogged.append(str(model._meta.get_field(name).verbose_name))
        except (AttributeError, FieldDoesNotExist):
            unlogged.append(str(name))
    if unlogged:
        note += " " + _("Also changed (values not kept in the history): %(fields)s.") % {"fields": "、".join(unlogged)}
    return note


def object_history(obj, limit=200) -> list[HistoryItem]:
    """Row changes (auditlog) and events (reveals, exports …) of one object, newest first."""
    items = [
        HistoryItem(
            time=entry.timestamp,
            actor=entry.actor,
            action=entry.get_action_display(),
            changes=entry.changes_display_dict,
            note=cause_note(entry),
        )
        for entry in LogEntry.objects.get_for_object(obj).select_related("actor", "content_type")[:limit]
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


def _display_changes(entries):
    """{entry pk: {field label: [old, new]}} for many log entries with one query per related
    model (auditlog's ``changes_display_dict`` loads each foreign key on its own)."""
    wanted = defaultdict(set)  # related model -> pks
    parsed = []
    for entry in entries:
        model = entry.content_type.model_class()
        rows = []
        for name, values in (entry.changes_dict or {}).items():
            try:
                model_field = model._meta.get_field(name) if model else None
            except FieldDoesNotExist:
                model_field = None
            values = list(values)[:2] if isinstance(values, list | tuple) else ["", values]
            if model_field is not None and model_field.many_to_one:
                for value in values:
                    if value not in (None, "None", ""):
                        wanted[model_field.related_model].add(str(value))
            rows.append((name, model_field, values))
        parsed.append((entry, rows))
    loaded = {}
    for related_model, pks in wanted.items():
        valid = set()
        for pk in pks:
            try:
                valid.add(related_model._meta.pk.to_python(pk))
            except ValidationError:
                continue
        loaded[related_model] = {str(k): str(v) for k, v in related_model._base_manager.in_bulk(valid).items()}
    result = {}
    for entry, rows in parsed:
        shown = {}
        for name, model_field, values in rows:
            label = str(model_field.verbose_name) if model_field is not None and hasattr(model_field, "verbose_name") \
                else name
            if model_field is not None and model_field.many_to_one:
                objects = loaded.get(model_field.related_model, {})
                values = [objects.get(str(v), v) if v not in (None, "None") else "" for v in values]
            elif model_field is not None and getattr(model_field, "choices", None):
                choices = {str(k): str(v) for k, v in model_field.flatchoices}
                values = [choices.get(str(v), v) if v not in (None, "None") else "" for v in values]
            else:
                values = ["" if v in (None, "None") else v for v in values]
            shown[label] = values
        result[entry.pk] = shown
    return result


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
    changes = _display_changes(entries)
    for entry in entries:
        model = entry.content_type.model_class()
        kind = capfirst(model._meta.verbose_name) if model else entry.content_type.model
        items.append(HistoryItem(time=entry.timestamp, actor=entry.actor, action=entry.get_action_display(),
                                 changes=changes[entry.pk], subject=f"{kind}: {entry.object_repr}"))
    items.sort(key=lambda item: item.time, reverse=True)
    return items[:limit]
