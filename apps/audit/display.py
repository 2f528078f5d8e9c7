"""What a clerk reads of an audit entry: field labels, values as the pages show them, no internals.

django-auditlog keeps every changed value as a string (``"None"``, ``"False"``, a foreign key's id,
a UTC datetime with microseconds, a many-to-many change as a little dict). ``entry_changes`` turns
many entries at once into ``Change(label, old, new)`` rows: the field's verbose name; choices by
their label; foreign keys by the related object's name (loaded in bulk: one query per related
model, whatever the number of entries); dates as ``Y-m-d``; times in local time to the minute;
yes/no for booleans; "—" for nothing; many-to-many changes as the names added or removed. The
primary key and the automatic timestamps are left out (the entry has its own time).
``event_notes`` does the same for the details of ``AuditEvent`` rows (reveals, exports, batches).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

EMPTY = "—"
#: Longer texts are cut here: the history is a log, the record itself holds the full text.
MAX_TEXT = 200
#: Lists of more items than this are shown by their number (ids of records in a batch).
MAX_LISTED = 5


@dataclass(frozen=True)
class Change:
    label: str
    old: str
    new: str


def _empty(value) -> bool:
    return value is None or value in ("None", "")


def _cut(text: str) -> str:
    text = str(text)
    return text if len(text) <= MAX_TEXT else text[:MAX_TEXT - 1] + "…"


def _date(value) -> str:
    try:
        return datetime.date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError:
        return _cut(value)


def _datetime(value) -> str:
    """auditlog stores a datetime as naive UTC text (``2026-12-03 16:27:45.585662``)."""
    try:
        moment = datetime.datetime.fromisoformat(str(value))
    except ValueError:
        return _cut(value)
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=datetime.UTC)
    return local_minute(moment)


def local_minute(moment: datetime.datetime) -> str:
    """An aware datetime as a clerk reads it: local time, to the minute."""
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def _boolean(value) -> str:
    text = str(value).strip().lower()
    if text in ("true", "1"):
        return str(_("Yes"))
    if text in ("false", "0"):
        return str(_("No"))
    return _cut(value)


def _label(model_field, name) -> str:
    if model_field is None:
        return capfirst(name.replace("_", " "))
    return str(capfirst(getattr(model_field, "verbose_name", name)))


def _field(model, name):
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def cause_note(entry) -> str:
    """What a row change names as its cause: an import writes ``{"import": {"file": …}, "unlogged":
    [fields changed whose values are never kept]}`` (``apps.imports.history``)."""
    data = entry.additional_data if isinstance(entry.additional_data, dict) else {}
    cause = data.get("import")
    if not isinstance(cause, dict) or not cause.get("file"):
        return ""
    note = _("Imported from %(file)s") % {"file": cause["file"]}
    model = entry.content_type.model_class()
    unlogged = [_label(_field(model, name), name) for name in data.get("unlogged") or ()]
    if unlogged:
        note += " " + _("Also changed (values not kept in the history): %(fields)s.") % {"fields": "、".join(unlogged)}
    return note


def _left_out(model_field) -> bool:
    """The primary key, automatic timestamps, reverse relations (older entries of models registered
    without ``own_fields`` logged them as ``areas.Area.None``) and internal columns (not editable,
    without a name of their own, such as an area's path) are nothing a clerk changed."""
    if model_field is None:
        return False
    if model_field.auto_created and not model_field.concrete:
        return True
    internal = not getattr(model_field, "editable", True) and \
        str(getattr(model_field, "verbose_name", "")) == model_field.name.replace("_", " ")
    return bool(internal or getattr(model_field, "primary_key", False) or getattr(model_field, "auto_now", False)
                or getattr(model_field, "auto_now_add", False))


def _pairs(values):
    """The [old, new] pair of one change (auditlog stores lists; an m2m change is a dict)."""
    if isinstance(values, list | tuple):
        padded = [*values, None, None]
        return padded[0], padded[1]
    return None, values


class _RelatedNames:
    """Names of the objects foreign keys point to, loaded in one query per related model."""

    def __init__(self):
        self.wanted = defaultdict(set)
        self.loaded = {}

    def want(self, model_field, value):
        if not _empty(value):
            self.wanted[model_field.related_model].add(str(value))

    def load(self):
        for related_model, raw in self.wanted.items():
            keys = set()
            for pk in raw:
                try:
                    keys.add(related_model._meta.pk.to_python(pk))
                except ValidationError:
                    continue
            self.loaded[related_model] = {str(pk): str(obj) for pk, obj in
                                          related_model._base_manager.in_bulk(keys).items()}

    def name(self, model_field, value):
        if _empty(value):
            return EMPTY
        found = self.loaded.get(model_field.related_model, {}).get(str(value))
        if found is not None:
            return _cut(found)
        kind = capfirst(model_field.related_model._meta.verbose_name)
        return _("%(kind)s no longer in the registry") % {"kind": kind}


def _value(model_field, value, names: _RelatedNames) -> str:
    if _empty(value):
        return EMPTY
    if model_field is None:
        return _cut(value)
    if model_field.many_to_one or model_field.one_to_one:
        return names.name(model_field, value)
    if getattr(model_field, "choices", None):
        labels = {str(key): str(label) for key, label in model_field.flatchoices}
        return labels.get(str(value), _cut(value))
    if isinstance(model_field, models.BooleanField):
        return _boolean(value)
    if isinstance(model_field, models.DateTimeField):
        return _datetime(value)
    if isinstance(model_field, models.DateField):
        return _date(value)
    return _cut(value)


def _m2m(values) -> tuple[str, str]:
    objects = [str(name) for name in values.get("objects") or []]
    listed = pgettext("list separator", ", ").join(_cut(name) for name in objects) or EMPTY
    if values.get("operation") == "delete":
        return listed, EMPTY
    return EMPTY, listed


def entry_changes(entries) -> dict[int, list[Change]]:
    """{entry pk: [Change]} for auditlog entries (``select_related("content_type")`` them): one
    query per model their foreign keys point to, whatever their number."""
    names = _RelatedNames()
    parsed = []
    for entry in entries:
        model = entry.content_type.model_class()
        rows = []
        for name, values in (entry.changes_dict or {}).items():
            model_field = _field(model, name)
            if _left_out(model_field):
                continue
            if model_field is not None and (model_field.many_to_one or model_field.one_to_one):
                for value in _pairs(values):
                    names.want(model_field, value)
            rows.append((name, model_field, values))
        parsed.append((entry, rows))
    names.load()
    result = {}
    for entry, rows in parsed:
        changes = []
        for name, model_field, values in rows:
            if isinstance(values, dict) and values.get("type") == "m2m":
                old, new = _m2m(values)
            else:
                old, new = (_value(model_field, value, names) for value in _pairs(values))
            if entry.action == entry.Action.CREATE and new == EMPTY:
                continue  # a new record: only what it was created with
            changes.append(Change(_label(model_field, name), old, new))
        result[entry.pk] = changes
    return result


#: Labels of the keys audit events keep in their detail (``apps.audit.services.audit_event_record``).
DETAIL_LABELS = {
    "action": gettext_lazy("Step"), "field": gettext_lazy("Field"), "file": gettext_lazy("File"),
    "format": gettext_lazy("Format"), "query": gettext_lazy("Filters"), "reason": gettext_lazy("Reason"),
    "organization": gettext_lazy("Organization"), "records": gettext_lazy("Records"),
    "volunteers": gettext_lazy("Volunteers"), "kind": gettext_lazy("Kind"), "step": gettext_lazy("Step"),
    "search": gettext_lazy("Search"), "value": gettext_lazy("Searched for"), "matched": gettext_lazy("Matches"),
    "granting_body": gettext_lazy("Granting body"), "certificate": gettext_lazy("Certificate"),
    "report": gettext_lazy("Report"), "portal": gettext_lazy("In the portal"),
}
#: Internal keys nobody needs to read (ids of the event's own object, job ids).
DETAIL_HIDDEN = {"attachment", "job", "record", "new", "activity", "changes", "changed"}


def _detail_value(key, value, organizations, model) -> str:
    if key == "field" and _field(model, str(value)) is not None:
        return _label(_field(model, str(value)), str(value))  # a revealed field: by its label
    if key == "organization" and str(value) in organizations:
        return organizations[str(value)]
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    if isinstance(value, list | tuple):
        if len(value) > MAX_LISTED or all(isinstance(item, int) for item in value):
            return str(len(value))
        return pgettext("list separator", ", ").join(_cut(item) for item in value) or EMPTY
    if isinstance(value, dict):
        shown = (f"{k}={_cut(v)}" for k, v in value.items() if v not in ("", None))
        return pgettext("list separator", ", ").join(shown) or EMPTY
    return EMPTY if _empty(value) else _cut(value)


def event_notes(events) -> dict[int, str]:
    """{event pk: "Label: value · …"} for audit events (``select_related("content_type")`` them),
    organizations by name (one query)."""
    from apps.organizations.models import Organization

    events = list(events)
    wanted = {str(event.detail.get("organization")) for event in events
              if isinstance(event.detail, dict) and event.detail.get("organization")}
    organizations = {str(pk): name for pk, name in Organization.objects.filter(
        pk__in=[pk for pk in wanted if pk.isdigit()]).values_list("pk", "name")} if wanted else {}
    notes = {}
    for event in events:
        model = event.content_type.model_class() if event.content_type_id else None
        parts = []
        if event.row_count is not None:
            parts.append(f"{_('Rows')}: {event.row_count}")
        for key, value in (event.detail or {}).items() if isinstance(event.detail, dict) else ():
            if key in DETAIL_HIDDEN or _empty(value) or value == {}:
                continue
            parts.append(f"{capfirst(DETAIL_LABELS.get(key, key.replace('_', ' ')))}: "
                         f"{_detail_value(key, value, organizations, model)}")
        notes[event.pk] = " · ".join(parts)
    return notes
